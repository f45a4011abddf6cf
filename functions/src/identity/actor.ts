import type { DecodedIdToken } from "firebase-admin/auth";
import { AppError } from "../platform/errors";
import { getUser } from "./identity.repository";
import type { Memberships, Role, ShopRole } from "./identity.schema";

/** The signed-in caller of a request, with their shop memberships. */
export interface Actor {
  uid: string;
  email: string;
  displayName: string | null;
  role: Role;
  shops: Memberships;
}

/** Owner anywhere beats staff anywhere; no membership at all means customer. */
export function primaryRole(shops: Memberships): Role {
  const roles = Object.values(shops);
  if (roles.includes("owner")) return "owner";
  if (roles.includes("staff")) return "staff";
  return "customer";
}

/** Builds the actor from a verified token and the stored profile (the source of truth). */
export async function loadActor(token: DecodedIdToken): Promise<Actor> {
  const profile = await getUser(token.uid);
  const shops = profile?.shops ?? {};
  return {
    uid: token.uid,
    email: profile?.email ?? token.email ?? "",
    displayName: profile?.display_name ?? null,
    role: primaryRole(shops),
    shops,
  };
}

/** The caller's role in a shop, or null when they are not a member. */
export function roleIn(actor: Actor, shopId: string): ShopRole | null {
  return Object.prototype.hasOwnProperty.call(actor.shops, shopId) ? actor.shops[shopId] : null;
}

/**
 * Picks the shop a request acts on: an explicit `shopId` (query or `X-Shop-Id`) when given,
 * otherwise the caller's only shop. Members only, restricted to `roles`.
 */
export function requireShop(actor: Actor, explicitShopId: string | undefined, roles: readonly ShopRole[] = ["owner", "staff"]): { shopId: string; role: ShopRole } {
  let shopId = explicitShopId;
  if (!shopId) {
    const ids = Object.keys(actor.shops);
    if (ids.length === 1) shopId = ids[0];
    else if (ids.length === 0) throw new AppError("FORBIDDEN", "You are not a member of any shop");
    else throw new AppError("INVALID_DATA", "You belong to several shops: say which with ?shopId= or the X-Shop-Id header", { shops: ids });
  }
  const role = roleIn(actor, shopId);
  if (!role) throw new AppError("FORBIDDEN", `You are not a member of shop ${shopId}`);
  if (!roles.includes(role)) throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role in shop ${shopId}; you are ${role}`);
  return { shopId, role };
}
