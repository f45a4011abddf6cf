import { isLowStock, isOutOfStock } from "../../../src/inventory/products.schema";
import {
  addTotals,
  contributionDelta,
  contributionOf,
  diffTotals,
  emptyTotals,
  normalizeTotals,
  shardFor,
  sumTotals,
  toKpisResponse,
  totalsOf,
  type KpiRelevantProduct,
} from "../../../src/kpis/kpis.service";
import type { KpiTotals } from "../../../src/kpis/kpis.schema";

const p = (over: Partial<KpiRelevantProduct> = {}): KpiRelevantProduct => ({
  category: "Staples",
  quantity: 10,
  unit_price_paise: 4550,
  low_stock_threshold: 5,
  ...over,
});

/** Applies a sequence of (before → after) product states to an aggregate, as the trigger does. */
function replay(steps: Array<[KpiRelevantProduct | null, KpiRelevantProduct | null]>): KpiTotals {
  let totals = emptyTotals();
  for (const [before, after] of steps) {
    const delta = contributionDelta(contributionOf(before), contributionOf(after));
    if (delta) totals = addTotals(totals, delta);
  }
  return totals;
}

describe("low stock and out of stock", () => {
  test("low stock means 0 < quantity <= threshold", () => {
    expect(isLowStock({ quantity: 0, low_stock_threshold: 5 })).toBe(false);
    expect(isLowStock({ quantity: 1, low_stock_threshold: 5 })).toBe(true);
    expect(isLowStock({ quantity: 5, low_stock_threshold: 5 })).toBe(true);
    expect(isLowStock({ quantity: 6, low_stock_threshold: 5 })).toBe(false);
    expect(isLowStock({ quantity: 1, low_stock_threshold: 0 })).toBe(false);
  });

  test("quantity zero is out of stock and never low stock", () => {
    expect(isOutOfStock({ quantity: 0 })).toBe(true);
    expect(isOutOfStock({ quantity: 1 })).toBe(false);
    const c = contributionOf(p({ quantity: 0 }));
    expect(c).toMatchObject({ out_of_stock: true, low_stock: false, units: 0, value_paise: 0 });
  });
});

describe("contribution of one product", () => {
  test("stock value is quantity x unit price in integer paise", () => {
    expect(contributionOf(p({ quantity: 3, unit_price_paise: 4550 }))).toEqual({
      category: "Staples",
      units: 3,
      value_paise: 13650,
      low_stock: true,
      out_of_stock: false,
    });
  });

  test("a missing product contributes nothing", () => {
    expect(contributionOf(null)).toBeNull();
    expect(contributionDelta(null, null)).toBeNull();
  });
});

describe("deltas", () => {
  test("a create adds one product to the totals and its category", () => {
    const delta = contributionDelta(null, contributionOf(p({ quantity: 2, unit_price_paise: 100 })));
    expect(delta).toEqual({
      products: 1,
      units: 2,
      value_paise: 200,
      low_stock: 1,
      out_of_stock: 0,
      by_category: { Staples: { products: 1, units: 2, value_paise: 200, low_stock: 1, out_of_stock: 0 } },
    });
  });

  test("a change that does not touch KPI fields is no delta at all", () => {
    expect(contributionDelta(contributionOf(p()), contributionOf(p()))).toBeNull();
  });

  test("a category change moves the product's counts between categories", () => {
    const totals = replay([
      [null, p({ category: "Dairy", quantity: 4 })],
      [p({ category: "Dairy", quantity: 4 }), p({ category: "Snacks", quantity: 4 })],
    ]);
    expect(totals.products).toBe(1);
    expect(totals.by_category).toEqual({ Snacks: { products: 1, units: 4, value_paise: 4 * 4550, low_stock: 1, out_of_stock: 0 } });
  });

  test("create, stock changes and delete sum back to zero", () => {
    const totals = replay([
      [null, p({ quantity: 10 })],
      [p({ quantity: 10 }), p({ quantity: 3 })],
      [p({ quantity: 3 }), p({ quantity: 0 })],
      [p({ quantity: 0 }), null],
    ]);
    expect(normalizeTotals(totals)).toEqual(emptyTotals());
  });

  test("applying deltas equals computing from scratch for a random history", () => {
    // Deterministic pseudo-random walk over 50 products.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const state = new Map<number, KpiRelevantProduct>();
    const steps: Array<[KpiRelevantProduct | null, KpiRelevantProduct | null]> = [];
    for (let i = 0; i < 2000; i++) {
      const id = rand(50);
      const before = state.get(id) ?? null;
      const after =
        rand(10) === 0 ? null : p({ category: ["A", "B", "C"][rand(3)], quantity: rand(12), unit_price_paise: rand(10000), low_stock_threshold: rand(6) });
      steps.push([before, after]);
      if (after) state.set(id, after);
      else state.delete(id);
    }
    expect(normalizeTotals(replay(steps))).toEqual(totalsOf([...state.values()].map(contributionOf)));
  });
});

describe("sums, diffs, shards, answers", () => {
  test("sumTotals adds shards and drops empty categories", () => {
    const a = totalsOf([contributionOf(p({ category: "A" }))]);
    const b = contributionDelta(contributionOf(p({ category: "A" })), null)!;
    const c = totalsOf([contributionOf(p({ category: "B", quantity: 0 }))]);
    expect(sumTotals([a, b, c])).toEqual({
      products: 1,
      units: 0,
      value_paise: 0,
      low_stock: 0,
      out_of_stock: 1,
      by_category: { B: { products: 1, units: 0, value_paise: 0, low_stock: 0, out_of_stock: 1 } },
    });
  });

  test("diffTotals names every differing field, including per category", () => {
    const expected = totalsOf([contributionOf(p({ quantity: 2 }))]);
    const found = { ...expected, units: 7, by_category: {} };
    expect(diffTotals(expected, found)).toEqual({
      units: { expected: 2, found: 7 },
      "by_category.Staples.products": { expected: 1, found: 0 },
      "by_category.Staples.units": { expected: 2, found: 0 },
      "by_category.Staples.value_paise": { expected: 9100, found: 0 },
      "by_category.Staples.low_stock": { expected: 1, found: 0 },
    });
    expect(diffTotals(expected, expected)).toEqual({});
  });

  test("a product always maps to the same shard within range, and ids spread over shards", () => {
    expect(shardFor("ATTA-5KG", 16)).toBe(shardFor("ATTA-5KG", 16));
    const used = new Set(Array.from({ length: 400 }, (_, i) => shardFor(`SKU-${i}`, 16)));
    expect([...used].every((s) => s >= 0 && s < 16)).toBe(true);
    expect(used.size).toBe(16);
  });

  test("the answer keeps the MSME fields, with stock value in rupees", () => {
    const s1 = totalsOf([contributionOf(p({ quantity: 3, unit_price_paise: 4550 }))]);
    const s2 = totalsOf([contributionOf(p({ category: "Dairy", quantity: 0 }))]);
    const res = toKpisResponse("chain", [
      { shopId: "s1", totals: s1, updatedAt: new Date("2026-01-01T00:00:00Z") },
      { shopId: "s2", totals: s2, updatedAt: null },
    ]);
    expect(res).toMatchObject({
      scope: "chain",
      shop_ids: ["s1", "s2"],
      total_items: 2,
      total_units: 3,
      total_stock_value: 136.5,
      total_stock_value_paise: 13650,
      low_stock_count: 1,
      out_of_stock_count: 1,
      updated_at: "2026-01-01T00:00:00.000Z",
    });
    expect(res.by_category.map((c) => c.category)).toEqual(["Dairy", "Staples"]);
    expect(res.shops).toHaveLength(2);
  });
});
