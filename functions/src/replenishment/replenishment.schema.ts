import { PRODUCT_BOUNDS } from "../inventory/products.schema";
import { z, IsoTimestamp } from "../platform/schema";

/**
 * Replenishment: stock alerts, demand forecasts and reorder suggestions.
 *
 * Collections this domain writes (server only; members read the shop ones):
 * - shops/{shopId}/stock_alerts/{productId}: the product's current alert state (ok/low/out) and
 *   the notification that announced it; the daily digest reads the low/out ones.
 * - shops/{shopId}/forecasts/{productId}: the latest 14-day forecast with its interval.
 * - shops/{shopId}/replenishment_suggestions/{productId}: the shape agreed with purchasing.
 * - shops/{shopId}/replenishment_runs/{runId}: what each run did.
 * - users/{uid}/alert_settings/stock: the user's choice of instant alerts and a daily digest.
 *
 * Read (never written) from purchasing: suppliers/{supplierId} and its items/{sku}.
 */

// ---------- suggestions (read by purchasing) ----------

export const AbcClass = z.enum(["A", "B", "C"]);
export type AbcClass = z.infer<typeof AbcClass>;

/** Why a suggestion says what it says. */
export const SuggestionReasoning = z.object({
  demand_per_day: z.number().min(0),
  demand_sd_per_day: z.number().min(0),
  lead_time_days: z.number().int().min(0),
  safety_stock: z.number().int().min(0),
  reorder_point: z.number().int().min(0),
  on_hand: z.number().int().min(0),
  on_order: z.number().int().min(0),
  eoq: z.number().int().min(0),
  forecast_14d: z.number().min(0),
});
export type SuggestionReasoning = z.infer<typeof SuggestionReasoning>;

/** Stored `shops/{shopId}/replenishment_suggestions/{productId}`. */
export const SuggestionDoc = z.object({
  shop_id: z.string(),
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  supplier_id: z.string().nullable(),
  supplier_name: z.string().nullable(),
  order_quantity: z.number().int().min(1).max(PRODUCT_BOUNDS.maxQuantity),
  pack_size: z.number().int().min(1).max(PRODUCT_BOUNDS.maxQuantity),
  packs: z.number().int().min(1).max(PRODUCT_BOUNDS.maxQuantity),
  unit_cost_paise: z.number().int().min(0).nullable(),
  abc_class: AbcClass,
  service_level: z.number().min(0).max(1),
  reasoning: SuggestionReasoning,
  computed_at: z.date(),
  run_id: z.string(),
});
export type SuggestionDoc = z.infer<typeof SuggestionDoc>;

// ---------- forecasts ----------

/** Stored `shops/{shopId}/forecasts/{productId}`. */
export const ForecastDoc = z.object({
  product_id: z.string(),
  method: z.enum(["holt_winters", "sba", "mean", "none"]),
  /** India dates (YYYY-MM-DD) of the forecast days, starting the day the run ran (today, for the nightly run). */
  days: z.array(z.string()),
  mean: z.array(z.number()),
  lower: z.array(z.number()),
  upper: z.array(z.number()),
  interval: z.literal(0.9),
  sd_per_day: z.number(),
  adi: z.number().nullable(),
  cv2: z.number().nullable(),
  observed_days: z.number().int(),
  censored_days: z.number().int(),
  computed_at: z.date(),
  run_id: z.string(),
});
export type ForecastDoc = z.infer<typeof ForecastDoc>;

/** Stored `shops/{shopId}/replenishment_runs/{runId}`. */
export const RunDoc = z.object({
  shop_id: z.string(),
  trigger: z.string(),
  products: z.number().int(),
  skipped: z.number().int(),
  suggestions: z.number().int(),
  removed: z.number().int(),
  started_at: z.date(),
  finished_at: z.date(),
});
export type RunDoc = z.infer<typeof RunDoc>;

// ---------- stock alerts ----------

export const StockState = z.enum(["ok", "low", "out"]);
export type StockState = z.infer<typeof StockState>;

/** Stored `shops/{shopId}/stock_alerts/{productId}`: the latest alert state of a product. */
export const StockAlertDoc = z.object({
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  state: StockState,
  quantity: z.number().int().min(0),
  threshold: z.number().int().min(0),
  /** The product version (and incarnation) this state was read from; older events never overwrite it. */
  version: z.number().int().min(1),
  incarnation: z.string(),
  /** True once the product is back above its threshold (the alert is cleared). */
  cleared: z.boolean(),
  /** The notification id that announced this state (null for "ok" when nothing was ever announced). */
  notification_id: z.string().nullable(),
  since: z.date(),
});
export type StockAlertDoc = z.infer<typeof StockAlertDoc>;

/** Stored `users/{uid}/alert_settings/stock`. */
export const AlertSettingsDoc = z.object({
  /** A notification at every crossing (default on). */
  instant: z.boolean(),
  /** One notification a day (08:00 India time) listing the low and out-of-stock items of the user's shops. */
  daily_digest: z.boolean(),
  updated_at: z.date(),
});
export type AlertSettingsDoc = z.infer<typeof AlertSettingsDoc>;

export const DEFAULT_ALERT_SETTINGS = { instant: true, daily_digest: false } as const;

// ---------- HTTP ----------

export const AlertSettingsResponse = z
  .object({ instant: z.boolean(), daily_digest: z.boolean(), updated_at: IsoTimestamp.nullable() })
  .openapi("StockAlertSettings");
export type AlertSettingsResponse = z.infer<typeof AlertSettingsResponse>;

export const UpdateAlertSettingsBody = z
  .object({
    instant: z.boolean().optional().openapi({ description: "A notification at every low / out-of-stock crossing" }),
    daily_digest: z.boolean().optional().openapi({ description: "One notification a day at 08:00 India time listing the low and out-of-stock items" }),
  })
  .strict()
  .refine((b) => b.instant !== undefined || b.daily_digest !== undefined, "give instant, daily_digest or both")
  .openapi("UpdateStockAlertSettingsRequest");
export type UpdateAlertSettingsBody = z.infer<typeof UpdateAlertSettingsBody>;

export const SuggestionsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type SuggestionsQuery = z.infer<typeof SuggestionsQuery>;

export const SuggestionResponse = SuggestionDoc.extend({
  unit_cost: z.number().nullable().openapi({ description: "Buying price per unit in rupees (null: no supplier carries it)" }),
  computed_at: IsoTimestamp,
}).openapi("ReplenishmentSuggestion");
export type SuggestionResponse = z.infer<typeof SuggestionResponse>;

export const SuggestionPage = z
  .object({ items: z.array(SuggestionResponse), next_cursor: z.string().nullable() })
  .openapi("ReplenishmentSuggestionPage");

export const RunResponse = RunDoc.omit({ trigger: true })
  .extend({ run_id: z.string(), started_at: IsoTimestamp, finished_at: IsoTimestamp })
  .openapi("ReplenishmentRun");
