import { z, IsoTimestamp } from "../platform/schema";
import { AppError } from "../platform/errors";
import { GeoPoint } from "../identity/identity.schema";
import { OpeningHours } from "./shops.hours";

/**
 * The HTTP contract of shops and the marketplace. The stored shape is `ShopDoc` in
 * identity.schema.ts (shared with registration and orders); this file only adds the API side.
 */

/** Most shops one user may own or work in: memberships ride in the ID token, whose claims are capped at 1000 bytes. */
export const MAX_MEMBERSHIPS_PER_USER = 20;

/** Largest nearby radius: a customer's neighbourhood, not a country (bounds the cells read). */
export const MAX_RADIUS_KM = 100;
/** The seed's default radius. */
export const DEFAULT_RADIUS_KM = 10;

/** User text without lone UTF-16 surrogates (they cannot be stored or shown). */
export const WellFormed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), "must be valid Unicode text");

const ShopName = WellFormed(100).pipe(z.string().min(1, "name is required"));
const ShopCategory = WellFormed(50).pipe(z.string().min(1, "category must not be empty"));
const Address = WellFormed(300);
const City = WellFormed(100);
const Phone = z
  .string()
  .trim()
  .max(20)
  .regex(/^\+?[0-9 ()-]{3,20}$/, "phone may contain only digits, spaces, '+', '(', ')' and '-'");

/** How a shop takes orders, as an owner edits it (any subset). */
export const OrderSettingsBody = z
  .object({
    accepting_orders: z.boolean().optional(),
    default_preparation_minutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict()
  .openapi("OrderSettings");

/** `POST /v1/shops`: an owner opens another shop; they become its owner. */
export const CreateShopBody = z
  .object({
    name: ShopName,
    category: ShopCategory.nullable().optional(),
    address: Address.nullable().optional(),
    city: City.nullable().optional(),
    phone: Phone.nullable().optional(),
    location: GeoPoint.strict().nullable().optional(),
    opening_hours: OpeningHours.nullable().optional(),
    active: z.boolean().optional(),
    order_settings: OrderSettingsBody.optional(),
  })
  .strict()
  .openapi("CreateShopRequest");
export type CreateShopBody = z.infer<typeof CreateShopBody>;

/** `PATCH /v1/shops/{shopId}`: the fields to change; `null` clears an optional field. */
export const UpdateShopBody = CreateShopBody.extend({ name: ShopName.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "send at least one field to change")
  .openapi("UpdateShopRequest");
export type UpdateShopBody = z.infer<typeof UpdateShopBody>;

/** A shop as the API shows it. */
export const ShopResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    phone: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    geohash: z.string().nullable(),
    active: z.boolean(),
    opening_hours: OpeningHours.nullable(),
    open_now: z.boolean().openapi({ description: "Open at this moment by its Asia/Kolkata hours (no published hours = open)" }),
    order_settings: z.object({ accepting_orders: z.boolean(), default_preparation_minutes: z.number().int() }),
    owner_id: z.string(),
    created_at: IsoTimestamp,
  })
  .openapi("Shop");
export type ShopResponse = z.infer<typeof ShopResponse>;

/** A shop near the caller: the shop plus its distance. */
export const NearbyShop = ShopResponse.extend({
  distance_km: z.number().openapi({ description: "Haversine distance (R = 6371 km), 2 decimals" }),
}).openapi("NearbyShop");
export type NearbyShop = z.infer<typeof NearbyShop>;

/** A decimal number in a query string: digits with an optional sign and fraction, nothing else ("0x10", "1e3", "" are refused). */
const decimalParam = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} must be a single decimal number` })
    .regex(/^[+-]?(\d{1,3}(\.\d{1,20})?|\.\d{1,20})$/, `${name} must be a decimal number like 12.9719`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be between ${min} and ${max}`).max(max, `${name} must be between ${min} and ${max}`));

const Latitude = decimalParam("lat", -90, 90);
const Longitude = decimalParam("lng", -180, 180);
const RadiusKm = z
  .string({ error: "radius_km must be a single decimal number" })
  .regex(/^\+?(\d{1,6}(\.\d{1,6})?|\.\d{1,6})$/, "radius_km must be a positive decimal number of kilometres")
  .transform(Number)
  .pipe(z.number().gt(0, "radius_km must be greater than 0").max(MAX_RADIUS_KM, `radius_km must be at most ${MAX_RADIUS_KM}`));

/** The point and radius of a marketplace query, as clients send them (`lat`/`lng`, or the seed's `user_lat`/`user_lng`). */
export const PointQueryFields = {
  lat: Latitude.optional().openapi({ description: "Latitude, −90 to 90 (or `user_lat`)", example: "12.9719" }),
  lng: Longitude.optional().openapi({ description: "Longitude, −180 to 180 (or `user_lng`)", example: "77.6412" }),
  user_lat: decimalParam("user_lat", -90, 90).optional().openapi({ description: "Same as `lat` (the Smart Kirana name)" }),
  user_lng: decimalParam("user_lng", -180, 180).optional().openapi({ description: "Same as `lng` (the Smart Kirana name)" }),
  radius_km: RadiusKm.optional().openapi({ description: `Kilometres, > 0 and ≤ ${MAX_RADIUS_KM}; default ${DEFAULT_RADIUS_KM}`, example: "10" }),
};

/** The point and radius of a marketplace query, resolved from either pair of names. */
export interface PointQuery {
  center: GeoPoint;
  radiusKm: number;
}

/**
 * Resolves `lat`/`user_lat` and `lng`/`user_lng` into one point (both names for one coordinate
 * must agree) and applies the default radius; a missing coordinate is a 400 naming it.
 */
export function resolvePoint(q: { lat?: number; lng?: number; user_lat?: number; user_lng?: number; radius_km?: number }): PointQuery {
  const issues: Array<{ path: string; message: string }> = [];
  const pick = (a: number | undefined, b: number | undefined, name: string, alias: string): number => {
    if (a !== undefined && b !== undefined && a !== b) issues.push({ path: name, message: `${name} and ${alias} disagree; send one of them` });
    else if (a === undefined && b === undefined) issues.push({ path: name, message: `${name} is required (or ${alias})` });
    return (a ?? b) as number;
  };
  const lat = pick(q.lat, q.user_lat, "lat", "user_lat");
  const lng = pick(q.lng, q.user_lng, "lng", "user_lng");
  if (issues.length) {
    throw new AppError("INVALID_DATA", `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, undefined, issues);
  }
  return { center: { lat, lng }, radiusKm: q.radius_km ?? DEFAULT_RADIUS_KM };
}

/** `GET /v1/shops/nearby`. */
export const NearbyQuery = z
  .object({
    ...PointQueryFields,
    limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: "At most this many shops, nearest first" }),
  })
  .strict();
export type NearbyQuery = z.infer<typeof NearbyQuery>;

/** One in-stock item of a shop, in the Smart Kirana shape (money in rupees). */
export const ShopItem = z
  .object({
    product_id: z.string(),
    product_name: z.string(),
    category: z.string(),
    image_url: z.string().nullable(),
    mrp: z.number().nullable(),
    unit: z.string().nullable(),
    price: z.number(),
    stock: z.number().int(),
  })
  .openapi("ShopItem");
export type ShopItem = z.infer<typeof ShopItem>;

/** A page of a shop's items, when paginated. */
export const ShopItemsPage = z.object({ items: z.array(ShopItem), next_cursor: z.string().nullable() }).openapi("ShopItemsPage");
