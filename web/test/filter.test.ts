import { describe, expect, it } from "vitest";
import { applyFilters, categoriesOf, DEFAULT_FILTERS, matchesSearch } from "../src/features/inventory/filter";
import type { Product } from "../src/features/inventory/types";

const p = (sku: string, name: string, category: string, quantity: number, price = 1000, threshold = 5): Product => ({
  id: sku,
  sku,
  name,
  category,
  quantity,
  unit_price_paise: price,
  low_stock_threshold: threshold,
  mrp_paise: null,
  unit: null,
  barcode: null,
  search_tokens: [],
  version: 1,
  updated_at: null,
  updated_by: "x",
});

const products = [p("TOOR-1KG", "Toor Dal 1kg", "Dals", 3), p("ATTA-5KG", "Aashirvaad Atta 5kg", "Atta", 0, 30000), p("MOONG-1KG", "Moong Dal", "Dals", 40, 12000)];

describe("inventory filters", () => {
  it("searches by the start of any word of the name or the SKU", () => {
    expect(matchesSearch(products[0], "dal")).toBe(true);
    expect(matchesSearch(products[0], "to da")).toBe(true);
    expect(matchesSearch(products[0], "al")).toBe(false);
    expect(matchesSearch(products[1], "atta-5")).toBe(true);
  });

  it("filters low and out of stock with the backend's definitions", () => {
    expect(applyFilters(products, { ...DEFAULT_FILTERS, stock: "low" }).map((x) => x.sku)).toEqual(["TOOR-1KG"]);
    expect(applyFilters(products, { ...DEFAULT_FILTERS, stock: "out" }).map((x) => x.sku)).toEqual(["ATTA-5KG"]);
  });

  it("filters by categories and sorts by price descending", () => {
    const rows = applyFilters(products, { ...DEFAULT_FILTERS, categories: ["Dals"], sort: "price", order: "desc" });
    expect(rows.map((x) => x.sku)).toEqual(["MOONG-1KG", "TOOR-1KG"]);
  });

  it("counts categories", () => {
    expect(categoriesOf(products)).toEqual([
      { name: "Atta", count: 1 },
      { name: "Dals", count: 2 },
    ]);
  });
});
