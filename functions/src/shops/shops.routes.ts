import { z } from "../platform/schema";
import { defineRoute } from "../platform/http/route";
import { ShopIdParams } from "../identity/identity.schema";
import { ListProductsQuery } from "../inventory/products.schema";
import { resolvePoint, CreateShopBody, NearbyQuery, NearbyShop, ShopItem, ShopItemsPage, ShopResponse, UpdateShopBody } from "./shops.schema";
import { editShop, nearbyShops, openShop, readShop, shopItems } from "./shops.service";

/** `GET /v1/shops/{shopId}/items` query: the products list's search, category and pagination. */
const ShopItemsQuery = ListProductsQuery.pick({ search: true, category: true, limit: true, cursor: true }).strict();

/** Routes of shops and the marketplace's shop browsing. `nearby` comes before `{shopId}`. */
export const shopRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/shops/nearby",
      summary: "Active shops near a point, nearest first",
      description:
        "`lat`/`lng` (or the Smart Kirana names `user_lat`/`user_lng`) and `radius_km` (default 10, at most 100). " +
        "Geohash range queries, then exact haversine distances (R = 6371 km): only shops within the radius, nearest first, " +
        "`distance_km` with 2 decimals, `open_now` by the shop's Asia/Kolkata hours. Inactive shops are left out.",
      tags: ["marketplace"],
      auth: "user",
      operation: "read",
      query: NearbyQuery,
      responses: { 200: { description: "Shops", schema: z.array(NearbyShop) } },
      errors: [400],
    },
    async ({ query }) => ({ status: 200, body: await nearbyShops({ ...resolvePoint(query), limit: query.limit }) }),
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/shops",
      summary: "Open another shop (owners)",
      description:
        "The caller becomes its owner (membership, profile and ID-token claims, as at registration); refresh the ID token " +
        "afterwards so the security rules see the new shop. The geohash is derived from `location` on the server.",
      tags: ["marketplace"],
      auth: "user",
      operation: "create",
      body: CreateShopBody,
      responses: { 201: { description: "Created", schema: ShopResponse } },
      errors: [400, 403, 409, 415],
    },
    async ({ actor, body }) => {
      const shop = await openShop(actor, body);
      return { status: 201, body: shop, headers: { Location: `/v1/shops/${shop.id}` } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/shops/{shopId}",
      summary: "Read a shop",
      description: "Any signed-in user reads an active shop; an inactive one only its members (404 for others).",
      tags: ["marketplace"],
      auth: "user",
      operation: "read",
      params: ShopIdParams,
      responses: { 200: { description: "The shop", schema: ShopResponse } },
      errors: [404],
    },
    async ({ actor, params }) => ({ status: 200, body: await readShop(actor, params.shopId) }),
  ),
  defineRoute(
    {
      method: "patch",
      path: "/v1/shops/{shopId}",
      summary: "Edit a shop (its owner)",
      description:
        "Any of name, category, address, city, phone, location (the geohash follows), opening_hours, active, " +
        "order_settings (each setting on its own); `null` clears an optional field. Staff and other users get 403.",
      tags: ["marketplace"],
      auth: "user",
      operation: "update",
      params: ShopIdParams,
      body: UpdateShopBody,
      responses: { 200: { description: "The shop after the edit", schema: ShopResponse } },
      errors: [400, 403, 404, 415],
    },
    async ({ actor, params, body }) => ({ status: 200, body: await editShop(actor, params.shopId, body) }),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/shops/{shopId}/items",
      summary: "A shop's in-stock catalog (customers)",
      description:
        "The Smart Kirana item shape (money in rupees). `search` matches the start of any word of the name (or the SKU), " +
        "`category` filters (repeat or comma-separate), sorted by name. A plain array without `limit`/`cursor` (at most 1000); " +
        "with either, a page `{items, next_cursor}`.",
      tags: ["marketplace"],
      auth: "user",
      operation: "read",
      params: ShopIdParams,
      query: ShopItemsQuery,
      responses: { 200: { description: "Items", schema: z.union([z.array(ShopItem), ShopItemsPage]) } },
      errors: [400, 404],
    },
    async ({ actor, params, query }) => {
      const list = await shopItems(actor, params.shopId, query);
      return { status: 200, body: list.paginated ? { items: list.items, next_cursor: list.next_cursor } : list.items };
    },
  ),
];
