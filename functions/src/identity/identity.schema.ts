import { z, DocId, IsoTimestamp } from "../platform/schema";
import { OpeningHours } from "../shops/shops.hours";

/** A user's role within one shop. */
export const ShopRole = z.enum(["owner", "staff"]);
export type ShopRole = z.infer<typeof ShopRole>;

/** A user's overall role: owner or staff of some shop, otherwise a customer. */
export const Role = z.enum(["owner", "staff", "customer"]);
export type Role = z.infer<typeof Role>;

/** Shop id → role; stored on the profile and mirrored into the ID token's custom claims. */
export const Memberships = z.record(z.string(), ShopRole);
export type Memberships = z.infer<typeof Memberships>;

/** Stored `users/{uid}` document. */
export const UserDoc = z.object({
  email: z.string(),
  display_name: z.string().nullable().default(null),
  shops: Memberships.default({}),
  /** The shop requests act on when they name none (see `currentShop`); null: the first shop. */
  current_shop_id: z.string().nullable().default(null),
  created_at: z.date(),
  updated_at: z.date(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/** A point on the map. */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** Stored `shops/{shopId}` document. */
export const ShopDoc = z.object({
  name: z.string(),
  owner_id: z.string(),
  address: z.string().nullable().default(null),
  city: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  location: GeoPoint.nullable().default(null),
  geohash: z.string().nullable().default(null),
  /** Shop category shown in the marketplace ("kirana", "dairy", ...). */
  category: z.string().nullable().default(null),
  /** Inactive shops are hidden from the marketplace and take no orders. */
  active: z.boolean().default(true),
  /** Asia/Kolkata opening hours; null = not published (treated as always open). */
  opening_hours: OpeningHours.nullable().default(null),
  /** How the shop takes orders. */
  order_settings: z
    .object({
      accepting_orders: z.boolean().default(true),
      default_preparation_minutes: z.number().int().min(1).max(24 * 60).default(20),
    })
    .default({ accepting_orders: true, default_preparation_minutes: 20 }),
  created_at: z.date(),
});
export type ShopDoc = z.infer<typeof ShopDoc>;

/** Stored `invites/{inviteId}` document. */
export const InviteDoc = z.object({
  shop_id: z.string(),
  shop_name: z.string(),
  role: z.literal("staff"),
  email: z.string().nullable(),
  created_by: z.string(),
  created_at: z.date(),
  expires_at: z.date(),
  status: z.enum(["pending", "accepted", "revoked"]),
  accepted_by: z.string().nullable().default(null),
  accepted_at: z.date().nullable().default(null),
});
export type InviteDoc = z.infer<typeof InviteDoc>;

const Email = z.email().max(254).transform((e) => e.toLowerCase());

/** New shop details given at registration. */
export const NewShopBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().max(300).optional(),
    city: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(20).optional(),
    location: GeoPoint.strict().optional(),
  })
  .strict()
  .openapi("NewShop");
export type NewShopBody = z.infer<typeof NewShopBody>;

/** `POST /v1/auth/register`: `{email, password}` alone registers a shop owner with a first shop. */
export const RegisterBody = z
  .object({
    email: Email,
    password: z.string().min(6, "password must be at least 6 characters").max(128),
    role: z.enum(["owner", "customer"]).default("owner"),
    display_name: z.string().trim().min(1).max(100).optional(),
    shop: NewShopBody.optional(),
  })
  .strict()
  .refine((b) => b.role === "owner" || b.shop === undefined, {
    message: "customers do not have a shop",
    path: ["shop"],
  })
  .openapi("RegisterRequest");
export type RegisterBody = z.infer<typeof RegisterBody>;

/** A shop as listed on a user's profile. */
export const ShopMembership = z.object({ shop_id: z.string(), name: z.string(), role: ShopRole }).openapi("ShopMembership");

/** `GET /v1/users/me` and the registration answer. */
export const MeResponse = z
  .object({
    uid: z.string(),
    email: z.string(),
    display_name: z.string().nullable(),
    role: Role,
    shops: z.array(ShopMembership),
    current_shop_id: z.string().nullable().openapi({
      description: "The shop routes act on when a request names none (`?shopId=` / `X-Shop-Id` win); the first shop until chosen with PUT /v1/users/me/current-shop",
    }),
  })
  .openapi("Me");
export type MeResponse = z.infer<typeof MeResponse>;

/** `POST /v1/shops/{shopId}/invites`. */
export const CreateInviteBody = z
  .object({
    email: Email.optional().openapi({ description: "Only this user may accept; omit for a shareable code" }),
    role: z.literal("staff").default("staff"),
    expires_in_hours: z.number().int().min(1).max(24 * 30).default(24 * 7),
  })
  .strict()
  .openapi("CreateInviteRequest");
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

/** An invitation as the API shows it; its id is the secret code to share. */
export const InviteResponse = z
  .object({
    id: z.string(),
    shop_id: z.string(),
    shop_name: z.string(),
    role: z.literal("staff"),
    email: z.string().nullable(),
    status: z.enum(["pending", "accepted", "revoked"]),
    expires_at: IsoTimestamp,
  })
  .openapi("Invite");
export type InviteResponse = z.infer<typeof InviteResponse>;

/** `POST /v1/invites/{inviteId}/accept` answer. */
export const AcceptInviteResponse = z
  .object({
    shop_id: z.string(),
    role: ShopRole,
    refresh_token: z.literal(true).openapi({ description: "Call getIdToken(true) so the new claims reach the rules" }),
  })
  .openapi("AcceptInviteResponse");

/** `PUT /v1/users/me/current-shop`. */
export const SetCurrentShopBody = z
  .object({ shop_id: DocId.openapi({ description: "One of the caller's shops" }) })
  .strict()
  .openapi("SetCurrentShopRequest");
export type SetCurrentShopBody = z.infer<typeof SetCurrentShopBody>;

export const ShopIdParams = z.object({ shopId: DocId }).strict();
export const MemberParams = z.object({ shopId: DocId, uid: DocId }).strict();
export const InviteIdParams = z.object({ inviteId: DocId }).strict();
