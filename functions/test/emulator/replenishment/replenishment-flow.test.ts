import { Timestamp } from "firebase-admin/firestore";
import { adminDb, waitFor } from "../../helpers/emulators";
import { call, newOwner, type TestUser } from "../../helpers/api";
import { db } from "../../../src/platform/firebase";
import { istDay } from "../../../src/replenishment/demand";

// The whole buying loop on the emulator, through the API: sales take rice below its threshold
// (alert) → the forecast run suggests an order from the supplier → one tap drafts the purchase
// order → sent, it counts as on order → the goods are received (twice, as a retry) → stock is
// up once, the alert is cleared, and the next run suggests nothing for rice.
jest.setTimeout(240_000);

beforeAll(() => {
  db();
});

type Shop = TestUser & { shopId: string };

async function notificationTypes(uid: string, productId: string): Promise<string[]> {
  const snap = await adminDb().collection(`users/${uid}/notifications`).get();
  return snap.docs
    .map((d) => d.data())
    .filter((n) => String(n.type).startsWith("stock_") && n.data?.product_id === productId)
    .sort((a, b) => a.created_at.toMillis() - b.created_at.toMillis())
    .map((n) => n.type as string);
}

/** Sixty days of sales history (as the API writes it), ending yesterday: the demand to forecast. */
async function salesHistory(shopId: string, productId: string, perDay: number): Promise<void> {
  const yesterday = istDay(new Date()) - 1;
  const writer = adminDb().bulkWriter();
  const col = adminDb().collection(`shops/${shopId}/stock_movements`);
  void writer.create(col.doc(), { product_id: productId, sku: productId, delta: 500, reason: "create", quantity_after: 500, actor_id: "test", source: "seed", ref: null, at: Timestamp.fromMillis((yesterday - 61) * 86_400_000) });
  for (let d = yesterday - 59; d <= yesterday; d++) {
    void writer.create(col.doc(), { product_id: productId, sku: productId, delta: -perDay, reason: "sale", quantity_after: 100, actor_id: "test", source: "api", ref: null, at: Timestamp.fromMillis(d * 86_400_000 + 6 * 3_600_000) });
  }
  await writer.close();
}

describe("replenishment, end to end", () => {
  let owner: Shop;
  beforeAll(async () => {
    owner = await newOwner();
  });

  test("sales → alert → forecast run → suggestion → purchase order → receipt → stock up, alert cleared", async () => {
    const q = `?shopId=${owner.shopId}`;
    const created = await call("POST", `/v1/products${q}`, { token: owner.token, body: { sku: "FLOW-RICE", name: "Sona Masoori Rice 1 kg", category: "Staples", quantity: 60, unit_price: 70, low_stock_threshold: 20 } });
    expect(created.status).toBe(201);
    const rice = created.body.id as string;
    const supplier = await call("POST", `/v1/suppliers${q}`, {
      token: owner.token,
      body: { name: "Bharat Rice Traders", phone: "9845012345", lead_time_days: 3, min_order: 0, items: [{ sku: "FLOW-RICE", name: "Sona Masoori 1 kg", buying_price: 55, pack_size: 10 }] },
    });
    expect(supplier.status).toBe(201);
    await salesHistory(owner.shopId, rice, 8);

    // Today's sales take it below the threshold: one low-stock alert.
    const sold = await call("POST", `/v1/products/${rice}/adjustments${q}`, { token: owner.token, body: { delta: -50, reason: "sale" } });
    expect(sold.status).toBe(200);
    await waitFor(async () => ((await notificationTypes(owner.uid, rice)).includes("stock_low") ? true : undefined), "the low-stock alert", 120_000);

    // The nightly job's core, run now: rice needs ordering from the supplier, in whole cases.
    const run = await call("POST", `/v1/replenishment/runs${q}`, { token: owner.token });
    expect(run.status).toBe(201);
    const suggestions = await call("GET", `/v1/replenishment/suggestions${q}`, { token: owner.token });
    const suggestion = suggestions.body.items.find((s: { product_id: string }) => s.product_id === rice);
    expect(suggestion).toMatchObject({ supplier_id: supplier.body.id, pack_size: 10, reasoning: expect.objectContaining({ on_hand: 10, on_order: 0, lead_time_days: 3 }) });
    expect(suggestion.order_quantity).toBeGreaterThan(0);
    expect(suggestion.order_quantity % 10).toBe(0);

    // One tap: a draft purchase order for the supplier, with the suggested quantity.
    const drafted = await call("POST", `/v1/purchase-orders/from-suggestions${q}`, { token: owner.token, body: {} });
    expect(drafted.status).toBeLessThan(300);
    expect(drafted.body.created).toHaveLength(1);
    const po = drafted.body.created[0];
    expect(po.lines).toEqual([expect.objectContaining({ product_id: rice, ordered_qty: suggestion.order_quantity })]);
    const sent = await call("POST", `/v1/purchase-orders/${po.id}/send${q}`, { token: owner.token, body: {} });
    expect(sent.status).toBe(200);

    // Sent, it is on order: a run now counts it and suggests nothing more for rice.
    expect((await call("POST", `/v1/replenishment/runs${q}`, { token: owner.token })).status).toBe(201);
    const whileOrdered = await call("GET", `/v1/replenishment/suggestions${q}`, { token: owner.token });
    expect(whileOrdered.body.items.find((s: { product_id: string }) => s.product_id === rice)).toBeUndefined();

    // The goods come; the receipt is sent twice (a retry on a flaky line): stock goes up once.
    const receipt = { lines: [{ product_id: rice, quantity: suggestion.order_quantity }] };
    const first = await call("POST", `/v1/purchase-orders/${po.id}/receipts${q}`, { token: owner.token, body: receipt, headers: { "Idempotency-Key": "flow-receipt-1" } });
    expect(first.status).toBe(201);
    const again = await call("POST", `/v1/purchase-orders/${po.id}/receipts${q}`, { token: owner.token, body: receipt, headers: { "Idempotency-Key": "flow-receipt-1" } });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    const product = await call("GET", `/v1/products/${rice}${q}`, { token: owner.token });
    expect(product.body.quantity).toBe(10 + suggestion.order_quantity);
    const receipts = await adminDb().collection(`shops/${owner.shopId}/stock_movements`).where("product_id", "==", rice).where("reason", "==", "receipt").get();
    expect(receipts.docs.map((d) => d.data().delta)).toEqual([suggestion.order_quantity]);

    // Back above the threshold: the alert is cleared, and the next run has nothing to order.
    await waitFor(async () => ((await notificationTypes(owner.uid, rice)).includes("stock_back") ? true : undefined), "the back-in-stock notice", 120_000);
    expect(await notificationTypes(owner.uid, rice)).toEqual(["stock_low", "stock_back"]);
    expect((await call("POST", `/v1/replenishment/runs${q}`, { token: owner.token })).status).toBe(201);
    const after = await call("GET", `/v1/replenishment/suggestions${q}`, { token: owner.token });
    expect(after.body.items.find((s: { product_id: string }) => s.product_id === rice)).toBeUndefined();
  });
});
