import { call, expectErrorShape, newCustomer, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { northOf, putShop, randomCenter } from "../../helpers/shops";

let customer: TestUser;
beforeAll(async () => {
  adminDb();
  customer = await newCustomer();
});

const nearby = (query: string) => call("GET", `/v1/shops/nearby?${query}`, { token: customer.token });

describe("GET /v1/shops/nearby", () => {
  test("a shop just inside the radius is listed with distance_km and open_now; one just outside is not", async () => {
    const center = randomCenter();
    const inside = await putShop({ location: northOf(center, 4.99) });
    await putShop({ location: northOf(center, 5.01) });
    const res = await nearby(`lat=${center.lat}&lng=${center.lng}&radius_km=5`);
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toEqual([inside.id]);
    expect(res.body[0]).toMatchObject({ distance_km: 4.99, open_now: true, active: true, geohash: inside.doc.geohash });
  });

  test("shops come nearest first, from every geohash cell around the equator, with the seed's user_lat/user_lng", async () => {
    const lng = (Math.random() * 2 - 1) * 170;
    // Latitude 0 splits the first geohash bit: these four shops sit in different top-level cells.
    const south = await putShop({ location: { lat: -0.003, lng } });
    const north = await putShop({ location: { lat: 0.001, lng } });
    const east = await putShop({ location: { lat: 0.0001, lng: lng + 0.02 } });
    const far = await putShop({ location: { lat: -0.05, lng } });
    const geohashes = new Set([south, north].map((s) => s.doc.geohash!.slice(0, 1)));
    expect(geohashes.size).toBe(2);
    const res = await nearby(`user_lat=0&user_lng=${lng}`);
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toEqual([north.id, south.id, east.id, far.id]);
    expect(res.body.map((s: any) => s.distance_km)).toEqual([0.11, 0.33, 2.22, 5.56]);
  });

  test("across the antimeridian both sides are found", async () => {
    const lat = (Math.random() * 2 - 1) * 50;
    const west = await putShop({ location: { lat, lng: -179.998 } });
    const east = await putShop({ location: { lat, lng: 179.996 } });
    const res = await nearby(`lat=${lat}&lng=180&radius_km=2`);
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toEqual([west.id, east.id]);
  });

  test("near the poles the query answers without errors and finds shops at any longitude", async () => {
    const polar = await putShop({ location: { lat: 89.95, lng: 120 + Math.random() } });
    const res = await nearby("lat=89.99&lng=-60&radius_km=20");
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toContain(polar.id);
    for (const q of ["lat=90&lng=0", "lat=-90&lng=180", "lat=-90&lng=-180&radius_km=100", "lat=89.9999&lng=179.9999&radius_km=0.01"]) {
      expect((await nearby(q)).status).toBe(200);
    }
  });

  test("inactive shops and shops without a location are left out; open_now follows the hours", async () => {
    const center = randomCenter();
    const closed = await putShop({ location: northOf(center, 1), opening_hours: {} });
    await putShop({ location: northOf(center, 1.5), active: false });
    await putShop({ location: null });
    const res = await nearby(`lat=${center.lat}&lng=${center.lng}`);
    expect(res.body.map((s: any) => [s.id, s.open_now])).toEqual([[closed.id, false]]);
  });

  test.each([
    ["lng=77.6", "lat"],
    ["lat=12.9", "lng"],
    ["lat=abc&lng=77.6", "lat"],
    ["lat=&lng=77.6", "lat"],
    ["lat=91&lng=77.6", "lat"],
    ["lat=-90.5&lng=77.6", "lat"],
    ["lat=12.9&lng=180.01", "lng"],
    ["lat=12.9&lng=-181", "lng"],
    ["lat=0x10&lng=77.6", "lat"],
    ["lat=1e1&lng=77.6", "lat"],
    ["lat=NaN&lng=77.6", "lat"],
    ["lat=Infinity&lng=77.6", "lat"],
    ["lat=12.9&lat=13&lng=77.6", "lat"],
    ["lat=12.9&user_lat=13&lng=77.6", "lat"],
    ["user_lat=12.9&user_lng=west", "user_lng"],
    ["lat=12.9&lng=77.6&radius_km=0", "radius_km"],
    ["lat=12.9&lng=77.6&radius_km=-5", "radius_km"],
    ["lat=12.9&lng=77.6&radius_km=100.5", "radius_km"],
    ["lat=12.9&lng=77.6&radius_km=1e9", "radius_km"],
    ["lat=12.9&lng=77.6&radius_km=ten", "radius_km"],
    ["lat=12.9&lng=77.6&limit=0", "limit"],
    ["lat=12.9&lng=77.6&sort=name", "sort"],
  ])("bad query %s is a 400 naming %s", async (query, param) => {
    const body = expectErrorShape(await nearby(query), 400);
    expect(body.message).toContain(param);
  });

  test("signed-out callers get 401", async () => {
    expectErrorShape(await call("GET", "/v1/shops/nearby?lat=1&lng=1"), 401);
  });
});
