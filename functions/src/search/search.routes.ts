import { defineRoute } from "../platform/http/route";
import { msSince } from "../platform/clock";
import { SearchQuery, SearchResponse } from "./search.schema";
import { searchIndex } from "./search.index";
import { resolvePoint } from "../shops/shops.schema";
import { logSearchRan } from "./search.logs";

/** The marketplace's one search box. */
export const searchRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/search",
      summary: "Search nearby shops and their in-stock products",
      description:
        "`q` plus a point (`lat`/`lng` or `user_lat`/`user_lng`) and `radius_km` (default 10). Shops whose name matches, " +
        "and in-stock products of the nearest shops whose name matches, each with its shop, price, stock and distance; " +
        "ranked by match (fewest typos) then distance. A few typos are tolerated when nothing matches exactly.",
      tags: ["marketplace"],
      auth: "user",
      operation: "read",
      query: SearchQuery,
      responses: { 200: { description: "Results", schema: SearchResponse } },
      errors: [400],
    },
    async ({ query }) => {
      const started = process.hrtime.bigint();
      const index = await searchIndex();
      const { center, radiusKm } = resolvePoint(query);
      const found = await index.search({ text: query.q, center, radiusKm, limit: query.limit });
      logSearchRan({
        engine: index.engine,
        queryLength: query.q.length,
        shopsSearched: found.shopsSearched,
        shopHits: found.shops.length,
        productHits: found.products.length,
        typoTolerant: found.typoTolerant,
        documentsRead: found.documentsRead,
        latencyMs: msSince(started),
      });
      const body: SearchResponse = {
        q: query.q,
        radius_km: radiusKm,
        shops: found.shops,
        products: found.products,
        shops_searched: found.shopsSearched,
        typo_tolerant: found.typoTolerant,
        engine: index.engine,
      };
      return { status: 200, body };
    },
  ),
];
