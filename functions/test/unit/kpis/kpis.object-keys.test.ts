import { contributionDelta, contributionOf, diffTotals, sumTotals, toKpisResponse, totalsOf } from "../../../src/kpis/kpis.service";
import { decodeCategoryKey, encodeByCategory, encodeCategoryKey, readTotals, totalsFrom } from "../../../src/kpis/kpis.repository";

const TRICKY = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("categories named like JavaScript object members are ordinary categories", () => {
  test("totals count each of them exactly, per category and overall", () => {
    const products = TRICKY.flatMap((category, i) => [
      contributionOf({ category, quantity: i + 1, unit_price_paise: 100, low_stock_threshold: 10 }),
      contributionOf({ category, quantity: 0, unit_price_paise: 100, low_stock_threshold: 10 }),
    ]);
    const totals = totalsOf(products);
    expect(totals.products).toBe(TRICKY.length * 2);
    TRICKY.forEach((category, i) => {
      expect(Object.prototype.hasOwnProperty.call(totals.by_category, category)).toBe(true);
      expect(totals.by_category[category]).toEqual({ products: 2, units: i + 1, value_paise: (i + 1) * 100, low_stock: 1, out_of_stock: 1 });
    });
    const response = toKpisResponse("shop", [{ shopId: "s", totals, updatedAt: null }]);
    expect(response.by_category.map((c) => c.category).sort()).toEqual([...TRICKY].sort());
  });

  test("moving a product out of 'constructor' and deleting one from '__proto__' leaves them at zero", () => {
    const a = contributionOf({ category: "constructor", quantity: 3, unit_price_paise: 10, low_stock_threshold: 1 });
    const b = contributionOf({ category: "__proto__", quantity: 3, unit_price_paise: 10, low_stock_threshold: 1 });
    const moved = contributionOf({ category: "toString", quantity: 3, unit_price_paise: 10, low_stock_threshold: 1 });
    const total = sumTotals([totalsOf([a, b]), contributionDelta(a, moved)!, contributionDelta(b, null)!]);
    expect(Object.keys(total.by_category)).toEqual(["toString"]);
    expect(diffTotals(totalsOf([moved]), total)).toEqual({});
  });

  test("stored keys: reserved names are encoded one-to-one and read back", () => {
    for (const name of [...TRICKY, "~tilde", "~~", "Dairy", "__x__"]) expect(decodeCategoryKey(encodeCategoryKey(name))).toBe(name);
    expect(encodeCategoryKey("__proto__")).toBe("~__proto__");
    expect(encodeCategoryKey("constructor")).toBe("constructor");
    const byCategory = Object.create(null) as Record<string, unknown>;
    byCategory["__proto__"] = { products: 1, units: 1, value_paise: 1, low_stock: 0, out_of_stock: 0 };
    const stored = { products: 1, units: 1, value_paise: 1, low_stock: 0, out_of_stock: 0, by_category: encodeByCategory(byCategory) };
    expect(Object.keys(totalsFrom(JSON.parse(JSON.stringify(stored))).by_category)).toEqual(["__proto__"]);
  });
});

describe("a KPI record that is not what the server writes is never read as zero", () => {
  test("a count past 2^53, a string or a double is reported as malformed", () => {
    expect(readTotals({ products: 1, value_paise: 2 ** 53 + 2 })).toEqual(expect.stringContaining("value_paise"));
    expect(readTotals({ products: "3" })).toEqual(expect.stringContaining("products"));
    expect(readTotals({ by_category: { Dairy: { units: 1.5 } } })).toEqual(expect.stringContaining("by_category.Dairy.units"));
    expect(() => totalsFrom({ units: Number.NaN })).toThrow(/malformed/);
  });

  test("missing fields and documents are zeros; -0 reads as 0", () => {
    expect(readTotals(undefined)).toEqual(expect.objectContaining({ products: 0 }));
    const t = readTotals({ units: -0 });
    expect(typeof t === "string" ? t : Object.is(t.units, 0)).toBe(true);
  });
});
