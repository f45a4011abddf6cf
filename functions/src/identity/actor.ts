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
  /** The shop the caller chose to act on when a request names none (null: never chose). */
  currentShopId?: string | null;
  /** The Auth token says the caller proved they own their email address. */
  emailVerified?: boolean;
  /** A platform operator (the `platform_operator` custom claim, set only by `npm run admin`). */
  operator?: boolean;
}

/** The custom claim that makes a user a platform operator; set by tools/admin.ts, never by the API. */
export const OPERATOR_CLAIM = "platform_operator";

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
    currentShopId: profile?.current_shop_id ?? null,
    emailVerified: token.email_verified === true,
    operator: token[OPERATOR_CLAIM] === true,
  };
}

/**
 * The shop a request acts on when it names none: the caller's chosen current shop while they
 * are still a member of it, otherwise their first shop (by id), or null with no shop at all.
 */
export function currentShop(actor: Actor): string | null {
  if (actor.currentShopId && roleIn(actor, actor.currentShopId)) return actor.currentShopId;
  const ids = Object.keys(actor.shops).sort();
  return ids[0] ?? null;
}

/** The caller's role in a shop, or null when they are not a member. */
export function roleIn(actor: Actor, shopId: string): ShopRole | null {
  return Object.prototype.hasOwnProperty.call(actor.shops, shopId) ? actor.shops[shopId] : null;
}

/**
 * Picks the shop a request acts on: an explicit `shopId` (query or `X-Shop-Id`) when given,
 * otherwise the caller's current shop (see `currentShop`). Members only, restricted to `roles`.
 */
export function requireShop(actor: Actor, explicitShopId: string | undefined, roles: readonly ShopRole[] = ["owner", "staff"]): { shopId: string; role: ShopRole } {
  const shopId = explicitShopId || currentShop(actor);
  if (!shopId) throw new AppError("FORBIDDEN", "You are not a member of any shop");
  const role = roleIn(actor, shopId);
  if (!role) throw new AppError("FORBIDDEN", `You are not a member of shop ${shopId}`);
  if (!roles.includes(role)) throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role in shop ${shopId}; you are ${role}`);
  return { shopId, role };
}
