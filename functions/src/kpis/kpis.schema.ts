import { z } from "../platform/schema";
import { OrderKpisResponse } from "../orders/orders.schema";

/**
 * KPI contracts. Storage (all server-written, members may read):
 * - shops/{shopId}/kpis/summary            KpiSummaryDoc: what a dashboard reads (one document read) and listens to
 * - shops/{shopId}/kpi_shards/{NN}          KpiShardDoc: the aggregate split in KPI_SHARD_COUNT shards (write-rate headroom)
 * - shops/{shopId}/kpi_products/{productId} KpiProductStateDoc: the contribution last applied for one product
 */

/** How many shards carry a shop's aggregate; each product always lands in the same one (hash of its id). */
export const KPI_SHARD_COUNT = 16;

/** The summary is rolled up from the shards at most once per this interval (the ~1 write/s per document limit). */
export const KPI_ROLLUP_MIN_INTERVAL_MS = 1000;

/** Human text of the one low-stock definition, shown in answers so clients never guess. */
export const LOW_STOCK_DEFINITION = "0 < quantity <= low_stock_threshold (quantity 0 is out of stock, not low stock)";

/** The KPI fields of one group of products (a shop, a category, a chain). Money in integer paise. */
export const KpiCounts = z.object({
  /** Number of products. */
  products: z.number().int(),
  /** Units in stock: Σ quantity. */
  units: z.number().int(),
  /** Stock value: Σ quantity × unit_price_paise. */
  value_paise: z.number().int(),
  /** Products with 0 < quantity ≤ low_stock_threshold. */
  low_stock: z.number().int(),
  /** Products with quantity = 0. */
  out_of_stock: z.number().int(),
});
export type KpiCounts = z.infer<typeof KpiCounts>;

/** Totals plus the same counts per category. */
export const KpiTotals = KpiCounts.extend({
  by_category: z.record(z.string(), KpiCounts),
});
export type KpiTotals = z.infer<typeof KpiTotals>;

/** What one product adds to its shop's aggregate; null when it adds nothing (deleted). */
export const Contribution = z.object({
  category: z.string(),
  units: z.number().int(),
  value_paise: z.number().int(),
  low_stock: z.boolean(),
  out_of_stock: z.boolean(),
});
export type Contribution = z.infer<typeof Contribution>;

/** Stored `shops/{shopId}/kpi_shards/{NN}`. */
export const KpiShardDoc = KpiTotals.extend({
  /** +1 on every change; the roll-up records which seq it has summed, so it knows when it is stale. */
  seq: z.number().int().min(0),
});
export type KpiShardDoc = z.infer<typeof KpiShardDoc>;

/** Stored `shops/{shopId}/kpis/summary`. */
export const KpiSummaryDoc = KpiTotals.extend({
  shop_id: z.string(),
  /** Shard index → the shard seq this summary includes. */
  shard_seqs: z.record(z.string(), z.number().int()),
  rolled_up_at: z.date(),
  low_stock_definition: z.string(),
});
export type KpiSummaryDoc = z.infer<typeof KpiSummaryDoc>;

/** Stored `shops/{shopId}/kpi_products/{productId}`: the contribution last applied to shard `shard`. */
export const KpiProductStateDoc = z.object({
  shard: z.number().int().min(0),
  contribution: Contribution.nullable(),
  /** The product version the contribution was computed from (null once the product is gone). */
  version: z.number().int().nullable(),
  /** The trigger event (or "reconcile:<runId>") that last changed this record. */
  source: z.string(),
  applied_at: z.date(),
});
export type KpiProductStateDoc = z.infer<typeof KpiProductStateDoc>;

// ---------- HTTP ----------

const CountsOut = {
  total_items: z.number().int().openapi({ description: "Number of products" }),
  total_units: z.number().int().openapi({ description: "Units in stock (Σ quantity)" }),
  total_stock_value: z.number().openapi({ description: "Stock value in rupees (Σ quantity × unit price); the MSME client calls .toFixed(2)" }),
  total_stock_value_paise: z.number().int().openapi({ description: "Stock value in integer paise (exact)" }),
  low_stock_count: z.number().int().openapi({ description: LOW_STOCK_DEFINITION }),
  out_of_stock_count: z.number().int().openapi({ description: "Products with quantity 0" }),
};

export const CategoryKpis = z.object({ category: z.string(), ...CountsOut }).openapi("CategoryKpis");
export type CategoryKpis = z.infer<typeof CategoryKpis>;

export const ShopKpis = z
  .object({
    shop_id: z.string(),
    ...CountsOut,
    by_category: z.array(CategoryKpis),
    updated_at: z.string().nullable().openapi({ description: "When the shop's KPI document was last rolled up (null: no products yet)" }),
  })
  .openapi("ShopKpis");
export type ShopKpis = z.infer<typeof ShopKpis>;

export const KpisResponse = z
  .object({
    scope: z.enum(["shop", "chain"]),
    shop_ids: z.array(z.string()),
    ...CountsOut,
    by_category: z.array(CategoryKpis),
    /** Per shop, for a chain answer (a single-shop answer lists that one shop). */
    shops: z.array(ShopKpis),
    low_stock_definition: z.string(),
    updated_at: z.string().nullable(),
    /** Today's order KPIs of the same shops (added by the orders domain). */
    orders: OrderKpisResponse.optional(),
  })
  .openapi("Kpis");
export type KpisResponse = z.infer<typeof KpisResponse>;

export const ReconcileResponse = z
  .object({
    shop_id: z.string(),
    drift_found: z.boolean(),
    /** Field → {expected, found} for every KPI the summary had wrong before the repair. */
    drift: z.record(z.string(), z.object({ expected: z.number(), found: z.number() })),
    products_scanned: z.number().int(),
    products_resynced: z.number().int(),
    shards_repaired: z.number().int(),
    latency_ms: z.number(),
  })
  .openapi("KpiReconcileResult");
export type ReconcileResponse = z.infer<typeof ReconcileResponse>;
