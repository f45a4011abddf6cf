import { apiBase, call, expectErrorShape, newStaff, type TestUser } from "../../helpers/api";
import { adminDb, uniqueId } from "../../helpers/emulators";
import { ledgerSum, quantityOf, shopWithProducts } from "../../helpers/orders";
import { db } from "../../../src/platform/firebase";
import { openOrderQuantities } from "../../../src/purchasing/purchase-orders.repository";

beforeAll(() => {
  db();
});

type Owner = TestUser & { shopId: string };

/** A shop with three products and a supplier of two of them (salt in cases of 12). */
async function shopWithSupplier(over: Record<string, unknown> = {}): Promise<{ owner: Owner; supplierId: string }> {
  const owner = await shopWithProducts([
    { sku: "SALT-1KG", quantity: 5, name: "Tata Salt 1 kg" },
    { sku: "ATTA-5KG", quantity: 2, name: "Aashirvaad Atta 5 kg" },
    { sku: "JAM-500G", quantity: 0, name: "Kissan Jam 500 g" },
  ]);
  const supplier = await call("POST", "/v1/suppliers", {
    token: owner.token,
    body: {
      name: "Sri Lakshmi Agencies",
      phone: "9845012345",
      lead_time_days: 2,
      min_order: 500,
      items: [
        { sku: "SALT-1KG", name: "Tata Salt 1 kg", buying_price: 22, pack_size: 12 },
        { sku: "ATTA-5KG", name: "Aashirvaad Atta 5 kg", buying_price: 235 },
      ],
      ...over,
    },
  });
  expect(supplier.status).toBe(201);
  return { owner, supplierId: supplier.body.id };
}

async function sentOrder(owner: Owner, supplierId: string): Promise<{ id: string; lines: Array<{ line_id: string; product_id: string }> }> {
  const draft = await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "SALT-1KG", quantity: 24 }, { product_id: "atta-5kg", quantity: 10 }] } });
  expect(draft.status).toBe(201);
  const sent = await call("POST", `/v1/purchase-orders/${draft.body.id}/send`, { token: owner.token, body: {} });
  expect(sent.status).toBe(200);
  return sent.body;
}

const receive = (user: TestUser, poId: string, body: Record<string, unknown>, key?: string) =>
  call("POST", `/v1/purchase-orders/${poId}/receipts`, { token: user.token, body, headers: key ? { "idempotency-key": key } : {} });

describe("purchase orders", () => {
  test("a draft is priced from the supplier, sent as a WhatsApp message and a PDF, and cannot be edited once sent", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const draft = await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "SALT-1KG", quantity: 12 }], notes: "deliver before 10" } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", total: 264, total_paise: 26400, below_minimum_order: true, lines: [{ line_id: "L1", product_id: "SALT-1KG", ordered_qty: 12, pack_size: 12, packs: 1, unit_cost_paise: 2200 }] });
    const edited = await call("PATCH", `/v1/purchase-orders/${draft.body.id}`, { token: owner.token, body: { version: 1, lines: [{ product_id: "SALT-1KG", quantity: 24 }, { product_id: "ATTA-5KG", quantity: 2, unit_cost: 230 }] } });
    expect(edited.body).toMatchObject({ version: 2, total_paise: 24 * 2200 + 2 * 23000, below_minimum_order: false });
    const sent = await call("POST", `/v1/purchase-orders/${draft.body.id}/send`, { token: owner.token, body: { version: 2 } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: "sent", version: 3 });
    expect(sent.body.sent_at).toEqual(expect.any(String));
    expect(sent.body.message).toContain("Tata Salt 1 kg (SALT-1KG) — 24 units (2 × 12) @ ₹22.00 = ₹528.00");
    expect(sent.body.message).toContain("Total: ₹988.00");
    expect(sent.body.whatsapp_url).toMatch(/^https:\/\/wa\.me\/919845012345\?text=Purchase%20order/);
    const text = await call("GET", `/v1/purchase-orders/${draft.body.id}/message`, { token: owner.token });
    expect(text.headers.get("content-type")).toContain("text/plain");
    expect(text.body).toBe(sent.body.message);
    const pdf = await fetch(`${await apiBase()}/v1/purchase-orders/${draft.body.id}/pdf`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expectErrorShape(await call("PATCH", `/v1/purchase-orders/${draft.body.id}`, { token: owner.token, body: { version: 3, notes: "x" } }), 409);
  });

  test("illegal transitions are 409s and change nothing; unknown products and unpriced lines are 422s", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const draft = (await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "SALT-1KG", quantity: 12 }] } })).body;
    expect(expectErrorShape(await call("POST", `/v1/purchase-orders/${draft.id}/close`, { token: owner.token, body: {} }), 409).message).toBe("Invalid status transition from 'draft' to 'closed'.");
    expectErrorShape(await receive(owner, draft.id, { lines: [{ line_id: "L1", quantity: 1 }] }, uniqueId("r")), 409);
    expectErrorShape(await call("POST", `/v1/purchase-orders/${draft.id}/send`, { token: owner.token, body: { version: 7 } }), 409);
    expect((await call("POST", `/v1/purchase-orders/${draft.id}/cancel`, { token: owner.token, body: {} })).body.status).toBe("cancelled");
    expectErrorShape(await call("POST", `/v1/purchase-orders/${draft.id}/send`, { token: owner.token, body: {} }), 409);
    expect((await call("GET", `/v1/purchase-orders/${draft.id}`, { token: owner.token })).body).toMatchObject({ status: "cancelled", version: 2 });
    expectErrorShape(await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "NOPE", quantity: 1 }] } }), 422);
    expectErrorShape(await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "JAM-500G", quantity: 1 }] } }), 422);
    expectErrorShape(await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: supplierId, lines: [{ product_id: "SALT-1KG", quantity: 100_001 }] } }), 400);
    expectErrorShape(await call("POST", "/v1/purchase-orders", { token: owner.token, body: { supplier_id: "nope", lines: [{ product_id: "SALT-1KG", quantity: 1 }] } }), 404);
  });

  test("receiving books stock through the ledger exactly once per receipt, however often it is retried, and moves the order along", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const staff = await newStaff(owner);
    const po = await sentOrder(owner, supplierId);
    const key = uniqueId("receipt");
    const body = { lines: [{ line_id: "L1", quantity: 12 }] };
    // Five concurrent retries of the same receipt (a flaky connection) book it once.
    const answers = await Promise.all(Array.from({ length: 5 }, () => receive(staff, po.id, body, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(answers.filter((a) => a.body.replayed)).toHaveLength(4);
    expect(await quantityOf(owner.shopId, "SALT-1KG")).toBe(5 + 12);
    expect(await ledgerSum(owner.shopId, "SALT-1KG", "receipt")).toEqual({ sum: 12, count: 1 });
    const movement = (await adminDb().collection(`shops/${owner.shopId}/stock_movements`).where("product_id", "==", "SALT-1KG").where("reason", "==", "receipt").get()).docs[0].data();
    expect(movement).toMatchObject({ delta: 12, quantity_after: 17, ref: `po/${po.id}/line/L1`, actor_id: staff.uid, source: "api" });
    const after = (await call("GET", `/v1/purchase-orders/${po.id}`, { token: owner.token })).body;
    expect(after).toMatchObject({ status: "partly_received", lines: [{ received_qty: 12, outstanding_qty: 12 }, { received_qty: 0 }] });
    // The same id with other lines is a 409, not a second booking.
    expectErrorShape(await receive(owner, po.id, { lines: [{ line_id: "L1", quantity: 5 }] }, key), 409);
    // Staff may not change buying prices.
    expectErrorShape(await receive(staff, po.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L2", quantity: 1 }], update_buying_price: true }), 403);
    // A receipt needs an id.
    expectErrorShape(await receive(owner, po.id, { lines: [{ line_id: "L2", quantity: 1 }] }), 400);
    const rest = await receive(owner, po.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 12 }, { line_id: "L2", quantity: 10, unit_cost: 240 }], update_buying_price: true });
    expect(rest.status).toBe(201);
    expect(rest.body.purchase_order).toMatchObject({ status: "received" });
    expect(await quantityOf(owner.shopId, "ATTA-5KG")).toBe(12);
    expect((await adminDb().doc(`suppliers/${supplierId}/items/ATTA-5KG`).get()).get("buying_price_paise")).toBe(24000);
    expectErrorShape(await receive(owner, po.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 1 }] }), 409);
    expect((await call("POST", `/v1/purchase-orders/${po.id}/close`, { token: owner.token, body: {} })).body.status).toBe("closed");
    expectErrorShape(await call("POST", `/v1/purchase-orders/${po.id}/cancel`, { token: owner.token, body: {} }), 409);
  });

  test("over-receipt needs allow_over_receipt (422 otherwise, nothing booked); a product not ordered becomes a line added on receipt", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const po = await sentOrder(owner, supplierId);
    const over = await receive(owner, po.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 10 }, { line_id: "L2", quantity: 11 }] });
    expect(expectErrorShape(over, 422).details.over_received).toEqual([{ line_id: "L2", sku: "ATTA-5KG", outstanding: 10, quantity: 11 }]);
    expect(await quantityOf(owner.shopId, "SALT-1KG")).toBe(5);
    expect(await ledgerSum(owner.shopId, "SALT-1KG", "receipt")).toEqual({ sum: 0, count: 0 });
    const extra = await receive(owner, po.id, { receipt_id: uniqueId("r"), lines: [{ product_id: "JAM-500G", quantity: 3, unit_cost: 90 }, { line_id: "L2", quantity: 11 }], allow_over_receipt: true });
    expect(extra.status).toBe(201);
    expect(extra.body.purchase_order.lines[2]).toMatchObject({ line_id: "X3", product_id: "JAM-500G", ordered_qty: 0, received_qty: 3, added_on_receipt: true });
    expect(extra.body.purchase_order.status).toBe("partly_received");
    expect(await quantityOf(owner.shopId, "JAM-500G")).toBe(3);
    // Bounds: a quantity past the product's stock ceiling is refused whole.
    expectErrorShape(await receive(owner, po.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 100_001 }] }), 400);
    // On-order quantities for the replenishment job: ordered minus received on sent / partly received orders.
    expect(await openOrderQuantities(owner.shopId)).toEqual(new Map([["SALT-1KG", 24]]));
  });

  test("drafting from suggestions makes one draft per supplier, skips suggestions without a supplier, and a double tap makes no second set", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const second = (await call("POST", "/v1/suppliers", { token: owner.token, body: { name: "Ganesh Traders", phone: "9900112233", lead_time_days: 1 } })).body.id as string;
    const suggestion = (productId: string, supplier: string | null, qty: number) => ({
      shop_id: owner.shopId, product_id: productId, sku: productId, name: `Name ${productId}`, supplier_id: supplier, supplier_name: supplier ? "x" : null,
      order_quantity: qty, pack_size: 12, packs: qty / 12, unit_cost_paise: 1000, abc_class: "A", service_level: 0.95, reasoning: { demand_per_day: 2, demand_sd_per_day: 1, lead_time_days: 3, safety_stock: 4, reorder_point: 10, on_hand: 2, on_order: 0, eoq: qty, forecast_14d: 28 }, computed_at: new Date(), run_id: "run-1",
    });
    const col = adminDb().collection(`shops/${owner.shopId}/replenishment_suggestions`);
    await col.doc("SALT-1KG").set(suggestion("SALT-1KG", supplierId, 24));
    await col.doc("ATTA-5KG").set(suggestion("ATTA-5KG", supplierId, 12));
    await col.doc("JAM-500G").set(suggestion("JAM-500G", second, 12));
    await col.doc("GHEE-1L").set(suggestion("GHEE-1L", null, 12));
    await col.doc("BROKEN").set({ shop_id: owner.shopId, order_quantity: "lots" });
    const [a, b] = await Promise.all([1, 2].map(() => call("POST", "/v1/purchase-orders/from-suggestions", { token: owner.token })));
    expect([a.status, b.status]).toEqual([200, 200]);
    const made = [...a.body.created, ...b.body.created];
    expect(made).toHaveLength(2);
    expect(a.body.created.length + a.body.existing.length).toBe(2);
    expect(a.body.skipped).toEqual([{ product_id: "GHEE-1L", name: "Name GHEE-1L", reason: "no supplier" }]);
    const first = made.find((p: { supplier_id: string }) => p.supplier_id === supplierId);
    expect(first).toMatchObject({ status: "draft", source: "suggestions", lines: [{ product_id: "ATTA-5KG", ordered_qty: 12, unit_cost_paise: 23500 }, { product_id: "SALT-1KG", ordered_qty: 24, unit_cost_paise: 2200, pack_size: 12 }] });
    const again = await call("POST", "/v1/purchase-orders/from-suggestions", { token: owner.token });
    expect(again.body.created).toEqual([]);
    expect(again.body.existing.map((p: { id: string }) => p.id).sort()).toEqual(made.map((p: { id: string }) => p.id).sort());
    expect((await adminDb().collection(`shops/${owner.shopId}/purchase_orders`).get()).size).toBe(2);
    expectErrorShape(await call("POST", "/v1/purchase-orders/from-suggestions", { token: (await newStaff(owner)).token }), 403);
  });

  test("supplier figures: on-time rate against sent_at + lead time, fill rate capped per line, billed price changes in order", async () => {
    const { owner, supplierId } = await shopWithSupplier();
    const onTime = await sentOrder(owner, supplierId);
    await receive(owner, onTime.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 24 }, { line_id: "L2", quantity: 10, unit_cost: 240 }] });
    const late = await sentOrder(owner, supplierId);
    // Pretend it was sent ten days ago: its receipt today is late.
    await adminDb().doc(`shops/${owner.shopId}/purchase_orders/${late.id}`).update({ sent_at: new Date(Date.now() - 10 * 86_400_000) });
    await receive(owner, late.id, { receipt_id: uniqueId("r"), lines: [{ line_id: "L1", quantity: 12 }, { line_id: "L2", quantity: 10, unit_cost: 250 }] });
    await call("POST", `/v1/purchase-orders/${late.id}/close`, { token: owner.token, body: {} });
    const res = await call("GET", `/v1/suppliers/${supplierId}/performance`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orders_sent: 2, orders_completed: 2, on_time_rate: 0.5, units_ordered: 68, units_received: 56, fill_rate: Math.round((56 / 68) * 1000) / 1000 });
    expect(res.body.price_changes.map((c: { sku: string; from_paise: number; to_paise: number }) => [c.sku, c.from_paise, c.to_paise])).toEqual([
      ["ATTA-5KG", 23500, 24000],
      ["ATTA-5KG", 24000, 25000],
    ]);
  });
});
