import { AppError } from "../platform/errors";
import { msSince, now } from "../platform/clock";
import { roleIn, type Actor } from "../identity/actor";
import type { GeoPoint, ShopDoc } from "../identity/identity.schema";
import { createOwnedShop, getShop, newShopId, syncMembershipClaims } from "../identity/identity.repository";
import { newShopDoc } from "../identity/identity.service";
import { listProducts } from "../inventory/products.service";
import type { ListProductsQuery, ProductResponse } from "../inventory/products.schema";
import { geohashFor, geohashRangesWithin, haversineKm, roundKm } from "./geo";
import { isOpenAt } from "./shops.hours";
import { mutateShop, shopsInGeohashRanges, type StoredShop } from "./shops.repository";
import { logNearbyQueried, logShopCreated, logShopUpdated } from "./shops.logs";
import { MAX_MEMBERSHIPS_PER_USER, type CreateShopBody, type NearbyShop, type ShopItem, type ShopResponse, type UpdateShopBody } from "./shops.schema";

/** Renders a stored shop for the API; `at` decides `open_now`. */
export function toShopResponse(id: string, doc: ShopDoc, at: Date): ShopResponse {
  return {
    id,
    name: doc.name,
    category: doc.category,
    address: doc.address,
    city: doc.city,
    phone: doc.phone,
    location: doc.location,
    geohash: doc.geohash,
    active: doc.active,
    opening_hours: doc.opening_hours,
    open_now: isOpenAt(doc.opening_hours, at),
    order_settings: doc.order_settings,
    owner_id: doc.owner_id,
    created_at: doc.created_at.toISOString(),
  };
}

/** An owner (of at least one shop) opens another shop and becomes its owner; the ID token's claims follow. */
export async function openShop(actor: Actor, body: CreateShopBody): Promise<ShopResponse> {
  const started = process.hrtime.bigint();
  if (actor.role !== "owner") {
    throw new AppError("FORBIDDEN", "Only shop owners open shops: register as an owner first (POST /v1/auth/register)");
  }
  const at = now();
  const shopId = newShopId();
  const doc = newShopDoc(actor.uid, body);
  const memberships = await createOwnedShop({ uid: actor.uid, email: actor.email }, { id: shopId, doc }, at, (current) => {
    if (Object.keys(current).length >= MAX_MEMBERSHIPS_PER_USER) {
      throw new AppError("CONFLICT", `You already belong to ${MAX_MEMBERSHIPS_PER_USER} shops, the most one account may have`);
    }
  });
  await syncMembershipClaims(actor.uid, memberships);
  logShopCreated({ shopId, actorId: actor.uid, latencyMs: msSince(started) });
  return toShopResponse(shopId, { ...doc, created_at: at }, at);
}

/** Applies an edit to a stored shop: the next document and the fields that changed. */
export function applyShopEdit(current: ShopDoc, body: UpdateShopBody): { next: ShopDoc; changed: string[] } {
  const next: ShopDoc = { ...current, order_settings: { ...current.order_settings } };
  if (body.name !== undefined) next.name = body.name;
  if (body.category !== undefined) next.category = body.category;
  if (body.address !== undefined) next.address = body.address;
  if (body.city !== undefined) next.city = body.city;
  if (body.phone !== undefined) next.phone = body.phone;
  if (body.opening_hours !== undefined) next.opening_hours = body.opening_hours;
  if (body.active !== undefined) next.active = body.active;
  if (body.location !== undefined) {
    next.location = body.location;
    // Derived on the server only: a client never sends a geohash.
    next.geohash = body.location ? geohashFor(body.location) : null;
  }
  if (body.order_settings?.accepting_orders !== undefined) next.order_settings.accepting_orders = body.order_settings.accepting_orders;
  if (body.order_settings?.default_preparation_minutes !== undefined) {
    next.order_settings.default_preparation_minutes = body.order_settings.default_preparation_minutes;
  }
  const changed = (Object.keys(next) as Array<keyof ShopDoc>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  return { next, changed };
}

/** The shop's owner edits it (one transaction); an edit that changes nothing writes nothing. */
export async function editShop(actor: Actor, shopId: string, body: UpdateShopBody): Promise<ShopResponse> {
  const started = process.hrtime.bigint();
  const role = roleIn(actor, shopId);
  if (role !== "owner") {
    // Staff learn why; everyone else cannot tell an existing shop from a missing one by editing it.
    if (role === "staff") throw new AppError("FORBIDDEN", `Only the owner edits shop ${shopId}; you are staff`);
    throw new AppError("FORBIDDEN", `You are not the owner of shop ${shopId}`);
  }
  const { doc, changed } = await mutateShop(shopId, (current) => {
    if (!current) throw new AppError("NOT_FOUND", `No shop ${shopId}`);
    const { next, changed } = applyShopEdit(current, body);
    return { next: changed.length ? next : undefined, result: { doc: next, changed } };
  });
  if (changed.length) logShopUpdated({ shopId, actorId: actor.uid, changed, latencyMs: msSince(started) });
  return toShopResponse(shopId, doc, now());
}

/** A shop as a caller may see it: any active shop, and their own shops also when inactive. */
export async function readShop(actor: Actor, shopId: string): Promise<ShopResponse> {
  const doc = await visibleShop(actor, shopId);
  return toShopResponse(shopId, doc, now());
}

/** The shop, if the caller may browse it (inactive shops are hidden from everyone but their members). */
async function visibleShop(actor: Actor, shopId: string): Promise<ShopDoc> {
  const doc = await getShop(shopId);
  if (!doc || (!doc.active && !roleIn(actor, shopId))) throw new AppError("NOT_FOUND", `No shop ${shopId}`);
  return doc;
}

/** Most documents one geohash range may read for a nearby query (bounds the cost of a dense or polar area). */
export const NEARBY_READ_CAP_PER_RANGE = 5000;

/** A shop found near a point, with its exact distance. */
export interface ShopNearby extends StoredShop {
  distanceKm: number;
}

/**
 * Active shops within `radiusKm` of `center`, nearest first (ties by id): geohash range queries
 * (geofire-common), then the exact haversine distance drops the cells' false positives.
 */
export async function findShopsNear(center: GeoPoint, radiusKm: number, limit: number): Promise<{ shops: ShopNearby[]; documentsRead: number }> {
  const started = process.hrtime.bigint();
  const ranges = geohashRangesWithin(center, radiusKm);
  const { shops, read, capped } = await shopsInGeohashRanges(ranges, NEARBY_READ_CAP_PER_RANGE);
  const found = new Map<string, ShopNearby>();
  for (const shop of shops) {
    if (!shop.doc.active || !shop.doc.location) continue;
    const distanceKm = haversineKm(center, shop.doc.location);
    if (distanceKm <= radiusKm) found.set(shop.id, { ...shop, distanceKm });
  }
  const sorted = [...found.values()].sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : 1)).slice(0, limit);
  logNearbyQueried({ ranges: ranges.length, read, returned: sorted.length, radiusKm, capped, latencyMs: msSince(started) });
  return { shops: sorted, documentsRead: read };
}

/** `GET /v1/shops/nearby`: shops near a point with `distance_km` (2 decimals) and `open_now`. */
export async function nearbyShops(query: { center: GeoPoint; radiusKm: number; limit: number }): Promise<NearbyShop[]> {
  const at = now();
  const { shops } = await findShopsNear(query.center, query.radiusKm, query.limit);
  return shops.map((s) => ({ ...toShopResponse(s.id, s.doc, at), distance_km: roundKm(s.distanceKm) }));
}

/** A product as a customer sees it on a shop's shelf (the Smart Kirana item shape). */
export function toShopItem(p: Pick<ProductResponse, "id" | "name" | "category" | "mrp" | "unit" | "unit_price" | "quantity">): ShopItem {
  return { product_id: p.id, product_name: p.name, category: p.category, image_url: null, mrp: p.mrp, unit: p.unit, price: p.unit_price, stock: p.quantity };
}

/**
 * `GET /v1/shops/{id}/items`: the in-stock catalog, with the products list's word-prefix search,
 * category filter and validated cursor (the same code path), shown in the item shape.
 */
export async function shopItems(
  actor: Actor,
  shopId: string,
  query: Pick<ListProductsQuery, "search" | "category" | "limit" | "cursor">,
): Promise<{ items: ShopItem[]; next_cursor: string | null; paginated: boolean }> {
  await visibleShop(actor, shopId);
  const list = await listProducts(shopId, { ...query, in_stock: true, sort: "name", order: "asc" });
  return { items: list.items.map(toShopItem), next_cursor: list.next_cursor, paginated: list.paginated };
}
