import { createReadStream } from "node:fs";
import { parseCsvStream } from "../../src/imports/imports.parse";
import type { CatalogProduct } from "../../src/chitty/chitty.catalog";

/**
 * Reads a catalog in the project's CSV import format (header `name,sku,category,quantity,
 * unit_price`, optional `unit`, ...) with the import's own parser, as the chitty reader's products.
 */
export async function readCatalogCsv(path: string): Promise<CatalogProduct[]> {
  const parsed = await parseCsvStream(createReadStream(path), path, { maxRows: 200_000, maxFileBytes: 64 * 1024 * 1024 });
  const cell = (cells: string[], field: keyof typeof parsed.fieldIndex): string | null => {
    const i = parsed.fieldIndex[field];
    return i === undefined ? null : (cells[i] ?? "").trim() || null;
  };
  const products: CatalogProduct[] = [];
  for (const row of parsed.rows) {
    const sku = cell(row.cells, "sku");
    const name = cell(row.cells, "name");
    if (!sku || !name) continue; // the import would refuse these rows too
    products.push({ sku, name, category: cell(row.cells, "category"), unit: cell(row.cells, "unit") });
  }
  return products;
}
