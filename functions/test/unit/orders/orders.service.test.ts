import { AppError } from "../../../src/platform/errors";
import { newStoredProduct, type ProductDoc } from "../../../src/inventory/products.schema";
import { PlaceOrderBody, UpdateOrderStatusBody, type OrderDoc } from "../../../src/orders/orders.schema";
import {
  TRANSITIONS,
  applyStatusChange,
  assertRoleMayChange,
  assertShopTakesOrder,
  assertTransition,
  decodeOrderCursor,
  encodeOrderCursor,
  istDate,
  isRepeatedChange,
  newOrderDoc,
  orderContribution,
  orderContributionDelta,
  orderIdFor,
  requestHash,
  returnStock,
  takeStock,
} from "../../../src/orders/orders.service";
import { notificationsForOrderWrite } from "../../../src/notifications/notifications.service";
import { ShopDoc } from "../../../src/identity/identity.schema";

const AT = new Date("2026-11-22T06:00:00Z"); // 11:30 IST, a Sunday
const ctx = { actorId: "cust1", at: AT, source: "api" as const, ref: "o1" };

function product(sku: string, quantity: number, price = 5000): ProductDoc {
  return newStoredProduct({ sku, name: `Item ${sku}`, category: "Staples", quantity, unit_price_paise: price }, "owner", AT);
}

function shop(over: Partial<ShopDoc> = {}): ShopDoc {
  return ShopDoc.parse({ name: "Test Kirana", owner_id: "owner", created_at: AT, ...over });
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

function order(over: Partial<OrderDoc> = {}): OrderDoc {
  const body = PlaceOrderBody.parse({ shop_id: "shopA", items: [{ product_id: "A", quantity: 2 }] });
  const { lines } = takeStock(body.items, new Map([["A", product("A", 5)]]), ctx, (p) => `m-${p}`);
  return { ...newOrderDoc({ body, shopName: "Test Kirana", customer: { uid: "cust1", name: "Priya" }, lines, key: null, source: "api", at: AT }), ...over };
}

describe("status transitions", () => {
  test("every transition of the seed is allowed and every other one is refused with the seed's message", () => {
    const all = Object.keys(TRANSITIONS) as Array<keyof typeof TRANSITIONS>;
    for (const from of all) {
      for (const to of all) {
        if (TRANSITIONS[from].includes(to)) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(caught(() => assertTransition(from, to)).message).toBe(`Invalid status transition from '${from}' to '${to}'.`);
      }
    }
    expect(TRANSITIONS.preparing).toEqual(["ready"]);
    expect(TRANSITIONS.picked_up).toEqual([]);
  });

  test("a customer may only cancel a pending order; the shop must give a reason to cancel", () => {
    expect(() => assertRoleMayChange("customer", "pending", "cancelled", undefined)).not.toThrow();
    expect(caught(() => assertRoleMayChange("customer", "confirmed", "cancelled", undefined)).kind).toBe("FORBIDDEN");
    expect(caught(() => assertRoleMayChange("customer", "pending", "confirmed", undefined)).kind).toBe("FORBIDDEN");
    expect(caught(() => assertRoleMayChange("staff", "pending", "cancelled", undefined)).kind).toBe("INVALID_DATA");
    expect(() => assertRoleMayChange("staff", "confirmed", "cancelled", "out of atta")).not.toThrow();
    expect(() => assertRoleMayChange("owner", "ready", "picked_up", undefined)).not.toThrow();
  });

  test("confirming records who, when, from, to and the preparation estimate (the shop's default when none is given)", () => {
    const next = applyStatusChange(order(), UpdateOrderStatusBody.parse({ status: "confirmed" }), { uid: "staff1", role: "staff" }, 25, AT);
    expect(next).toMatchObject({ status: "confirmed", version: 2, estimated_preparation_minutes: 25, confirmed_at: AT });
    expect(next.history[1]).toEqual({ from: "pending", to: "confirmed", by: "staff1", role: "staff", at: AT, reason: null });
    expect(applyStatusChange(order(), UpdateOrderStatusBody.parse({ status: "confirmed", estimated_preparation_minutes: 7 }), { uid: "s", role: "staff" }, 25, AT).estimated_preparation_minutes).toBe(7);
    expect(caught(() => applyStatusChange(order(), UpdateOrderStatusBody.parse({ status: "cancelled", estimated_preparation_minutes: 7 }), { uid: "s", role: "staff" }, 25, AT)).kind).toBe("INVALID_DATA");
  });

  test("repeating the change one just made is recognised; someone else's same change is not", () => {
    const confirmed = applyStatusChange(order(), UpdateOrderStatusBody.parse({ status: "confirmed" }), { uid: "staff1", role: "staff" }, 20, AT);
    expect(isRepeatedChange(confirmed, "confirmed", "staff1")).toBe(true);
    expect(isRepeatedChange(confirmed, "confirmed", "owner1")).toBe(false);
    expect(isRepeatedChange(confirmed, "preparing", "staff1")).toBe(false);
  });
});

describe("placing", () => {
  test("lines are priced from the products, stock goes down through ledger movements tied to the order", () => {
    const products = new Map([["A", product("A", 5, 4550)], ["B", product("B", 1, 1000)]]);
    const { lines, changes } = takeStock([{ product_id: "A", quantity: 2 }, { product_id: "B", quantity: 1, special_instructions: "ripe" }], products, ctx, (p) => `order-o1-${p}`);
    expect(lines.map((l) => [l.product_id, l.unit_price_paise, l.line_total_paise, l.name])).toEqual([["A", 4550, 9100, "Item A"], ["B", 1000, 1000, "Item B"]]);
    expect(changes.map((c) => [c.productId, c.product.quantity, c.product.version, c.movement.id, c.movement.doc.delta, c.movement.doc.reason, c.movement.doc.ref])).toEqual([
      ["A", 3, 2, "order-o1-A", -2, "order", "o1"],
      ["B", 0, 2, "order-o1-B", -1, "order", "o1"],
    ]);
  });

  test("short lines are refused together with what is available; unknown products are a 400", () => {
    const products = new Map<string, ProductDoc | null>([["A", product("A", 1)], ["B", product("B", 0)], ["C", product("C", 9)]]);
    const short = caught(() => takeStock([{ product_id: "A", quantity: 2 }, { product_id: "B", quantity: 1 }, { product_id: "C", quantity: 1 }], products, ctx, (p) => p));
    expect(short.kind).toBe("CONFLICT");
    expect(short.details?.short_items).toEqual([
      { product_id: "A", product_name: "Item A", requested: 2, available: 1 },
      { product_id: "B", product_name: "Item B", requested: 1, available: 0 },
    ]);
    const unknown = caught(() => takeStock([{ product_id: "Z", quantity: 1 }], new Map([["Z", null]]), ctx, (p) => p));
    expect(unknown.kind).toBe("INVALID_DATA");
    expect(unknown.details?.unknown_products).toEqual(["Z"]);
  });

  test("cancelling returns each line's stock with its own movement id; a deleted product is skipped", () => {
    const o = order();
    const { changes } = returnStock("o1", o.items, new Map([["A", product("A", 3)]]), ctx);
    expect(changes[0]).toMatchObject({ productId: "A", movement: { id: "cancel-o1-A", doc: { delta: 2, reason: "order_cancelled", quantity_after: 5 } } });
    expect(returnStock("o1", o.items, new Map([["A", null]]), ctx)).toEqual({ changes: [], skipped: ["A"] });
  });

  test("the request body is checked: 1–100 lines, a product once, quantities 1–999, pre-orders need a time, no lone surrogates", () => {
    const ok = { shop_id: "s", items: [{ product_id: "A", quantity: 1 }] };
    expect(PlaceOrderBody.safeParse(ok).success).toBe(true);
    expect(PlaceOrderBody.safeParse({ shop_id: "s", items: [] }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ shop_id: "s", items: [], has_chitty: true }).success).toBe(true);
    expect(PlaceOrderBody.safeParse({ shop_id: "s", items: Array.from({ length: 101 }, (_, i) => ({ product_id: `P${i}`, quantity: 1 })) }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ shop_id: "s", items: [{ product_id: "A", quantity: 1 }, { product_id: "A", quantity: 2 }] }).success).toBe(false);
    for (const quantity of [0, -1, 1.5, 1000, 1e9]) expect(PlaceOrderBody.safeParse({ shop_id: "s", items: [{ product_id: "A", quantity }] }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ ...ok, order_type: "pre_order" }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ ...ok, scheduled_pickup_time: "2026-11-23T10:00:00Z" }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ ...ok, order_notes: "bad \ud800 text" }).success).toBe(false);
    expect(PlaceOrderBody.safeParse({ ...ok, order_notes: "fine 🙂 text" }).success).toBe(true);
    expect(PlaceOrderBody.safeParse({ ...ok, is_paid: true }).success).toBe(false);
  });

  test("a shop takes an order only when active, accepting, and open now (instant) or at the pickup time (pre-order)", () => {
    const hours = { sun: [{ open: "09:00", close: "13:00" }] }; // AT is Sunday 11:30 IST
    expect(() => assertShopTakesOrder("s", shop({ opening_hours: hours }), { order_type: "instant" }, AT)).not.toThrow();
    expect(caught(() => assertShopTakesOrder("s", null, { order_type: "instant" }, AT)).kind).toBe("NOT_FOUND");
    expect(caught(() => assertShopTakesOrder("s", shop({ active: false }), { order_type: "instant" }, AT)).kind).toBe("UNPROCESSABLE");
    expect(caught(() => assertShopTakesOrder("s", shop({ order_settings: { accepting_orders: false, default_preparation_minutes: 20 } }), { order_type: "instant" }, AT)).kind).toBe("UNPROCESSABLE");
    expect(caught(() => assertShopTakesOrder("s", shop({ opening_hours: { mon: [{ open: "09:00", close: "13:00" }] } }), { order_type: "instant" }, AT)).kind).toBe("UNPROCESSABLE");
    const pre = (iso: string) => ({ order_type: "pre_order" as const, scheduled_pickup_time: iso });
    expect(() => assertShopTakesOrder("s", shop({ opening_hours: hours }), pre("2026-11-22T07:00:00Z"), AT)).not.toThrow(); // 12:30 IST
    expect(caught(() => assertShopTakesOrder("s", shop({ opening_hours: hours }), pre("2026-11-22T08:00:00Z"), AT)).kind).toBe("UNPROCESSABLE"); // 13:30 IST
    expect(caught(() => assertShopTakesOrder("s", shop(), pre("2026-11-22T05:00:00Z"), AT)).kind).toBe("INVALID_DATA"); // past
    expect(caught(() => assertShopTakesOrder("s", shop(), pre("2027-01-22T05:00:00Z"), AT)).kind).toBe("INVALID_DATA"); // too far
  });

  test("a key names one order per customer, and the request hash ignores line order but not content", () => {
    expect(orderIdFor("u1", "key-1")).toBe(orderIdFor("u1", "key-1"));
    expect(orderIdFor("u1", "key-1")).not.toBe(orderIdFor("u2", "key-1"));
    const a = PlaceOrderBody.parse({ shop_id: "s", items: [{ product_id: "A", quantity: 1 }, { product_id: "B", quantity: 2 }] });
    const b = PlaceOrderBody.parse({ shop_id: "s", items: [{ product_id: "B", quantity: 2 }, { product_id: "A", quantity: 1 }] });
    const c = PlaceOrderBody.parse({ shop_id: "s", items: [{ product_id: "B", quantity: 3 }, { product_id: "A", quantity: 1 }] });
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).not.toBe(requestHash(c));
  });

  test("the IST day rolls over at 18:30 UTC", () => {
    expect(istDate(new Date("2026-11-22T18:29:59Z"))).toBe("2026-11-22");
    expect(istDate(new Date("2026-11-22T18:30:00Z"))).toBe("2026-11-23");
  });
});

describe("cursors", () => {
  test("a cursor round-trips, and one from another list or not from us is refused", () => {
    const c = encodeOrderCursor("me:u1", { createdAt: 1700000000000, id: "o-abc" });
    expect(decodeOrderCursor("me:u1", c)).toEqual({ createdAt: 1700000000000, id: "o-abc" });
    expect(caught(() => decodeOrderCursor("me:u2", c)).kind).toBe("INVALID_DATA");
    for (const bad of ["%%%", Buffer.from("null").toString("base64url"), Buffer.from(JSON.stringify({ s: "me:u1", t: -1, i: "x" })).toString("base64url"), Buffer.from(JSON.stringify({ s: "me:u1", t: 1, i: "a/b" })).toString("base64url")]) {
      expect(caught(() => decodeOrderCursor("me:u1", bad)).kind).toBe("INVALID_DATA");
    }
  });
});

describe("order KPIs", () => {
  test("a contribution moves between statuses; applying the same state twice changes nothing", () => {
    const placed = orderContribution(order());
    expect(placed).toEqual({ day: "2026-11-22", status: "pending", revenue_paise: 10000, prep_seconds: null });
    expect(orderContributionDelta(placed, placed).size).toBe(0);
    const ready = orderContribution(order({ status: "ready", confirmed_at: AT, ready_at: new Date(AT.getTime() + 600_000) }));
    const delta = orderContributionDelta(placed, ready).get("2026-11-22");
    expect(delta).toEqual({ orders: 0, revenue_paise: 0, prep_seconds_total: 600, prep_count: 1, by_status: { pending: -1, ready: 1 } });
    const cancelled = orderContribution(order({ status: "cancelled" }));
    expect(orderContributionDelta(placed, cancelled).get("2026-11-22")?.revenue_paise).toBe(-10000);
  });
});

describe("notifications of an order write", () => {
  test("a new order notifies every shop member with the seed's new_order fields", () => {
    const o = order({ has_chitty: true });
    const writes = notificationsForOrderWrite("o1", null, o, ["owner1", "staff1"], AT);
    expect(writes.map((w) => [w.uid, w.id, w.doc.type])).toEqual([["owner1", "o1-v1-new_order", "new_order"], ["staff1", "o1-v1-new_order", "new_order"]]);
    expect(writes[0].doc.data).toEqual({ order_id: "o1", customer_name: "Priya", order_type: "instant", scheduled_pickup_time: null, total_amount: 100, item_count: 1, has_chitty: true });
    expect(writes[0].doc.expires_at.getTime()).toBeGreaterThan(AT.getTime());
  });

  test("becoming ready sends order_update and pickup_ready to the customer, keyed by the order version", () => {
    const before = order({ status: "preparing", version: 3, estimated_preparation_minutes: 15 });
    const after = { ...before, status: "ready" as const, version: 4 };
    const writes = notificationsForOrderWrite("o1", before, after, [], AT);
    expect(writes.map((w) => [w.uid, w.id])).toEqual([["cust1", "o1-v4-order_update"], ["cust1", "o1-v4-pickup_ready"]]);
    expect(writes[0].doc.data).toEqual({ order_id: "o1", shop_id: "shopA", status: "ready", total_amount: 100, estimated_preparation_minutes: 15 });
    expect(writes[1].doc.data).toEqual({ order_id: "o1", shop_id: "shopA", status: "ready", estimated_preparation_minutes: 15 });
    expect(notificationsForOrderWrite("o1", after, after, [], AT)).toEqual([]);
  });
});
