import { isLowStock, isOutOfStock, paiseToRupees } from "../inventory/products.schema";

import {
  LOW_STOCK_DEFINITION,
  type CategoryKpis,
  type Contribution,
  type KpiCounts,
  type KpiTotals,
  type KpisResponse,
  type ShopKpis,
} from "./kpis.schema";

/** The product fields that matter to the KPIs (a ProductDoc has them all). */
export interface KpiRelevantProduct {
  category: string;
  quantity: number;
  unit_price_paise: number;
  low_stock_threshold: number;
}

/** What one product adds to its shop's KPIs; null for a product that does not exist. */
export function contributionOf(product: KpiRelevantProduct | null | undefined): Contribution | null {
  if (!product) return null;
  return {
    category: product.category,
    units: product.quantity,
    value_paise: product.quantity * product.unit_price_paise,
    low_stock: isLowStock(product),
    out_of_stock: isOutOfStock(product),
  };
}

/** True when two contributions add the same to every KPI. */
export function sameContribution(a: Contribution | null, b: Contribution | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.category === b.category &&
    a.units === b.units &&
    a.value_paise === b.value_paise &&
    a.low_stock === b.low_stock &&
    a.out_of_stock === b.out_of_stock
  );
}

/** All-zero counts. */
export function emptyCounts(): KpiCounts {
  return { products: 0, units: 0, value_paise: 0, low_stock: 0, out_of_stock: 0 };
}

/**
 * A category → counts map. Category names are user text ("constructor", "__proto__",
 * "toString" are fine names for a shelf), so every by_category object is null-prototype: a
 * lookup never finds Object.prototype's members and an assignment never sets a prototype.
 */
export function categoryMap(entries: Iterable<[string, KpiCounts]> = []): Record<string, KpiCounts> {
  const out = Object.create(null) as Record<string, KpiCounts>;
  for (const [category, counts] of entries) out[category] = counts;
  return out;
}

/** The counts of `category` in a by_category map (own entries only), or undefined. */
export function countsOfCategory(byCategory: Record<string, KpiCounts>, category: string): KpiCounts | undefined {
  return Object.prototype.hasOwnProperty.call(byCategory, category) ? byCategory[category] : undefined;
}

/** All-zero totals with no categories. */
export function emptyTotals(): KpiTotals {
  return { ...emptyCounts(), by_category: categoryMap() };
}

function countsOf(c: Contribution, sign: 1 | -1): KpiCounts {
  return {
    products: sign,
    units: sign * c.units,
    value_paise: sign * c.value_paise,
    low_stock: c.low_stock ? sign : 0,
    out_of_stock: c.out_of_stock ? sign : 0,
  };
}

function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  return {
    products: a.products + b.products,
    units: a.units + b.units,
    value_paise: a.value_paise + b.value_paise,
    low_stock: a.low_stock + b.low_stock,
    out_of_stock: a.out_of_stock + b.out_of_stock,
  };
}

function isZero(c: KpiCounts): boolean {
  return c.products === 0 && c.units === 0 && c.value_paise === 0 && c.low_stock === 0 && c.out_of_stock === 0;
}

/**
 * What the aggregate must change by when a product's contribution goes from `before` to
 * `after` (either may be null: create, delete); null when nothing changes. A category change
 * moves the product's counts from the old category to the new one.
 */
export function contributionDelta(before: Contribution | null, after: Contribution | null): KpiTotals | null {
  if (sameContribution(before, after)) return null;
  let delta = emptyTotals();
  if (before) delta = addTotals(delta, { ...countsOf(before, -1), by_category: categoryMap([[before.category, countsOf(before, -1)]]) }, { keepZeroCategories: true });
  if (after) delta = addTotals(delta, { ...countsOf(after, 1), by_category: categoryMap([[after.category, countsOf(after, 1)]]) }, { keepZeroCategories: true });
  return delta;
}

/** a + b, per field and per category; categories left all-zero are dropped unless asked to keep them. */
export function addTotals(a: KpiTotals, b: KpiTotals, options: { keepZeroCategories?: boolean } = {}): KpiTotals {
  const byCategory = categoryMap(Object.entries(a.by_category));
  for (const [category, counts] of Object.entries(b.by_category)) {
    byCategory[category] = addCounts(countsOfCategory(byCategory, category) ?? emptyCounts(), counts);
  }
  if (!options.keepZeroCategories) {
    for (const [category, counts] of Object.entries(byCategory)) if (isZero(counts)) delete byCategory[category];
  }
  const { by_category: _a, ...countsA } = a;
  const { by_category: _b, ...countsB } = b;
  return { ...addCounts(countsA, countsB), by_category: byCategory };
}

/** Σ of many totals (shards of a shop, shops of a chain). */
export function sumTotals(list: KpiTotals[]): KpiTotals {
  return list.reduce((acc, t) => addTotals(acc, t), emptyTotals());
}

/** The totals of a set of contributions, computed from scratch (reconciliation, tests). */
export function totalsOf(contributions: Array<Contribution | null>): KpiTotals {
  let totals = emptyTotals();
  for (const c of contributions) {
    const delta = contributionDelta(null, c);
    if (delta) totals = addTotals(totals, delta);
  }
  return totals;
}

/** Drops all-zero categories so two totals compare by meaning. */
export function normalizeTotals(t: KpiTotals): KpiTotals {
  return addTotals(emptyTotals(), t);
}

/** Field → {expected, found} for every KPI that differs ("units", "by_category.Dairy.low_stock"). */
export function diffTotals(expected: KpiTotals, found: KpiTotals): Record<string, { expected: number; found: number }> {
  const out = Object.create(null) as Record<string, { expected: number; found: number }>;
  const fields: Array<keyof KpiCounts> = ["products", "units", "value_paise", "low_stock", "out_of_stock"];
  for (const f of fields) if (expected[f] !== found[f]) out[f] = { expected: expected[f], found: found[f] };
  const categories = new Set([...Object.keys(expected.by_category), ...Object.keys(found.by_category)]);
  for (const category of [...categories].sort()) {
    const e = countsOfCategory(expected.by_category, category) ?? emptyCounts();
    const g = countsOfCategory(found.by_category, category) ?? emptyCounts();
    for (const f of fields) if (e[f] !== g[f]) out[`by_category.${category}.${f}`] = { expected: e[f], found: g[f] };
  }
  return out;
}

/** The shard a product's contribution lives in: FNV-1a of its id, so it never moves. */
export function shardFor(productId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < productId.length; i++) {
    hash ^= productId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}

function countsOut(c: KpiCounts) {
  return {
    total_items: c.products,
    total_units: c.units,
    total_stock_value: paiseToRupees(c.value_paise),
    total_stock_value_paise: c.value_paise,
    low_stock_count: c.low_stock,
    out_of_stock_count: c.out_of_stock,
  };
}

function categoriesOut(t: KpiTotals): CategoryKpis[] {
  return Object.entries(normalizeTotals(t).by_category)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, counts]) => ({ category, ...countsOut(counts) }));
}

/** One shop's KPIs as the API renders them. */
export function toShopKpis(shopId: string, totals: KpiTotals, updatedAt: Date | null): ShopKpis {
  return { shop_id: shopId, ...countsOut(totals), by_category: categoriesOut(totals), updated_at: updatedAt?.toISOString() ?? null };
}

/** The dashboard answer for one shop or a chain: totals over `shops`, per category, and per shop. */
export function toKpisResponse(scope: "shop" | "chain", shops: Array<{ shopId: string; totals: KpiTotals; updatedAt: Date | null }>): KpisResponse {
  const total = sumTotals(shops.map((s) => s.totals));
  const times = shops.map((s) => s.updatedAt?.getTime()).filter((t): t is number => t !== undefined);
  return {
    scope,
    shop_ids: shops.map((s) => s.shopId),
    ...countsOut(total),
    by_category: categoriesOut(total),
    shops: shops.map((s) => toShopKpis(s.shopId, s.totals, s.updatedAt)),
    low_stock_definition: LOW_STOCK_DEFINITION,
    updated_at: times.length ? new Date(Math.max(...times)).toISOString() : null,
  };
}
