import { FieldValue, type Transaction, type WriteBatch } from "firebase-admin/firestore";
import { db, adminAuth } from "../platform/firebase";
import { parseSnapshot, runTransaction } from "../platform/firestore";
import { InviteDoc, Memberships, ShopDoc, UserDoc, type ShopRole } from "./identity.schema";

/** Firestore paths of the identity domain. */
export const usersCol = () => db().collection("users");
export const shopsCol = () => db().collection("shops");
export const membersCol = (shopId: string) => shopsCol().doc(shopId).collection("members");
export const invitesCol = () => db().collection("invites");

/** Reads a user's profile, or null when the user never registered through the API. */
export async function getUser(uid: string): Promise<UserDoc | null> {
  return parseSnapshot(UserDoc, await usersCol().doc(uid).get());
}

/** Reads several shops at once (one round trip), skipping missing ones. */
export async function getShops(shopIds: string[]): Promise<Map<string, ShopDoc>> {
  const out = new Map<string, ShopDoc>();
  if (shopIds.length === 0) return out;
  const snaps = await db().getAll(...shopIds.map((id) => shopsCol().doc(id)));
  for (const snap of snaps) {
    const shop = parseSnapshot(ShopDoc, snap);
    if (shop) out.set(snap.id, shop);
  }
  return out;
}

/** Reads one shop, or null. */
export async function getShop(shopId: string): Promise<ShopDoc | null> {
  return parseSnapshot(ShopDoc, await shopsCol().doc(shopId).get());
}

/** A fresh auto-id for a new shop. */
export function newShopId(): string {
  return shopsCol().doc().id;
}

/** Writes a new user's profile, and their first shop with its owner membership, atomically. */
export async function createProfile(input: {
  uid: string;
  email: string;
  displayName: string | null;
  shop?: { id: string; doc: Omit<ShopDoc, "created_at"> };
  at: Date;
}): Promise<void> {
  const batch = db().batch();
  const shops: Memberships = input.shop ? { [input.shop.id]: "owner" } : {};
  batch.create(usersCol().doc(input.uid), {
    email: input.email,
    display_name: input.displayName,
    shops,
    current_shop_id: input.shop?.id ?? null,
    created_at: input.at,
    updated_at: input.at,
  });
  if (input.shop) writeShopWithOwner(batch, input.shop, { uid: input.uid, email: input.email }, input.at);
  await batch.commit();
}

/** Creates a shop document and its owner's membership (registration and `POST /v1/shops`). */
function writeShopWithOwner(
  writer: Pick<WriteBatch, "create"> | Pick<Transaction, "create">,
  shop: { id: string; doc: Omit<ShopDoc, "created_at"> },
  owner: { uid: string; email: string },
  at: Date,
): void {
  (writer as Pick<WriteBatch, "create">).create(shopsCol().doc(shop.id), { ...shop.doc, created_at: at });
  (writer as Pick<WriteBatch, "create">).create(membersCol(shop.id).doc(owner.uid), { role: "owner", email: owner.email, joined_at: at });
}

/**
 * An existing user opens another shop, atomically: the shop, their owner membership and the
 * profile's `shops` map. `check` sees the current memberships first and may refuse. Returns the
 * memberships after the change (to mirror into the claims).
 */
export async function createOwnedShop(
  owner: { uid: string; email: string },
  shop: { id: string; doc: Omit<ShopDoc, "created_at"> },
  at: Date,
  check: (current: Memberships) => void,
): Promise<Memberships> {
  return db().runTransaction(async (tx) => {
    const userRef = usersCol().doc(owner.uid);
    const user = parseSnapshot(UserDoc, await tx.get(userRef));
    const current = user?.shops ?? {};
    check(current);
    writeShopWithOwner(tx, shop, owner, at);
    if (user) tx.update(userRef, { [`shops.${shop.id}`]: "owner", updated_at: at });
    else tx.set(userRef, { email: owner.email, display_name: null, shops: { [shop.id]: "owner" }, created_at: at, updated_at: at });
    return { ...current, [shop.id]: "owner" as const };
  });
}

/** Stores a new invitation under a random, unguessable id and returns that id. */
export async function createInvite(invite: InviteDoc): Promise<string> {
  const ref = invitesCol().doc();
  await ref.create(invite);
  return ref.id;
}

/** Runs `fn` inside a transaction with the invite read first. */
export async function withInvite<T>(
  inviteId: string,
  fn: (tx: Transaction, invite: InviteDoc | null, user: UserDoc | null) => Promise<T> | T,
  uid: string,
): Promise<T> {
  return runTransaction(db(), async (tx) => {
    const [inviteSnap, userSnap] = await tx.getAll(invitesCol().doc(inviteId), usersCol().doc(uid));
    return fn(tx, parseSnapshot(InviteDoc, inviteSnap), parseSnapshot(UserDoc, userSnap));
  });
}

/** Inside a transaction: records an accepted invite and the membership it grants. */
export function addMembership(
  tx: Transaction,
  input: { inviteId: string; shopId: string; uid: string; email: string; role: ShopRole; userExists: boolean; at: Date },
): void {
  tx.update(invitesCol().doc(input.inviteId), { status: "accepted", accepted_by: input.uid, accepted_at: input.at });
  tx.set(membersCol(input.shopId).doc(input.uid), {
    role: input.role,
    email: input.email,
    joined_at: input.at,
    invite_id: input.inviteId,
  });
  const userRef = usersCol().doc(input.uid);
  if (input.userExists) {
    tx.update(userRef, { [`shops.${input.shopId}`]: input.role, updated_at: input.at });
  } else {
    tx.set(userRef, {
      email: input.email,
      display_name: null,
      shops: { [input.shopId]: input.role },
      current_shop_id: input.shopId,
      created_at: input.at,
      updated_at: input.at,
    });
  }
}

/** Mirrors a user's memberships into their ID token claims so security rules read them for free. */
export async function syncMembershipClaims(uid: string, shops: Memberships): Promise<void> {
  const user = await adminAuth().getUser(uid);
  const claims = { ...(user.customClaims ?? {}), shops };
  await adminAuth().setCustomUserClaims(uid, claims);
}

/** Remembers the shop a user's requests act on when they name none. */
export async function setCurrentShop(uid: string, shopId: string, at: Date): Promise<void> {
  await usersCol().doc(uid).update({ current_shop_id: shopId, updated_at: at });
}

/**
 * Removes a staff member from a shop in one transaction: the member document and the shop on
 * their profile go together (a remembered current shop that was this one is forgotten). Answers
 * the memberships left, or null when the user was not a member. `check` may refuse (e.g. owners).
 */
export async function removeMembership(
  shopId: string,
  uid: string,
  at: Date,
  check: (role: ShopRole) => void,
): Promise<Memberships | null> {
  return db().runTransaction(async (tx) => {
    const memberRef = membersCol(shopId).doc(uid);
    const userRef = usersCol().doc(uid);
    const [memberSnap, userSnap] = await tx.getAll(memberRef, userRef);
    if (!memberSnap.exists) return null;
    check(memberSnap.get("role") as ShopRole);
    const user = parseSnapshot(UserDoc, userSnap);
    tx.delete(memberRef);
    const left: Memberships = Object.create(null);
    for (const [id, role] of Object.entries(user?.shops ?? {})) if (id !== shopId) left[id] = role;
    if (user) {
      tx.update(userRef, {
        [`shops.${shopId}`]: FieldValue.delete(),
        ...(user.current_shop_id === shopId ? { current_shop_id: null } : {}),
        updated_at: at,
      });
    }
    return { ...left };
  });
}

/** Ends every session of a user: their refresh tokens stop working, and so do ID tokens checked for revocation. */
export async function revokeSessions(uid: string): Promise<void> {
  await adminAuth().revokeRefreshTokens(uid);
}

/** Sets or clears the platform-operator custom claim of the user with this email; answers their uid. */
export async function setOperatorClaim(email: string, claim: string, operator: boolean): Promise<string> {
  const user = await adminAuth().getUserByEmail(email);
  const claims: Record<string, unknown> = { ...(user.customClaims ?? {}) };
  if (operator) claims[claim] = true;
  else delete claims[claim];
  await adminAuth().setCustomUserClaims(user.uid, claims);
  return user.uid;
}
