import { stockStatus, type Product } from "./types";

export type SortKey = "name" | "quantity" | "price" | "updated_at";

export interface InventoryFilters {
  search: string;
  categories: string[];
  stock: "all" | "low" | "out";
  sort: SortKey;
  order: "asc" | "desc";
}

export const DEFAULT_FILTERS: InventoryFilters = { search: "", categories: [], stock: "all", sort: "name", order: "asc" };

/** Lower-cased words of a name/SKU, split as the backend's search tokens are. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Word-prefix search: every typed word starts some word of the name or the SKU. */
export function matchesSearch(p: Pick<Product, "name" | "sku">, search: string): boolean {
  const terms = words(search);
  if (!terms.length) return true;
  const own = words(`${p.name} ${p.sku}`);
  return terms.every((t) => own.some((w) => w.startsWith(t)));
}

/** The rows the table shows, filtered and sorted (stable on name, then SKU). */
export function applyFilters(products: Product[], f: InventoryFilters): Product[] {
  const cats = new Set(f.categories);
  const rows = products.filter(
    (p) =>
      (cats.size === 0 || cats.has(p.category)) &&
      (f.stock === "all" || stockStatus(p) === f.stock) &&
      matchesSearch(p, f.search),
  );
  const dir = f.order === "asc" ? 1 : -1;
  const key = (p: Product): number | string =>
    f.sort === "quantity" ? p.quantity : f.sort === "price" ? p.unit_price_paise : f.sort === "updated_at" ? (p.updated_at?.toMillis() ?? 0) : p.name.toLowerCase();
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -dir;
    if (ka > kb) return dir;
    return a.name.localeCompare(b.name) || a.sku.localeCompare(b.sku);
  });
}

/** Categories present, alphabetically, with their counts. */
export function categoriesOf(products: Product[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of products) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
}
