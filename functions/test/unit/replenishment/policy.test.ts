import { abcClasses, bestOffer, normalQuantile, reorderPolicy, topUpToMinimum } from "../../../src/replenishment/policy";
import { planShop, decodeSuggestionCursor, encodeSuggestionCursor } from "../../../src/replenishment/replenishment.service";
import { newStoredProduct } from "../../../src/inventory/products.schema";
import { istDay, type LedgerEntry } from "../../../src/replenishment/demand";
import { crossingType, stockAlertMayChange, stockNotificationId, alertView, type AlertView } from "../../../src/replenishment/stock-alerts.service";

describe("reorder policy", () => {
  test("normal quantiles for the class service levels", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2816, 4);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6449, 4);
    expect(normalQuantile(0.98)).toBeCloseTo(2.0537, 4);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263, 4);
  });

  test("reorder point = lead-time demand + z·σ·√L; order = EOQ in whole packs", () => {
    // 10/day, σ 3, L 4, 95%: SS = ceil(1.645·3·2) = 10; ROP = 40 + 10 = 50.
    // EOQ = √(2 · 3650 · 10000 / (0.25 · 2000)) = √146000 ≈ 382.1 → 383 → 32 packs of 12 = 384.
    const r = reorderPolicy({ forecast: Array(14).fill(10), sdPerDay: 3, onHand: 30, onOrder: 5, serviceLevel: 0.95, leadTimeDays: 4, packSize: 12, unitCostPaise: 2000 });
    expect(r.reasoning).toMatchObject({ demand_per_day: 10, lead_time_days: 4, safety_stock: 10, reorder_point: 50, on_hand: 30, on_order: 5, eoq: 383, forecast_14d: 140 });
    expect(r.needsOrder).toBe(true);
    expect(r.packs).toBe(32);
    expect(r.orderQuantity).toBe(384);
  });

  test("no order while the stock position is above the reorder point, or nothing sells", () => {
    expect(reorderPolicy({ forecast: Array(14).fill(10), sdPerDay: 3, onHand: 45, onOrder: 6, serviceLevel: 0.95, leadTimeDays: 4, packSize: 1, unitCostPaise: 2000 }).needsOrder).toBe(false);
    expect(reorderPolicy({ forecast: Array(14).fill(0), sdPerDay: 0, onHand: 0, onOrder: 0, serviceLevel: 0.9, leadTimeDays: 7, packSize: 1, unitCostPaise: null }).needsOrder).toBe(false);
  });

  test("the order always lifts the position above the reorder point, even when EOQ is small", () => {
    const r = reorderPolicy({ forecast: Array(14).fill(50), sdPerDay: 10, onHand: 0, onOrder: 0, serviceLevel: 0.98, leadTimeDays: 10, packSize: 1, unitCostPaise: 1_000_000 });
    expect(r.orderQuantity).toBeGreaterThan(r.reasoning.reorder_point);
  });

  test("ABC: the items making up 80% of value are A, the next 15% B, the rest C", () => {
    const classes = abcClasses(new Map([["a", 700], ["b", 150], ["c", 100], ["d", 40], ["e", 10], ["z", 0]]));
    expect(Object.fromEntries(classes)).toEqual({ a: "A", b: "A", c: "B", d: "C", e: "C", z: "C" });
  });

  test("the supplier with the lowest unit price wins; ties go to the shorter lead time", () => {
    const o = (supplierId: string, unitCostPaise: number, leadTimeDays: number) => ({ supplierId, supplierName: supplierId, unitCostPaise, leadTimeDays, minOrderPaise: 0, packSize: 1 });
    expect(bestOffer([o("s1", 500, 3), o("s2", 450, 9), o("s3", 450, 2)])?.supplierId).toBe("s3");
    expect(bestOffer([])).toBeNull();
  });

  test("a supplier's minimum order is met with whole packs, on the line that runs out first", () => {
    const packs = topUpToMinimum(
      [
        { id: "fast", packs: 1, packSize: 10, unitCostPaise: 100, demandPerDay: 10, onHand: 0 },
        { id: "slow", packs: 1, packSize: 10, unitCostPaise: 100, demandPerDay: 1, onHand: 0 },
      ],
      5_000,
    );
    // 2 × 1000 paise → needs 3 more packs; the fast mover gets them (fewest days of cover).
    expect(Object.fromEntries(packs)).toEqual({ fast: 4, slow: 1 });
  });

  test("a minimum order that free items can never reach stops instead of looping", () => {
    expect(Object.fromEntries(topUpToMinimum([{ id: "x", packs: 1, packSize: 1, unitCostPaise: 0, demandPerDay: 1, onHand: 0 }], 10_000))).toEqual({ x: 1 });
  });
});

describe("planShop: from ledger to suggestions", () => {
  const at = new Date("2026-11-22T20:00:00Z"); // 01:30 IST on the 23rd
  const lastDay = istDay(at) - 1;
  const sale = (productId: string, day: number, qty: number, after: number): LedgerEntry => ({ product_id: productId, delta: -qty, reason: "sale", quantity_after: after, at: new Date(day * 86_400_000 + 6 * 3_600_000) });

  test("a steady seller below its reorder point gets a suggestion from its cheapest supplier; a well-stocked one does not; stale ids are not kept", () => {
    const products = [
      { id: "RICE", doc: newStoredProduct({ sku: "rice", name: "Rice", category: "Staples", quantity: 8, unit_price_paise: 6000 }, "t", at) },
      { id: "SALT", doc: newStoredProduct({ sku: "salt", name: "Salt", category: "Staples", quantity: 500, unit_price_paise: 2000 }, "t", at) },
      { id: "NEW", doc: newStoredProduct({ sku: "new", name: "Never sold", category: "Staples", quantity: 0, unit_price_paise: 100 }, "t", at) },
    ];
    // Both were created 60 days ago (the days before are censored, not zero sales).
    const ledger: LedgerEntry[] = ["RICE", "SALT"].map((id) => ({ product_id: id, delta: 500, reason: "create" as const, quantity_after: 500, at: new Date((lastDay - 60) * 86_400_000) }));
    for (let d = lastDay - 59; d <= lastDay; d++) {
      ledger.push(sale("RICE", d, 5, 100));
      ledger.push(sale("SALT", d, 2, 500));
    }
    const offers = new Map([
      [
        "RICE",
        [
          { supplierId: "dear", supplierName: "Dear Traders", leadTimeDays: 2, minOrderPaise: 0, unitCostPaise: 5500, packSize: 10 },
          { supplierId: "cheap", supplierName: "Cheap Wholesale", leadTimeDays: 5, minOrderPaise: 0, unitCostPaise: 5000, packSize: 25 },
        ],
      ],
    ]);
    const plan = planShop({ shopId: "S", runId: "r1", at, lastDay, products, ledger, offers, onOrder: new Map([["RICE", 0]]) });
    expect([...plan.suggestions.keys()]).toEqual(["RICE"]);
    const rice = plan.suggestions.get("RICE")!;
    expect(rice).toMatchObject({ supplier_id: "cheap", supplier_name: "Cheap Wholesale", pack_size: 25, unit_cost_paise: 5000, abc_class: "A", service_level: 0.98 });
    expect(rice.order_quantity % 25).toBe(0);
    expect(rice.reasoning.demand_per_day).toBeCloseTo(5, 1);
    expect(rice.reasoning.lead_time_days).toBe(5);
    expect(rice.reasoning.reorder_point).toBeGreaterThanOrEqual(25);
    expect(plan.forecasts.get("RICE")!.days[0]).toBe("2026-11-23");
    expect(plan.forecasts.get("NEW")!.method).toBe("none");
  });

  test("what is on order counts toward the position", () => {
    const products = [{ id: "RICE", doc: newStoredProduct({ sku: "rice", name: "Rice", category: "Staples", quantity: 8, unit_price_paise: 6000 }, "t", at) }];
    const ledger: LedgerEntry[] = [];
    for (let d = lastDay - 59; d <= lastDay; d++) ledger.push(sale("RICE", d, 5, 100));
    const plan = planShop({ shopId: "S", runId: "r1", at, lastDay, products, ledger, offers: new Map(), onOrder: new Map([["RICE", 500]]) });
    expect(plan.suggestions.size).toBe(0);
    const without = planShop({ shopId: "S", runId: "r1", at, lastDay, products, ledger, offers: new Map(), onOrder: new Map() });
    // No supplier: lead time 7 days, pack size 1.
    expect(without.suggestions.get("RICE")).toMatchObject({ supplier_id: null, pack_size: 1, reasoning: expect.objectContaining({ lead_time_days: 7, on_order: 0 }) });
  });
});

describe("suggestion cursors", () => {
  test("a cursor round-trips for its shop and is refused for another shop or when forged", () => {
    const c = encodeSuggestionCursor("shopA", "RICE-5KG");
    expect(decodeSuggestionCursor("shopA", c)).toBe("RICE-5KG");
    expect(() => decodeSuggestionCursor("shopB", c)).toThrow(/another list/);
    expect(() => decodeSuggestionCursor("shopA", "not-a-cursor")).toThrow(/cursor/);
    expect(() => decodeSuggestionCursor("shopA", Buffer.from(JSON.stringify({ s: "shopA", i: "../x" })).toString("base64url"))).toThrow(/cursor/);
  });
});

describe("stock alert crossings (pure)", () => {
  const view = (quantity: number, version: number, threshold = 5): AlertView => ({ sku: "x", name: "X", quantity, low_stock_threshold: threshold, version, incarnation: "abc" });

  test("ok → low, low → out, out → ok are crossings; low → low and creation are not", () => {
    expect(crossingType(view(10, 1), view(5, 2))).toBe("stock_low");
    expect(crossingType(view(3, 2), view(0, 3))).toBe("stock_out");
    expect(crossingType(view(0, 3), view(12, 4))).toBe("stock_back");
    expect(crossingType(view(4, 3), view(2, 4))).toBeNull();
    expect(crossingType(null, view(0, 1))).toBeNull();
  });

  test("a threshold change alone can cross", () => {
    expect(crossingType(view(8, 1, 5), view(8, 2, 10))).toBe("stock_low");
  });

  test("the notification id is the same for the same write and differs per crossing and per product life", () => {
    const a = stockNotificationId("P", view(5, 2), "stock_low");
    expect(stockNotificationId("P", view(5, 2), "stock_low")).toBe(a);
    expect(stockNotificationId("P", view(4, 6), "stock_low")).not.toBe(a);
    expect(stockNotificationId("P", { ...view(5, 2), incarnation: "other" }, "stock_low")).not.toBe(a);
  });

  test("only writes that can change an alert pass the cheap check; a malformed product is no crossing", () => {
    const doc = (quantity: number, version: number) => ({ sku: "x", name: "X", quantity, low_stock_threshold: 5, version, incarnation: "abc" });
    expect(stockAlertMayChange(doc(20, 1), doc(19, 2))).toBe(false);
    expect(stockAlertMayChange(doc(20, 1), doc(5, 2))).toBe(true);
    expect(stockAlertMayChange(doc(4, 1), doc(3, 2))).toBe(true);
    expect(alertView({ quantity: -1 })).toBe("malformed");
    expect(stockAlertMayChange(doc(20, 1), { quantity: "lots" })).toBe(false);
  });
});
