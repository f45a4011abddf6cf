import { productIdForSku, Rupees, rupeesToPaise, paiseToRupees, searchTokens, Sku } from "../../../src/inventory/products.schema";

describe("product contract helpers", () => {
  test("SKUs are unique case-insensitively through the document id", () => {
    expect(productIdForSku("atta-5kg")).toBe(productIdForSku("ATTA-5KG"));
  });

  test("SKUs with characters a document id cannot hold are refused", () => {
    expect(Sku.safeParse("A/B").success).toBe(false);
    expect(Sku.safeParse("..").success).toBe(false);
    expect(Sku.safeParse("x".repeat(65)).success).toBe(false);
    expect(Sku.safeParse("TAT-SAL-1KG").success).toBe(true);
  });

  test("rupees with more than 2 decimals are refused; 2 decimals convert exactly to paise", () => {
    expect(Rupees.safeParse(12.345).success).toBe(false);
    expect(Rupees.safeParse(-1).success).toBe(false);
    expect(Rupees.safeParse(0.29).success).toBe(true);
    expect(rupeesToPaise(0.29)).toBe(29);
    expect(rupeesToPaise(1200.5)).toBe(120050);
    expect(paiseToRupees(120050)).toBe(1200.5);
  });

  test("search tokens are the prefixes of every word of the name and the SKU", () => {
    const tokens = searchTokens("Tata Salt", "TS-1");
    expect(tokens).toEqual(expect.arrayContaining(["t", "ta", "tat", "tata", "s", "sa", "salt", "ts", "1"]));
    expect(tokens).not.toContain("ata");
  });
});

describe("product bounds keep every derived sum exact", () => {
  const { PRODUCT_BOUNDS, productBoundsProblem } = jest.requireActual("../../../src/inventory/products.schema") as typeof import("../../../src/inventory/products.schema");

  test("the largest catalog at the largest stock value stays below 2^53, for a chain of 90 such shops", () => {
    const shop = PRODUCT_BOUNDS.maxCatalogProducts * PRODUCT_BOUNDS.maxStockValuePaise;
    expect(90 * shop).toBeLessThan(2 ** 53);
    expect(PRODUCT_BOUNDS.maxQuantity * PRODUCT_BOUNDS.maxCatalogProducts * 90).toBeLessThan(2 ** 53);
  });

  test("quantity, price, MRP, threshold and stock value are each refused past their bound", () => {
    const ok = { quantity: 1000, unit_price_paise: 1_000_000, mrp_paise: null, low_stock_threshold: 5 };
    expect(productBoundsProblem(ok)).toBeNull();
    expect(productBoundsProblem({ ...ok, quantity: 1_000_001, unit_price_paise: 0 })).toMatch(/quantity/);
    expect(productBoundsProblem({ ...ok, unit_price_paise: 100_000_001 })).toMatch(/unit_price/);
    expect(productBoundsProblem({ ...ok, mrp_paise: 100_000_001 })).toMatch(/mrp/);
    expect(productBoundsProblem({ ...ok, low_stock_threshold: 1_000_001 })).toMatch(/low_stock_threshold/);
    expect(productBoundsProblem({ ...ok, quantity: 1001 })).toMatch(/stock value/);
    expect(productBoundsProblem({ ...ok, quantity: 2 ** 53 + 1 })).toMatch(/quantity/);
  });

  test("-0 rupees become 0 paise, an integer", () => {
    expect(Object.is(rupeesToPaise(-0), 0)).toBe(true);
  });
});
