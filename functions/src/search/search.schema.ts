import { z } from "../platform/schema";
import { PointQueryFields, ShopItem, WellFormed } from "../shops/shops.schema";

/** `GET /v1/search`: one box for a customer, around a point. */
export const SearchQuery = z
  .object({
    q: WellFormed(100)
      .pipe(z.string().min(1, "q is required").regex(/[\p{L}\p{N}]/u, "q must contain a letter or a digit"))
      .openapi({ description: "A product or shop name, or the start of its words; a few typos are tolerated", example: "aashirvaad atta" }),
    ...PointQueryFields,
    limit: z.coerce.number().int().min(1).max(100).default(30).openapi({ description: "At most this many product hits" }),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A shop whose name matches. */
export const ShopHit = z
  .object({
    shop_id: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    address: z.string().nullable(),
    distance_km: z.number(),
    open_now: z.boolean(),
    typos: z.number().int().openapi({ description: "Edits between the query and the name (0 = exact)" }),
  })
  .openapi("ShopHit");
export type ShopHit = z.infer<typeof ShopHit>;

/** An in-stock product of a nearby shop that matches, with where to buy it. */
export const ProductHit = ShopItem.extend({
  shop: z.object({ shop_id: z.string(), name: z.string(), open_now: z.boolean(), accepting_orders: z.boolean() }),
  distance_km: z.number(),
  typos: z.number().int(),
}).openapi("ProductHit");
export type ProductHit = z.infer<typeof ProductHit>;

/** `GET /v1/search` answer: ranked by match (fewest typos), then distance. */
export const SearchResponse = z
  .object({
    q: z.string(),
    radius_km: z.number(),
    shops: z.array(ShopHit),
    products: z.array(ProductHit),
    shops_searched: z.number().int().openapi({ description: "Nearby shops whose catalogs were searched (the nearest ones)" }),
    typo_tolerant: z.boolean().openapi({ description: "True when nothing matched exactly and the hits allow typos" }),
    engine: z.string().openapi({ description: "The SearchIndex implementation that answered" }),
  })
  .openapi("SearchResults");
export type SearchResponse = z.infer<typeof SearchResponse>;
