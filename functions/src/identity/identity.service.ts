import { AppError } from "../platform/errors";
import { adminAuth } from "../platform/firebase";
import { msSince, now } from "../platform/clock";
import { currentShop, primaryRole, requireShop, type Actor } from "./actor";
import {
  addMembership,
  createInvite as storeInvite,
  createProfile,
  getShop,
  getShops,
  newShopId,
  removeMembership,
  revokeSessions,
  setCurrentShop as storeCurrentShop,
  syncMembershipClaims,
  withInvite,
} from "./identity.repository";
import type { CreateInviteBody, InviteDoc, InviteResponse, Memberships, MeResponse, RegisterBody, ShopDoc, ShopRole } from "./identity.schema";
import { logCurrentShopSet, logInviteAccepted, logInviteCreated, logMemberRemoved, logRegistrationRolledBack, logUserRegistered } from "./identity.logs";
import { geohashFor } from "../shops/geo";

/** Creates the Auth user, the profile and (for owners) a first shop; all or nothing. */
export async function registerUser(body: RegisterBody): Promise<MeResponse> {
  const started = process.hrtime.bigint();
  let uid: string;
  try {
    const user = await adminAuth().createUser({ email: body.email, password: body.password, displayName: body.display_name });
    uid = user.uid;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "auth/email-already-exists") throw new AppError("CONFLICT", `An account with ${body.email} already exists`);
    if (code === "auth/invalid-password") throw new AppError("INVALID_DATA", "password must be at least 6 characters");
    if (code === "auth/invalid-email") throw new AppError("INVALID_DATA", "email is not a valid address");
    throw err;
  }

  const at = now();
  const shopId = body.role === "owner" ? newShopId() : null;
  const shopName = body.shop?.name ?? `${body.display_name ?? body.email.split("@")[0]}'s shop`;
  try {
    await createProfile({
      uid,
      email: body.email,
      displayName: body.display_name ?? null,
      shop: shopId
        ? {
            id: shopId,
            doc: newShopDoc(uid, { ...body.shop, name: shopName }),
          }
        : undefined,
      at,
    });
    await syncMembershipClaims(uid, shopId ? { [shopId]: "owner" } : {});
  } catch (err) {
    // The profile batch is atomic; undo the Auth user so the email can register again.
    await adminAuth().deleteUser(uid).catch(() => undefined);
    logRegistrationRolledBack({ uid, reason: err instanceof Error ? err.message : String(err) });
    throw err;
  }

  const shops: Memberships = shopId ? { [shopId]: "owner" } : {};
  logUserRegistered({ uid, role: primaryRole(shops), shopId, latencyMs: msSince(started) });
  return {
    uid,
    email: body.email,
    display_name: body.display_name ?? null,
    role: primaryRole(shops),
    shops: shopId ? [{ shop_id: shopId, name: shopName, role: "owner" }] : [],
    current_shop_id: shopId,
  };
}

/** The stored fields of a new shop (before `created_at`): defaults for what was not given, the geohash derived here. */
export function newShopDoc(
  ownerId: string,
  fields: Partial<Pick<ShopDoc, "category" | "address" | "city" | "phone" | "location" | "opening_hours" | "active">> & {
    name: string;
    order_settings?: Partial<ShopDoc["order_settings"]>;
  },
): Omit<ShopDoc, "created_at"> {
  const location = fields.location ?? null;
  return {
    name: fields.name,
    owner_id: ownerId,
    address: fields.address ?? null,
    city: fields.city ?? null,
    phone: fields.phone ?? null,
    location,
    geohash: location ? geohashFor(location) : null,
    category: fields.category ?? null,
    active: fields.active ?? true,
    opening_hours: fields.opening_hours ?? null,
    order_settings: {
      accepting_orders: fields.order_settings?.accepting_orders ?? true,
      default_preparation_minutes: fields.order_settings?.default_preparation_minutes ?? 20,
    },
  };
}

/** The caller's profile with the names of their shops. */
export async function describeMe(actor: Actor): Promise<MeResponse> {
  const shops = await getShops(Object.keys(actor.shops));
  return {
    uid: actor.uid,
    email: actor.email,
    display_name: actor.displayName,
    role: actor.role,
    shops: Object.entries(actor.shops).map(([shopId, role]) => ({ shop_id: shopId, name: shops.get(shopId)?.name ?? shopId, role })),
    current_shop_id: currentShop(actor),
  };
}

/** The caller chooses the shop their requests act on when they name none; remembered on the profile. */
export async function chooseCurrentShop(actor: Actor, shopId: string): Promise<MeResponse> {
  requireShop(actor, shopId);
  await storeCurrentShop(actor.uid, shopId, now());
  logCurrentShopSet({ uid: actor.uid, shopId });
  return describeMe({ ...actor, currentShopId: shopId });
}

/**
 * An owner removes a staff member from their shop. Effective at once: the API reads memberships
 * from Firestore on every request and the security rules read the member document, so neither
 * trusts the old token; the token claims are rewritten and the user's refresh tokens revoked.
 */
export async function removeMember(actor: Actor, shopId: string, uid: string): Promise<void> {
  requireShop(actor, shopId, ["owner"]);
  if (uid === actor.uid) throw new AppError("FORBIDDEN", "An owner cannot remove themselves from their shop");
  const left = await removeMembership(shopId, uid, now(), (role) => {
    if (role === "owner") throw new AppError("FORBIDDEN", "Owners cannot be removed from a shop; only staff can");
  });
  if (left === null) throw new AppError("NOT_FOUND", `User ${uid} is not a member of shop ${shopId}`);
  await syncMembershipClaims(uid, left);
  await revokeSessions(uid);
  logMemberRemoved({ shopId, uid, actorId: actor.uid });
}

function renderInvite(id: string, invite: InviteDoc): InviteResponse {
  return {
    id,
    shop_id: invite.shop_id,
    shop_name: invite.shop_name,
    role: invite.role,
    email: invite.email,
    status: invite.status,
    expires_at: invite.expires_at.toISOString(),
  };
}

/** An owner invites staff to one of their shops; the invite id is the code to share. */
export async function inviteStaff(actor: Actor, shopId: string, body: CreateInviteBody): Promise<InviteResponse> {
  requireShop(actor, shopId, ["owner"]);
  const shop = await getShop(shopId);
  if (!shop) throw new AppError("NOT_FOUND", `Shop ${shopId} does not exist`);
  const at = now();
  const invite: InviteDoc = {
    shop_id: shopId,
    shop_name: shop.name,
    role: body.role,
    email: body.email ?? null,
    created_by: actor.uid,
    created_at: at,
    expires_at: new Date(at.getTime() + body.expires_in_hours * 3600_000),
    status: "pending",
    accepted_by: null,
    accepted_at: null,
  };
  const id = await storeInvite(invite);
  logInviteCreated({ inviteId: id, shopId, actorId: actor.uid, restrictedToEmail: invite.email !== null });
  return renderInvite(id, invite);
}

/** The caller accepts an invite and becomes staff of its shop; accepting twice is harmless. */
export async function acceptInvite(actor: Actor, inviteId: string): Promise<{ shop_id: string; role: ShopRole; refresh_token: true }> {
  const started = process.hrtime.bigint();
  const at = now();
  const { shopId, role, shops } = await withInvite(
    inviteId,
    (tx, invite, user) => {
      if (!invite || invite.status === "revoked") throw new AppError("NOT_FOUND", "This invite does not exist or was revoked");
      const current = user?.shops ?? {};
      if (invite.status === "accepted") {
        if (invite.accepted_by === actor.uid) return { shopId: invite.shop_id, role: current[invite.shop_id] ?? invite.role, shops: current };
        throw new AppError("CONFLICT", "This invite was already used by someone else");
      }
      if (invite.expires_at.getTime() < at.getTime()) throw new AppError("FORBIDDEN", "This invite has expired: ask the owner for a new one");
      if (invite.email && invite.email !== actor.email.toLowerCase()) {
        throw new AppError("FORBIDDEN", "This invite was made for a different email address");
      }
      // Anyone can register an address; only its owner can verify it.
      if (invite.email && actor.emailVerified !== true) {
        throw new AppError("FORBIDDEN", "This invite is for a verified email address: verify yours (the link Firebase Auth sends), then sign in again and retry");
      }
      if (current[invite.shop_id]) {
        throw new AppError("CONFLICT", `You are already ${current[invite.shop_id]} of this shop`);
      }
      addMembership(tx, {
        inviteId,
        shopId: invite.shop_id,
        uid: actor.uid,
        email: actor.email,
        role: invite.role,
        userExists: user !== null,
        at,
      });
      return { shopId: invite.shop_id, role: invite.role as ShopRole, shops: { ...current, [invite.shop_id]: invite.role as ShopRole } };
    },
    actor.uid,
  );
  await syncMembershipClaims(actor.uid, shops);
  logInviteAccepted({ inviteId, shopId, actorId: actor.uid, role, latencyMs: msSince(started) });
  return { shop_id: shopId, role, refresh_token: true };
}
