import { newShopDoc } from "../../src/identity/identity.service";
import type { GeoPoint, ShopDoc } from "../../src/identity/identity.schema";
import { adminDb, uniqueId } from "./emulators";

/** A point `km` kilometres north (positive) or south of `from` (1° of latitude = 111.195 km at R = 6371). */
export function northOf(from: GeoPoint, km: number): GeoPoint {
  return { lat: from.lat + km / ((6371 * Math.PI) / 180), lng: from.lng };
}

/** A random point far from every other test's shops (open sea is fine). */
export function randomCenter(maxAbsLat = 60): GeoPoint {
  return { lat: (Math.random() * 2 - 1) * maxAbsLat, lng: (Math.random() * 2 - 1) * 170 };
}

/** Writes a shop with the Admin SDK, built like registration and `POST /v1/shops` build theirs. */
export async function putShop(fields: Partial<Omit<ShopDoc, "created_at">> & { location: GeoPoint | null }, id = uniqueId("shop")): Promise<{ id: string; doc: ShopDoc }> {
  const doc: ShopDoc = { ...newShopDoc(fields.owner_id ?? "test-owner", { name: `Shop ${id}`, ...fields, order_settings: fields.order_settings }), created_at: new Date() };
  await adminDb().doc(`shops/${id}`).set(doc);
  return { id, doc };
}
