import { describe, expect, it } from "vitest";
import { decodeValue, mergeFresher, productsFromRunQuery } from "../src/features/inventory/first-page";
import type { Product } from "../src/features/inventory/types";

const NAME = "projects/demo-kirana/databases/(default)/documents/shops/shop-1/products/";

/** A runQuery answer as Firestore's REST API writes it. */
function restDoc(id: string, fields: Record<string, unknown>) {
  return { document: { name: NAME + id, fields, createTime: "2026-11-22T08:00:00Z", updateTime: "2026-11-22T08:00:00Z" }, readTime: "2026-11-22T09:00:00Z" };
}

const toorDal = restDoc("TOOR-1KG", {
  sku: { stringValue: "TOOR-1KG" },
  name: { stringValue: "Toor Dal 1kg" },
  category: { stringValue: "Dals" },
  quantity: { integerValue: "42" },
  unit_price_paise: { integerValue: "15000" },
  low_stock_threshold: { integerValue: "5" },
  mrp_paise: { nullValue: null },
  unit: { stringValue: "1 kg" },
  barcode: { nullValue: null },
  search_tokens: { arrayValue: { values: [{ stringValue: "toor" }, { stringValue: "dal" }] } },
  version: { integerValue: "7" },
  updated_at: { timestampValue: "2026-11-22T05:30:00.250Z" },
  updated_by: { stringValue: "uid-1" },
});

function product(id: string, version: number, quantity: number): Product {
  return { id, sku: id, name: id, category: "Dals", quantity, unit_price_paise: 100, low_stock_threshold: 5, mrp_paise: null, unit: null, barcode: null, search_tokens: [], version, updated_at: null, updated_by: "u" };
}

describe("first inventory page from Firestore's REST runQuery", () => {
  it("decodes a product with numbers as numbers, nulls, arrays and a timestamp that sorts and formats", () => {
    const [p] = productsFromRunQuery([toorDal])!;
    expect(p).toMatchObject({ id: "TOOR-1KG", name: "Toor Dal 1kg", quantity: 42, unit_price_paise: 15000, version: 7, mrp_paise: null, search_tokens: ["toor", "dal"] });
    expect(p.updated_at!.toMillis()).toBe(Date.parse("2026-11-22T05:30:00.250Z"));
    expect(p.updated_at!.toDate().toISOString()).toBe("2026-11-22T05:30:00.250Z");
  });

  it("skips the entries without a document (the answer's last readTime-only entry) and documents that are not products", () => {
    const products = productsFromRunQuery([toorDal, restDoc("junk", { title: { stringValue: "x" } }), { readTime: "2026-11-22T09:00:00Z" }]);
    expect(products!.map((p) => p.id)).toEqual(["TOOR-1KG"]);
  });

  it("answers null for something that is not a runQuery answer (an error body)", () => {
    expect(productsFromRunQuery({ error: { code: 403, message: "PERMISSION_DENIED" } })).toBeNull();
  });

  it("keeps field names such as __proto__ as plain data", () => {
    // JSON.parse, as the answer is read, makes "__proto__" an own key (a literal would not).
    const value = JSON.parse('{"mapValue":{"fields":{"__proto__":{"stringValue":"x"},"constructor":{"integerValue":"1"}}}}');
    const decoded = decodeValue(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toBe("x");
    expect(decoded.constructor).toBe(1);
  });
});

describe("merging the REST page with the offline cache's rows", () => {
  it("shows the REST page's product where it is newer than the cached one, and the cached one where that is newer", () => {
    const cached = [product("a", 3, 10), product("b", 5, 20)];
    const rest = [product("a", 4, 9), product("b", 4, 21)];
    const merged = mergeFresher(cached, rest);
    expect(merged.find((p) => p.id === "a")!.quantity).toBe(9);
    expect(merged.find((p) => p.id === "b")!.quantity).toBe(20);
  });

  it("adds the REST page's products the cache does not hold yet, and keeps the cache's others", () => {
    const merged = mergeFresher([product("a", 1, 1), product("z", 1, 1)], [product("b", 1, 2)]);
    expect(merged.map((p) => p.id).sort()).toEqual(["a", "b", "z"]);
  });
});
