import { getAuth } from "firebase-admin/auth";
import { call, expectErrorShape, newCustomer, newOwner, newStaff, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { geohashFor } from "../../../src/shops/geo";

type Owner = TestUser & { shopId: string };
let owner: Owner;
let staff: Owner;
let customer: TestUser;
let otherOwner: Owner;

beforeAll(async () => {
  adminDb();
  owner = await newOwner();
  [staff, customer, otherOwner] = await Promise.all([newStaff(owner), newCustomer(), newOwner()]);
});

const HOURS = { mon: [{ open: "08:00", close: "13:00" }, { open: "16:00", close: "21:30" }], sun: [{ open: "09:00", close: "13:00" }] };
const NEW_SHOP = {
  name: "Gupta Kirana, HSR Layout",
  category: "kirana",
  address: "27th Main, HSR Layout Sector 2",
  city: "Bengaluru",
  phone: "+91 80 4000 1234",
  location: { lat: 12.9116, lng: 77.6389 },
  opening_hours: HOURS,
  order_settings: { default_preparation_minutes: 15 },
};

async function shopIdsOf(uid: string): Promise<string[]> {
  return Object.keys((await adminDb().doc(`users/${uid}`).get()).get("shops") ?? {}).sort();
}

describe("POST /v1/shops", () => {
  test("an owner opens another shop: membership, profile, claims and a server-computed geohash", async () => {
    const res = await call("POST", "/v1/shops", { token: owner.token, body: NEW_SHOP });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: NEW_SHOP.name,
      category: "kirana",
      location: NEW_SHOP.location,
      geohash: geohashFor(NEW_SHOP.location),
      active: true,
      opening_hours: HOURS,
      order_settings: { accepting_orders: true, default_preparation_minutes: 15 },
      owner_id: owner.uid,
    });
    const shopId = res.body.id;
    expect((await adminDb().doc(`shops/${shopId}/members/${owner.uid}`).get()).get("role")).toBe("owner");
    expect(await shopIdsOf(owner.uid)).toEqual([owner.shopId, shopId].sort());
    expect((await getAuth().getUser(owner.uid)).customClaims?.shops).toEqual({ [owner.shopId]: "owner", [shopId]: "owner" });
    const me = await call("GET", "/v1/users/me", { token: owner.token });
    expect(me.body.shops.map((s: any) => s.shop_id).sort()).toEqual([owner.shopId, shopId].sort());
    expect((await call("GET", `/v1/shops/${shopId}`, { token: customer.token })).body.name).toBe(NEW_SHOP.name);
  });

  test("staff and customers cannot open shops", async () => {
    expectErrorShape(await call("POST", "/v1/shops", { token: staff.token, body: { name: "Mine now" } }), 403);
    expectErrorShape(await call("POST", "/v1/shops", { token: customer.token, body: { name: "Mine now" } }), 403);
    expect(await shopIdsOf(customer.uid)).toEqual([]);
  });

  test.each([
    [{}, "name"],
    [{ name: "  " }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: "Bad \ud800 text" }, "name"],
    [{ name: "Shop", geohash: "tdr1" }, "geohash"],
    [{ name: "Shop", owner_id: "someone-else" }, "owner_id"],
    [{ name: "Shop", location: { lat: 91, lng: 0 } }, "location.lat"],
    [{ name: "Shop", location: { lat: 12 } }, "location.lng"],
    [{ name: "Shop", phone: "call me" }, "phone"],
    [{ name: "Shop", opening_hours: { mon: [{ open: "21:00", close: "08:00" }] } }, "opening_hours"],
    [{ name: "Shop", opening_hours: { funday: [] } }, "opening_hours"],
    [{ name: "Shop", order_settings: { default_preparation_minutes: 0 } }, "order_settings"],
    [{ name: "Shop", active: "yes" }, "active"],
  ])("bad body %j is a 400 naming %s, and opens nothing", async (body, field) => {
    const before = await shopIdsOf(owner.uid);
    const res = expectErrorShape(await call("POST", "/v1/shops", { token: owner.token, body }), 400);
    expect(JSON.stringify(res.issues ?? res.message)).toContain(field);
    expect(await shopIdsOf(owner.uid)).toEqual(before);
  });

  test("an account with 20 memberships cannot open another (the ID token's claims are bounded)", async () => {
    const crowded = await newOwner();
    const shops = { [crowded.shopId]: "owner", ...Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`filler-${i}`, "staff"])) };
    await adminDb().doc(`users/${crowded.uid}`).update({ shops });
    expectErrorShape(await call("POST", "/v1/shops", { token: crowded.token, body: { name: "One too many" } }), 409);
  });
});

describe("PATCH /v1/shops/{shopId}", () => {
  test("the owner edits details; the geohash follows the location; order settings merge; no-op writes nothing", async () => {
    const location = { lat: 12.9784, lng: 77.6408 };
    const res = await call("PATCH", `/v1/shops/${owner.shopId}`, {
      token: owner.token,
      body: { name: "Gupta Stores", category: "supermarket", location, order_settings: { accepting_orders: false } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Gupta Stores", category: "supermarket", location, geohash: geohashFor(location) });
    expect(res.body.order_settings).toEqual({ accepting_orders: false, default_preparation_minutes: 20 });
    const stored = await adminDb().doc(`shops/${owner.shopId}`).get();
    expect(stored.get("geohash")).toBe(geohashFor(location));

    const again = await call("PATCH", `/v1/shops/${owner.shopId}`, { token: owner.token, body: { name: "Gupta Stores" } });
    expect(again.status).toBe(200);
    expect((await adminDb().doc(`shops/${owner.shopId}`).get()).updateTime?.isEqual(stored.updateTime!)).toBe(true);

    const cleared = await call("PATCH", `/v1/shops/${owner.shopId}`, { token: owner.token, body: { location: null, phone: null } });
    expect(cleared.body).toMatchObject({ location: null, geohash: null, phone: null });
  });

  test("staff, customers and another shop's owner cannot edit it", async () => {
    for (const user of [staff, customer, otherOwner]) {
      expectErrorShape(await call("PATCH", `/v1/shops/${owner.shopId}`, { token: user.token, body: { name: "Hijacked" } }), 403);
    }
    expect((await adminDb().doc(`shops/${owner.shopId}`).get()).get("name")).not.toBe("Hijacked");
  });

  test("bad edits are 400s that change nothing", async () => {
    const before = (await adminDb().doc(`shops/${owner.shopId}`).get()).data();
    for (const body of [{}, { name: "" }, { geohash: "s000" }, { owner_id: customer.uid }, { location: { lat: 0, lng: 200 } }, { active: null }]) {
      expectErrorShape(await call("PATCH", `/v1/shops/${owner.shopId}`, { token: owner.token, body }), 400);
    }
    expect((await adminDb().doc(`shops/${owner.shopId}`).get()).data()).toEqual(before);
  });

  test("an inactive shop is hidden from customers but not from its members", async () => {
    const mine = await newOwner();
    expect((await call("PATCH", `/v1/shops/${mine.shopId}`, { token: mine.token, body: { active: false } })).body.active).toBe(false);
    expectErrorShape(await call("GET", `/v1/shops/${mine.shopId}`, { token: customer.token }), 404);
    expectErrorShape(await call("GET", `/v1/shops/${mine.shopId}/items`, { token: customer.token }), 404);
    expect((await call("GET", `/v1/shops/${mine.shopId}`, { token: mine.token })).status).toBe(200);
  });
});
