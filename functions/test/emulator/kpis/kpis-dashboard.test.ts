import { adminDb, uniqueId } from "../../helpers/emulators";
import { call, expectErrorShape, newCustomer, newOwner, newStaff, signIn, type TestUser } from "../../helpers/api";
import { putProduct } from "../../helpers/products";
import { recompute, recordSum, shardSum, summary, waitUntilExact } from "../../helpers/kpis";
import { adminAuth, db } from "../../../src/platform/firebase";
import { reconcileShop } from "../../../src/kpis/kpis.reconcile";

// Trigger side effects share the emulator's event queue with other suites (e.g. the 1,000-write test).
jest.setTimeout(150_000);

beforeAll(() => {
  // The code under test and the test share the default app; let the code configure it first.
  db();
});

/** Gives an owner a second shop the way registration does (shop, membership, profile, claims). */
async function addShop(owner: TestUser & { shopId: string }): Promise<{ shopId: string; token: string }> {
  const shopId = uniqueId("shop2");
  const at = new Date();
  await adminDb().doc(`shops/${shopId}`).set({ name: "Second Kirana", owner_id: owner.uid, address: null, city: null, phone: null, location: null, geohash: null, created_at: at });
  await adminDb().doc(`shops/${shopId}/members/${owner.uid}`).set({ role: "owner", email: owner.email, joined_at: at });
  await adminDb().doc(`users/${owner.uid}`).update({ [`shops.${shopId}`]: "owner" });
  await adminAuth().setCustomUserClaims(owner.uid, { shops: { [owner.shopId]: "owner", [shopId]: "owner" } });
  return { shopId, token: await signIn(owner.email, owner.password) };
}

describe("GET /v1/dashboard/kpis", () => {
  test("an owner with one shop gets the MSME fields, stock value in rupees, from the KPI document", async () => {
    const owner = await newOwner();
    await putProduct(owner.shopId, { sku: "ATTA-5KG", quantity: 3, unit_price_paise: 4550, low_stock_threshold: 5 });
    await putProduct(owner.shopId, { sku: "DAL-1KG", category: "Pulses", quantity: 20, unit_price_paise: 12000 });
    await putProduct(owner.shopId, { sku: "SALT", quantity: 0 });
    await waitUntilExact(owner.shopId);

    const res = await call("GET", "/v1/dashboard/kpis", { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scope: "shop",
      shop_ids: [owner.shopId],
      total_items: 3,
      total_units: 23,
      total_stock_value: 2536.5,
      total_stock_value_paise: 253650,
      low_stock_count: 1,
      out_of_stock_count: 1,
    });
    expect(typeof res.body.total_stock_value.toFixed).toBe("function");
    expect(res.body.by_category).toEqual([
      { category: "Pulses", total_items: 1, total_units: 20, total_stock_value: 2400, total_stock_value_paise: 240000, low_stock_count: 0, out_of_stock_count: 0 },
      { category: "Staples", total_items: 2, total_units: 3, total_stock_value: 136.5, total_stock_value_paise: 13650, low_stock_count: 1, out_of_stock_count: 1 },
    ]);
  });

  test("a shop without products answers zeros", async () => {
    const owner = await newOwner();
    const res = await call("GET", "/v1/dashboard/kpis", { token: owner.token });
    expect(res.body).toMatchObject({ total_items: 0, total_stock_value: 0, low_stock_count: 0, updated_at: null });
  });

  test("an owner of two shops gets the chain without shopId, and one shop with it", async () => {
    const owner = await newOwner();
    const second = await addShop(owner);
    await putProduct(owner.shopId, { sku: "A", quantity: 2, unit_price_paise: 1000 });
    await putProduct(second.shopId, { sku: "A", quantity: 5, unit_price_paise: 1000 });
    await putProduct(second.shopId, { sku: "B", category: "Dairy", quantity: 50, unit_price_paise: 250 });
    await waitUntilExact(owner.shopId);
    await waitUntilExact(second.shopId);

    const chain = await call("GET", "/v1/dashboard/kpis", { token: second.token });
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ scope: "chain", total_items: 3, total_units: 57, total_stock_value: 195, low_stock_count: 2 });
    expect([...chain.body.shop_ids].sort()).toEqual([owner.shopId, second.shopId].sort());
    expect(chain.body.shops.map((s: { shop_id: string; total_items: number }) => [s.shop_id, s.total_items]).sort()).toEqual(
      [
        [owner.shopId, 1],
        [second.shopId, 2],
      ].sort(),
    );

    const one = await call("GET", `/v1/dashboard/kpis?shopId=${second.shopId}`, { token: second.token });
    expect(one.body).toMatchObject({ scope: "shop", shop_ids: [second.shopId], total_items: 2, total_stock_value: 175 });
  });

  test("staff read their shop's KPIs; customers and other shops' owners are refused", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    await putProduct(owner.shopId, { sku: "X", quantity: 1 });
    await waitUntilExact(owner.shopId);
    expect((await call("GET", "/v1/dashboard/kpis", { token: staff.token })).body).toMatchObject({ scope: "shop", total_items: 1 });
    expectErrorShape(await call("GET", "/v1/dashboard/kpis", { token: (await newCustomer()).token }), 403);
    const stranger = await newOwner();
    expectErrorShape(await call("GET", `/v1/dashboard/kpis?shopId=${owner.shopId}`, { token: stranger.token }), 403);
    expectErrorShape(await call("GET", "/v1/dashboard/kpis"), 401);
  });
});

describe("KPI reconciliation", () => {
  test("finds and repairs deliberately corrupted KPI documents, and logs what it found", async () => {
    const owner = await newOwner();
    for (let i = 0; i < 12; i++) {
      await putProduct(owner.shopId, { sku: `REC-${i}`, category: i % 2 ? "Dairy" : "Snacks", quantity: i, unit_price_paise: 100 * (i + 1) });
    }
    const exact = await waitUntilExact(owner.shopId);

    // Corrupt every level: the summary, one shard, one per-product record, and lose another record.
    const kpis = adminDb().collection(`shops/${owner.shopId}/kpis`);
    await kpis.doc("summary").update({ products: 999, low_stock: -3, "by_category.Ghost": { products: 4, units: 1, value_paise: 1, low_stock: 0, out_of_stock: 0 } });
    const shards = await adminDb().collection(`shops/${owner.shopId}/kpi_shards`).get();
    await shards.docs[0].ref.update({ units: 123456 });
    await adminDb().doc(`shops/${owner.shopId}/kpi_products/REC-5`).update({ "contribution.units": 77 });
    await adminDb().doc(`shops/${owner.shopId}/kpi_products/REC-7`).delete();

    const res = await call("POST", "/v1/dashboard/kpis/reconcile", { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shop_id: owner.shopId, drift_found: true, products_scanned: 12 });
    expect(res.body.drift.products).toEqual({ expected: 12, found: 999 });
    expect(res.body.drift["by_category.Ghost.products"]).toEqual({ expected: 0, found: 4 });
    expect(res.body.products_resynced).toBe(2);
    expect(res.body.shards_repaired).toBeGreaterThanOrEqual(1);

    expect(await summary(owner.shopId)).toEqual(exact);
    expect(await shardSum(owner.shopId)).toEqual(exact);
    expect(await recordSum(owner.shopId)).toEqual(exact);
    expect(exact).toEqual(await recompute(owner.shopId));

    const again = await call("POST", "/v1/dashboard/kpis/reconcile", { token: owner.token });
    expect(again.body).toMatchObject({ drift_found: false, drift: {}, products_resynced: 0, shards_repaired: 0 });
  });

  test("a healthy shop reconciles with no drift, and the KPI document is unchanged in meaning", async () => {
    const shopId = uniqueId("rec-ok");
    await putProduct(shopId, { sku: "OK-1", quantity: 4 });
    const exact = await waitUntilExact(shopId);
    const result = await reconcileShop(shopId);
    expect(result).toMatchObject({ drift_found: false, products_scanned: 1, products_resynced: 0, shards_repaired: 0 });
    expect(await summary(shopId)).toEqual(exact);
  });

  test("only an owner may reconcile", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    expectErrorShape(await call("POST", "/v1/dashboard/kpis/reconcile", { token: staff.token }), 403);
  });
});
