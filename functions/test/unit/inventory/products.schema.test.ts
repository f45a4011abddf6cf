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
