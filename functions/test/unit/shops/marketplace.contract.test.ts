import { buildOpenApiDocument } from "../../../src/platform/http/openapi";
import { shopRoutes } from "../../../src/shops/shops.routes";
import { searchRoutes } from "../../../src/search/search.routes";
import { NearbyQuery, resolvePoint, UpdateShopBody } from "../../../src/shops/shops.schema";

describe("marketplace contracts", () => {
  test("the OpenAPI document lists the nearby and search query parameters", () => {
    const doc = buildOpenApiDocument([...shopRoutes, ...searchRoutes], { title: "t", version: "1", serverUrl: "http://x" }) as any;
    const names = (path: string) => (doc.paths[path].get.parameters ?? []).map((p: any) => p.name).sort();
    expect(names("/v1/shops/nearby")).toEqual(["lat", "limit", "lng", "radius_km", "user_lat", "user_lng"]);
    expect(names("/v1/search")).toEqual(["lat", "limit", "lng", "q", "radius_km", "user_lat", "user_lng"]);
    expect(names("/v1/shops/{shopId}/items")).toEqual(expect.arrayContaining(["shopId", "search", "category", "limit", "cursor"]));
  });

  test("either name of a coordinate works; both must agree; the radius defaults to 10 km", () => {
    expect(resolvePoint(NearbyQuery.parse({ user_lat: "12.5", user_lng: "77" }))).toEqual({ center: { lat: 12.5, lng: 77 }, radiusKm: 10 });
    expect(resolvePoint(NearbyQuery.parse({ lat: "12.5", user_lat: "12.5", lng: "-0.5", radius_km: "2.5" }))).toEqual({ center: { lat: 12.5, lng: -0.5 }, radiusKm: 2.5 });
    expect(() => resolvePoint(NearbyQuery.parse({ lat: "12.5", user_lat: "12.6", lng: "1" }))).toThrow(/lat and user_lat disagree/);
    expect(() => resolvePoint(NearbyQuery.parse({ lng: "1" }))).toThrow(/lat is required/);
  });

  test("a shop edit may not set derived or owner fields", () => {
    expect(UpdateShopBody.safeParse({ geohash: "tdr1" }).success).toBe(false);
    expect(UpdateShopBody.safeParse({ owner_id: "x" }).success).toBe(false);
    expect(UpdateShopBody.safeParse({ location: { lat: 1, lng: 2, geohash: "x" } }).success).toBe(false);
    expect(UpdateShopBody.safeParse({ active: false }).success).toBe(true);
  });
});
