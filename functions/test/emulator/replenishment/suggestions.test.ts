import { Timestamp } from "firebase-admin/firestore";
import { adminDb, uniqueId } from "../../helpers/emulators";
import { call, expectErrorShape, newCustomer, newOwner, newStaff, type TestUser } from "../../helpers/api";
import { db } from "../../../src/platform/firebase";
import { runShop } from "../../../src/replenishment/replenishment.handlers";
import { istDay } from "../../../src/replenishment/demand";

jest.setTimeout(150_000);

beforeAll(() => {
  db();
});

type Shop = TestUser & { shopId: string };

async function createProduct(owner: Shop, sku: string, quantity: number): Promise<string> {
  const res = await call("POST", `/v1/products?shopId=${owner.shopId}`, { token: owner.token, body: { sku, name: `Item ${sku}`, category: "Staples", quantity, unit_price: 60, low_stock_threshold: 2 } });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Writes 60 days of daily sales into the shop's ledger (as the API would have), ending yesterday. */
async function sellDaily(shopId: string, productId: string, perDay: number, stock: number): Promise<void> {
  const yesterday = istDay(new Date()) - 1;
  const writer = adminDb().bulkWriter();
  const col = adminDb().collection(`shops/${shopId}/stock_movements`);
  void writer.create(col.doc(), { product_id: productId, sku: productId, delta: 1000, reason: "create", quantity_after: 1000, actor_id: "test", source: "seed", ref: null, at: Timestamp.fromMillis((yesterday - 61) * 86_400_000) });
  for (let d = yesterday - 59; d <= yesterday; d++) {
    void writer.create(col.doc(), { product_id: productId, sku: productId, delta: -perDay, reason: "sale", quantity_after: stock + perDay, actor_id: "test", source: "api", ref: null, at: Timestamp.fromMillis(d * 86_400_000 + 6 * 3_600_000) });
  }
  await writer.close();
}

describe("GET /v1/replenishment/suggestions and POST /v1/replenishment/runs", () => {
  let owner: Shop;
  let staff: Shop;
  let rice: string;
  let dal: string;
  let salt: string;
  beforeAll(async () => {
    owner = await newOwner();
    staff = await newStaff(owner);
    rice = await createProduct(owner, "SUG-RICE", 10);
    dal = await createProduct(owner, "SUG-DAL", 3);
    salt = await createProduct(owner, "SUG-SALT", 900);
    await sellDaily(owner.shopId, rice, 6, 10);
    await sellDaily(owner.shopId, dal, 2, 3);
    await sellDaily(owner.shopId, salt, 1, 900);
    // Two suppliers of the owner carry rice: the cheaper one per unit wins; dal has no supplier.
    const cheap = uniqueId("sup");
    const dear = uniqueId("sup");
    const supplier = (name: string, lead: number, min: number) => ({ owner_uid: owner.uid, name, phone: "9800000000", gstin: null, lead_time_days: lead, min_order_paise: min, active: true, created_at: new Date(), updated_at: new Date(), version: 1 });
    await adminDb().doc(`suppliers/${cheap}`).set(supplier("Cheap Wholesale", 3, 0));
    await adminDb().doc(`suppliers/${cheap}/items/SUG-RICE`).set({ sku: "SUG-RICE", name: "Rice", buying_price_paise: 4500, pack_size: 25, updated_at: new Date() });
    await adminDb().doc(`suppliers/${dear}`).set(supplier("Dear Traders", 1, 0));
    await adminDb().doc(`suppliers/${dear}/items/SUG-RICE`).set({ sku: "SUG-RICE", name: "Rice", buying_price_paise: 4800, pack_size: 10, updated_at: new Date() });
  });

  test("the owner runs the forecast now and owner and staff read the suggestions, with their reasoning", async () => {
    const run = await call("POST", `/v1/replenishment/runs?shopId=${owner.shopId}`, { token: owner.token });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ shop_id: owner.shopId, products: 3, suggestions: 2 });
    for (const user of [owner, staff]) {
      const res = await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}`, { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { product_id: string }) => s.product_id).sort()).toEqual([dal, rice].sort());
      expect(res.body.next_cursor).toBeNull();
    }
    const res = await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}`, { token: owner.token });
    const riceSuggestion = res.body.items.find((s: { product_id: string }) => s.product_id === rice);
    expect(riceSuggestion).toMatchObject({ supplier_name: "Cheap Wholesale", pack_size: 25, unit_cost_paise: 4500, unit_cost: 45, abc_class: "A", run_id: run.body.run_id });
    expect(riceSuggestion.order_quantity % 25).toBe(0);
    expect(riceSuggestion.packs * 25).toBe(riceSuggestion.order_quantity);
    expect(riceSuggestion.reasoning).toMatchObject({ lead_time_days: 3, on_hand: 10, on_order: 0 });
    expect(riceSuggestion.reasoning.demand_per_day).toBeCloseTo(6, 0);
    const dalSuggestion = res.body.items.find((s: { product_id: string }) => s.product_id === dal);
    expect(dalSuggestion).toMatchObject({ supplier_id: null, supplier_name: null, pack_size: 1, unit_cost_paise: null, reasoning: expect.objectContaining({ lead_time_days: 7 }) });
    // The forecast is stored with its interval.
    const forecast = (await adminDb().doc(`shops/${owner.shopId}/forecasts/${rice}`).get()).data()!;
    expect(forecast.mean).toHaveLength(14);
    expect(forecast.upper[0]).toBeGreaterThanOrEqual(forecast.mean[0]);
  });

  test("pages follow a cursor; a forged cursor or one from another shop is a 400", async () => {
    await runShop(owner.shopId, { runId: uniqueId("run"), trigger: "test" });
    const first = await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}&limit=1`, { token: owner.token });
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.next_cursor).toBe("string");
    const second = await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}&limit=1&cursor=${first.body.next_cursor}`, { token: owner.token });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].product_id).not.toBe(first.body.items[0].product_id);
    expect(second.body.next_cursor).toBeNull();
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}&cursor=bm90LW91cnM`, { token: owner.token }), 400);
    const other = await newOwner();
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${other.shopId}&cursor=${first.body.next_cursor}`, { token: other.token }), 400);
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}&limit=1000`, { token: owner.token }), 400);
  });

  test("customers and other shops' owners are refused; staff cannot start a run", async () => {
    const customer = await newCustomer();
    const other = await newOwner();
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}`, { token: customer.token }), 403);
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}`, { token: other.token }), 403);
    expectErrorShape(await call("POST", `/v1/replenishment/runs?shopId=${owner.shopId}`, { token: staff.token }), 403);
    expectErrorShape(await call("POST", `/v1/replenishment/runs?shopId=${owner.shopId}`, { token: other.token }), 403);
    expectErrorShape(await call("GET", `/v1/replenishment/suggestions?shopId=${owner.shopId}`), 401);
  });

  test("a product restocked above its reorder point loses its suggestion on the next run", async () => {
    await runShop(owner.shopId, { runId: uniqueId("run"), trigger: "test" });
    expect((await adminDb().doc(`shops/${owner.shopId}/replenishment_suggestions/${dal}`).get()).exists).toBe(true);
    const res = await call("POST", `/v1/products/${dal}/adjustments?shopId=${owner.shopId}`, { token: owner.token, body: { delta: 500, reason: "receipt" } });
    expect(res.status).toBe(200);
    const run = await runShop(owner.shopId, { runId: uniqueId("run"), trigger: "test" });
    expect(run.removed).toBe(1);
    expect((await adminDb().doc(`shops/${owner.shopId}/replenishment_suggestions/${dal}`).get()).exists).toBe(false);
  });

  test("units on order (the purchasing seam) count toward the stock position", async () => {
    const run = await runShop(owner.shopId, { runId: uniqueId("run"), trigger: "test", onOrder: async () => new Map([[rice, 10_000]]) });
    expect(run.suggestions).toBe(0);
    expect((await adminDb().doc(`shops/${owner.shopId}/replenishment_suggestions/${rice}`).get()).exists).toBe(false);
  });

  test("the OpenAPI document describes the replenishment routes from their contracts", async () => {
    const res = await call("GET", "/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.paths["/v1/replenishment/suggestions"].get.responses["200"]).toBeDefined();
    expect(res.body.paths["/v1/replenishment/runs"].post.responses["201"]).toBeDefined();
    expect(res.body.paths["/v1/users/me/stock-alert-settings"].put).toBeDefined();
    expect(res.body.components.schemas.ReplenishmentSuggestion.properties.reasoning).toBeDefined();
  });
});
