import { call, expectErrorShape, newCustomer, newStaff } from "../../helpers/api";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { ledgerSum, newKey, patchOrder, placeOrder, quantityOf, shopWithProducts } from "../../helpers/orders";

import { db } from "../../../src/platform/firebase";
import { placeOrder as placeOrderInProcess } from "../../../src/orders/orders.service";
import { PlaceOrderBody } from "../../../src/orders/orders.schema";
import { AppError } from "../../../src/platform/errors";

// Every test builds its own shop and customers, so tests never share documents.
// The code under test configures the shared Admin Firestore before the helpers use it.
beforeAll(() => {
  db();
});

describe("placing orders", () => {
  test("an order captures names and prices on the server, takes stock through the ledger, totals in rupees and paise", async () => {
    const owner = await shopWithProducts([{ sku: "ATTA-5KG", quantity: 10, unit_price_paise: 24550, name: "Aashirvaad Atta 5 kg" }, { sku: "DAL-1KG", quantity: 4, unit_price_paise: 15000 }]);
    const customer = await newCustomer();
    const res = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "ATTA-5KG", quantity: 2, special_instructions: "fresh batch" }, { product_id: "DAL-1KG", quantity: 1 }], order_notes: "after 6" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      shop_id: owner.shopId,
      customer_id: customer.uid,
      status: "pending",
      order_type: "instant",
      item_count: 2,
      total_amount: 641,
      total_amount_paise: 64100,
      order_notes: "after 6",
      items: [
        { product_id: "ATTA-5KG", product_name: "Aashirvaad Atta 5 kg", quantity: 2, unit_price: 245.5, line_total: 491, special_instructions: "fresh batch" },
        { product_id: "DAL-1KG", quantity: 1, unit_price: 150, line_total: 150 },
      ],
      history: [{ from: null, to: "pending", by: customer.uid, role: "customer" }],
    });
    expect(await quantityOf(owner.shopId, "ATTA-5KG")).toBe(8);
    const movement = (await adminDb().doc(`shops/${owner.shopId}/stock_movements/order-${res.body.id}-ATTA-5KG`).get()).data();
    expect(movement).toMatchObject({ product_id: "ATTA-5KG", delta: -2, reason: "order", ref: res.body.id, quantity_after: 8, actor_id: customer.uid, source: "api" });
    // A price change afterwards does not touch the captured price.
    await adminDb().doc(`shops/${owner.shopId}/products/ATTA-5KG`).update({ unit_price_paise: 99900 });
    const read = await call("GET", `/v1/orders/${res.body.id}`, { token: customer.token });
    expect(read.body.items[0].unit_price).toBe(245.5);
  });

  test("every bad input is a 4xx in the one error shape, and nothing is taken", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const other = await shopWithProducts([{ sku: "FOREIGN", quantity: 5 }]);
    const customer = await newCustomer();
    const past = new Date(Date.now() - 3600_000).toISOString();
    const cases: Array<[unknown, number]> = [
      [{ shop_id: owner.shopId, items: [{ product_id: "NOPE", quantity: 1 }] }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 0 }] }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1e9 }] }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: "2" }] }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "FOREIGN", quantity: 1 }] }, 400],
      [{ shop_id: owner.shopId, items: Array.from({ length: 101 }, (_, i) => ({ product_id: `P${i}`, quantity: 1 })) }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }, { product_id: "A", quantity: 1 }] }, 400],
      [{ shop_id: owner.shopId, order_type: "pre_order", scheduled_pickup_time: past, items: [{ product_id: "A", quantity: 1 }] }, 400],
      [{ shop_id: owner.shopId, order_type: "pre_order", items: [{ product_id: "A", quantity: 1 }] }, 400],
      [{ shop_id: owner.shopId, items: [] }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }], order_notes: "x\ud800" }, 400],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }], total_amount: 1 }, 400],
      [{ shop_id: "no-such-shop", items: [{ product_id: "A", quantity: 1 }] }, 404],
      [{ shop_id: owner.shopId, items: [{ product_id: "A", quantity: 6 }] }, 409],
    ];
    for (const [body, status] of cases) {
      const res = await placeOrder(customer, body as Record<string, unknown>);
      expectErrorShape(res, status);
    }
    expect(await quantityOf(owner.shopId, "A")).toBe(5);
    expect(await quantityOf(other.shopId, "FOREIGN")).toBe(5);
    expect((await ledgerSum(owner.shopId, "A", "order")).count).toBe(0);
    expect((await adminDb().collection("orders").where("customer_id", "==", customer.uid).get()).size).toBe(0);
    const bad = await call("POST", "/v1/orders", { token: customer.token, body: { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] }, headers: { "idempotency-key": "short" } });
    expectErrorShape(bad, 400);
    expectErrorShape(await call("POST", "/v1/orders", { body: { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] } }), 401);
  });

  test("short items refuse the whole order with each short line and what is available", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }, { sku: "B", quantity: 1 }, { sku: "C", quantity: 0 }]);
    const customer = await newCustomer();
    const res = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 2 }, { product_id: "B", quantity: 3 }, { product_id: "C", quantity: 1 }] });
    const body = expectErrorShape(res, 409);
    expect(body.details.short_items).toEqual([
      { product_id: "B", product_name: "Product B", requested: 3, available: 1 },
      { product_id: "C", product_name: "Product C", requested: 1, available: 0 },
    ]);
    expect(await quantityOf(owner.shopId, "A")).toBe(5);
  });

  test("a closed, inactive or not-accepting shop refuses orders (422); a pre-order inside opening hours is taken", async () => {
    const customer = await newCustomer();
    const items = [{ product_id: "A", quantity: 1 }];
    const closed = await shopWithProducts([{ sku: "A", quantity: 5 }], { opening_hours: {} });
    expectErrorShape(await placeOrder(customer, { shop_id: closed.shopId, items }), 422);
    const inactive = await shopWithProducts([{ sku: "A", quantity: 5 }], { active: false });
    expectErrorShape(await placeOrder(customer, { shop_id: inactive.shopId, items }), 422);
    const paused = await shopWithProducts([{ sku: "A", quantity: 5 }], { order_settings: { accepting_orders: false, default_preparation_minutes: 20 } });
    expectErrorShape(await placeOrder(customer, { shop_id: paused.shopId, items }), 422);
    // Open 10:00–11:00 IST every day: a pickup tomorrow at 10:30 IST is fine, at 12:00 it is not.
    const day = { open: "10:00", close: "11:00" };
    const hours = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [day]]));
    const morning = await shopWithProducts([{ sku: "A", quantity: 5 }], { opening_hours: hours });
    const tomorrowIst = new Date(Date.now() + 86_400_000 + 330 * 60_000).toISOString().slice(0, 10);
    const ok = await placeOrder(customer, { shop_id: morning.shopId, order_type: "pre_order", scheduled_pickup_time: `${tomorrowIst}T10:30:00+05:30`, items });
    expect(ok.status).toBe(201);
    expect(ok.body.scheduled_pickup_time).toBe(new Date(`${tomorrowIst}T10:30:00+05:30`).toISOString());
    expectErrorShape(await placeOrder(customer, { shop_id: morning.shopId, order_type: "pre_order", scheduled_pickup_time: `${tomorrowIst}T12:00:00+05:30`, items }), 422);
    expect(await quantityOf(closed.shopId, "A")).toBe(5);
    expect(await quantityOf(morning.shopId, "A")).toBe(4);
  });

  test("a replay with the same Idempotency-Key returns the same order and takes no more stock; another body with that key is a 409", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 10 }]);
    const customer = await newCustomer();
    const key = newKey();
    const body = { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 3 }] };
    const first = await placeOrder(customer, body, key);
    const replays = await Promise.all([placeOrder(customer, body, key), placeOrder(customer, body, key), placeOrder(customer, body, key)]);
    expect(first.status).toBe(201);
    for (const r of replays) {
      expect(r.status).toBe(200);
      expect(r.headers.get("idempotent-replayed")).toBe("true");
      expect(r.body.id).toBe(first.body.id);
    }
    expect(await quantityOf(owner.shopId, "A")).toBe(7);
    expect(await ledgerSum(owner.shopId, "A", "order")).toEqual({ sum: -3, count: 1 });
    expectErrorShape(await placeOrder(customer, { ...body, items: [{ product_id: "A", quantity: 4 }] }, key), 409);
    // The same key from another customer is another order.
    const other = await placeOrder(await newCustomer(), body, key);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  test("50 customers order the last 10 units at once (50 placements at once on one instance, through the placement service): exactly 10 sold, stock 0, the rest refused with the short items, the ledger matches", async () => {
    const owner = await shopWithProducts([{ sku: "LAST", quantity: 10 }]);
    const body = PlaceOrderBody.parse({ shop_id: owner.shopId, items: [{ product_id: "LAST", quantity: 1 }] });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => placeOrderInProcess({ uid: uniqueId(`race${i}`), name: `Customer ${i}` }, body, { key: newKey(), source: "api" })),
    );
    const placed = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(placed.length).toBe(10);
    expect(refused.length).toBe(40);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).kind).toBe("CONFLICT");
      expect((r.reason as AppError).details?.short_items).toEqual([{ product_id: "LAST", product_name: "Product LAST", requested: 1, available: 0 }]);
    }
    expect(await quantityOf(owner.shopId, "LAST")).toBe(0);
    expect(await ledgerSum(owner.shopId, "LAST", "order")).toEqual({ sum: -10, count: 10 });
  }, 120_000);

  test("12 customers order the last 4 units at once over HTTP: exactly 4 placed (201), 8 refused (409), stock 0", async () => {
    const owner = await shopWithProducts([{ sku: "LAST", quantity: 4 }]);
    const customers = [];
    for (let i = 0; i < 12; i++) customers.push(await newCustomer());
    const results = await Promise.all(customers.map((c) => placeOrder(c, { shop_id: owner.shopId, items: [{ product_id: "LAST", quantity: 1 }] }, newKey())));
    expect(results.filter((r) => r.status === 201).length).toBe(4);
    const refused = results.filter((r) => r.status === 409);
    expect(refused.length).toBe(8);
    for (const r of refused) expect(expectErrorShape(r, 409).details.short_items[0]).toMatchObject({ product_id: "LAST", available: 0 });
    expect(await quantityOf(owner.shopId, "LAST")).toBe(0);
    expect(await ledgerSum(owner.shopId, "LAST", "order")).toEqual({ sum: -4, count: 4 });
  }, 120_000);

  test("an order with a chitty to follow may have no items; it is flagged awaiting_chitty", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const customer = await newCustomer();
    const res = await placeOrder(customer, { shop_id: owner.shopId, has_chitty: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ items: [], has_chitty: true, awaiting_chitty: true, total_amount: 0 });
  });
});

describe("status changes", () => {
  test("the shop moves an order forward; confirming sets the estimate; history records who, when, from, to", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }], { order_settings: { accepting_orders: true, default_preparation_minutes: 12 } });
    const staff = await newStaff(owner);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    const confirmed = await patchOrder(staff, order.id, { status: "confirmed" });
    expect(confirmed.body).toMatchObject({ status: "confirmed", estimated_preparation_minutes: 12 });
    expect((await patchOrder(staff, order.id, { status: "preparing", estimated_preparation_minutes: 8 })).body.estimated_preparation_minutes).toBe(8);
    expect((await patchOrder(owner, order.id, { status: "ready" })).status).toBe(200);
    const done = await patchOrder(staff, order.id, { status: "picked_up" });
    expect(done.body.history.map((h: any) => [h.from, h.to, h.by, h.role])).toEqual([
      [null, "pending", customer.uid, "customer"],
      ["pending", "confirmed", staff.uid, "staff"],
      ["confirmed", "preparing", staff.uid, "staff"],
      ["preparing", "ready", owner.uid, "owner"],
      ["ready", "picked_up", staff.uid, "staff"],
    ]);
    const invalid = expectErrorShape(await patchOrder(staff, order.id, { status: "pending" }), 400);
    expect(invalid.message).toBe("Invalid status transition from 'picked_up' to 'pending'.");
  });

  test("invalid transitions are a 400 with the seed's message; the customer may only cancel while pending; the shop needs a reason", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    expect(expectErrorShape(await patchOrder(owner, order.id, { status: "ready" }), 400).message).toBe("Invalid status transition from 'pending' to 'ready'.");
    expectErrorShape(await patchOrder(customer, order.id, { status: "confirmed" }), 403);
    expectErrorShape(await patchOrder(owner, order.id, { status: "cancelled" }), 400);
    expectErrorShape(await patchOrder(owner, order.id, { status: "shipped" }), 400);
    await patchOrder(owner, order.id, { status: "confirmed" });
    expectErrorShape(await patchOrder(customer, order.id, { status: "cancelled" }), 403);
    const cancelled = await patchOrder(owner, order.id, { status: "cancelled", reason: "out of stock after a breakage" });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancel_reason: "out of stock after a breakage" });
  });

  test("cancelling returns the stock through the ledger, once", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }, { sku: "B", quantity: 5 }]);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 2 }, { product_id: "B", quantity: 3 }] });
    expect(await quantityOf(owner.shopId, "B")).toBe(2);
    const [a, b] = await Promise.all([patchOrder(customer, order.id, { status: "cancelled" }), patchOrder(customer, order.id, { status: "cancelled" })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await quantityOf(owner.shopId, "A")).toBe(5);
    expect(await quantityOf(owner.shopId, "B")).toBe(5);
    expect(await ledgerSum(owner.shopId, "B")).toEqual({ sum: 0, count: 2 });
    expect((await ledgerSum(owner.shopId, "B", "order_cancelled")).sum).toBe(3);
  });

  test("concurrent transitions from one status: exactly one wins", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const staff = await newStaff(owner);
    const customer = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    // Confirm by staff, confirm by owner, cancel by the customer: whichever lands first makes the others invalid.
    const results = await Promise.all([
      patchOrder(staff, order.id, { status: "confirmed" }),
      patchOrder(owner, order.id, { status: "confirmed" }),
      patchOrder(customer, order.id, { status: "cancelled" }),
    ]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBe(1);
    const final = (await call("GET", `/v1/orders/${order.id}`, { token: customer.token })).body;
    expect(final.history.length).toBe(2);
    expect(final.status).toBe(ok[0].body.status);
    expect(await quantityOf(owner.shopId, "A")).toBe(final.status === "cancelled" ? 5 : 4);
  });

  test("someone else's order is a 404 for reads and changes, to customers and to other shops' members", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 5 }]);
    const otherShop = await shopWithProducts([]);
    const customer = await newCustomer();
    const stranger = await newCustomer();
    const { body: order } = await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] });
    for (const user of [stranger, otherShop]) {
      expectErrorShape(await call("GET", `/v1/orders/${order.id}`, { token: user.token }), 404);
      expectErrorShape(await patchOrder(user, order.id, { status: "cancelled", reason: "x" }), 404);
    }
    expect((await call("GET", `/v1/orders/${order.id}`, { token: owner.token })).status).toBe(200);
    expectErrorShape(await call("GET", `/v1/shops/${owner.shopId}/orders`, { token: customer.token }), 403);
  });
});

describe("order lists and KPIs", () => {
  test("the customer's and the shop's lists are newest first, filtered and paginated with validated cursors", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 50 }]);
    const customer = await newCustomer();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 1 }] })).body.id);
    await patchOrder(owner, ids[1], { status: "confirmed" });
    const mine = await call("GET", "/v1/orders/me?limit=2", { token: customer.token });
    expect(mine.body.items.map((o: any) => o.id)).toEqual([ids[4], ids[3]]);
    const next = await call("GET", `/v1/orders/me?limit=2&cursor=${mine.body.next_cursor}`, { token: customer.token });
    expect(next.body.items.map((o: any) => o.id)).toEqual([ids[2], ids[1]]);
    const last = await call("GET", `/v1/orders/me?limit=2&cursor=${next.body.next_cursor}`, { token: customer.token });
    expect(last.body).toMatchObject({ items: [{ id: ids[0] }], next_cursor: null });
    const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
    const confirmed = await call("GET", `/v1/shops/${owner.shopId}/orders?status=confirmed&order_type=instant&date=${today}`, { token: owner.token });
    expect(confirmed.body.items.map((o: any) => o.id)).toEqual([ids[1]]);
    expect((await call("GET", `/v1/shops/${owner.shopId}/orders?date=2020-01-01`, { token: owner.token })).body.items).toEqual([]);
    expectErrorShape(await call("GET", `/v1/shops/${owner.shopId}/orders?cursor=${mine.body.next_cursor}`, { token: owner.token }), 400);
    expectErrorShape(await call("GET", "/v1/orders/me?cursor=garbage", { token: customer.token }), 400);
    expectErrorShape(await call("GET", `/v1/shops/${owner.shopId}/orders?status=lost`, { token: owner.token }), 400);
    expectErrorShape(await call("GET", `/v1/shops/${owner.shopId}/orders?date=2026-13-45`, { token: owner.token }), 400);
    expectErrorShape(await call("GET", "/v1/orders/me?limit=1000", { token: customer.token }), 400);
  });

  test("the dashboard shows today's orders, revenue, orders by status and average preparation time, exact after redelivered events", async () => {
    const owner = await shopWithProducts([{ sku: "A", quantity: 50, unit_price_paise: 1000 }]);
    const customer = await newCustomer();
    const a = (await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 2 }] })).body;
    const b = (await placeOrder(customer, { shop_id: owner.shopId, items: [{ product_id: "A", quantity: 3 }] })).body;
    await patchOrder(owner, a.id, { status: "confirmed" });
    await patchOrder(owner, a.id, { status: "ready" });
    await patchOrder(customer, b.id, { status: "cancelled" });
    const want = { orders_today: 2, revenue_today: 20, revenue_today_paise: 2000 };
    const kpis = await waitFor(async () => {
      const res = await call("GET", `/v1/dashboard/kpis?shopId=${owner.shopId}`, { token: owner.token });
      const o = res.body.orders;
      return o && o.orders_today === 2 && o.by_status.ready === 1 && o.by_status.cancelled === 1 ? o : undefined;
    }, "order KPIs on the dashboard");
    expect(kpis).toMatchObject(want);
    expect(kpis.by_status).toMatchObject({ pending: 0, confirmed: 0, ready: 1, cancelled: 1 });
    expect(kpis.average_preparation_minutes).toEqual(expect.any(Number));
    // Redeliver every event again, out of order: nothing changes.
    const { handleOrderWritten } = await import("../../../src/orders/orders.handlers");
    const snapA = (await adminDb().doc(`orders/${a.id}`).get()).data() ?? null;
    const snapB = (await adminDb().doc(`orders/${b.id}`).get()).data() ?? null;
    await handleOrderWritten({ eventId: uniqueId("dup"), orderId: b.id, before: null, after: snapB });
    await handleOrderWritten({ eventId: uniqueId("dup"), orderId: a.id, before: snapA, after: snapA });
    const again = (await call("GET", `/v1/dashboard/kpis?shopId=${owner.shopId}`, { token: owner.token })).body.orders;
    expect(again).toEqual(kpis);
  });
});

