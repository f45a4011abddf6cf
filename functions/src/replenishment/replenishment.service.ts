import type { ProductDoc } from "../inventory/products.schema";
import { AppError } from "../platform/errors";
import { byProduct, dailyDemand, istDate, type LedgerEntry } from "./demand";
import { forecastDemand, type Forecast } from "./forecast";
import { abcClasses, bestOffer, DEFAULT_LEAD_TIME_DAYS, reorderPolicy, SERVICE_LEVELS, topUpToMinimum, type SupplierOffer } from "./policy";
import type { ForecastDoc, SuggestionDoc, SuggestionResponse } from "./replenishment.schema";

/** Days of ledger history a forecast is fitted on. */
export const HISTORY_DAYS = 180;
/** Days forecast ahead. */
export const HORIZON_DAYS = 14;

/**
 * Units on open purchase orders per product of a shop. Purchasing owns purchase orders; this is
 * the one seam between the two domains.
 */
export type OnOrderSource = (shopId: string) => Promise<Map<string, number>>;

/** Units on open purchase orders (sent or partly received), per product, from purchasing. */
export const defaultOnOrderSource: OnOrderSource = async (shopId) => {
  const { openOrderQuantities } = await import("../purchasing/purchase-orders.repository");
  return openOrderQuantities(shopId);
};

/** Everything one shop's run needs, read beforehand. */
export interface PlanInput {
  shopId: string;
  runId: string;
  at: Date;
  /** The last complete India day of history (yesterday). */
  lastDay: number;
  products: ReadonlyArray<{ id: string; doc: ProductDoc }>;
  ledger: readonly LedgerEntry[];
  offers: ReadonlyMap<string, SupplierOffer[]>;
  onOrder: ReadonlyMap<string, number>;
}

/** What one run decides. */
export interface Plan {
  forecasts: Map<string, ForecastDoc>;
  suggestions: Map<string, SuggestionDoc>;
}

/**
 * The forecasts and reorder suggestions of one shop, from data alone: daily demand from the
 * ledger, a 14-day forecast per product, ABC classes by forecast consumption value, then the
 * reorder policy per product and each supplier's minimum order across its lines.
 */
export function planShop(input: PlanInput): Plan {
  const ledger = byProduct(input.ledger);
  const forecasts = new Map<string, ForecastDoc>();
  const fits = new Map<string, Forecast>();
  const values = new Map<string, number>();
  const offerOf = new Map<string, SupplierOffer | null>();
  const days = Array.from({ length: HORIZON_DAYS }, (_, i) => istDate(input.lastDay + 1 + i));
  for (const { id, doc } of input.products) {
    const series = dailyDemand(ledger.get(id) ?? [], input.lastDay, HISTORY_DAYS, doc.quantity);
    const fit = forecastDemand(series, HORIZON_DAYS);
    fits.set(id, fit);
    const censored = series.filter((v) => v === null).length;
    forecasts.set(id, {
      product_id: id,
      method: fit.method,
      days,
      mean: fit.mean.map(round3),
      lower: fit.lower.map(round3),
      upper: fit.upper.map(round3),
      interval: 0.9,
      sd_per_day: round3(fit.sdPerDay),
      adi: fit.adi === null ? null : round3(fit.adi),
      cv2: fit.cv2 === null ? null : round3(fit.cv2),
      observed_days: fit.observedDays,
      censored_days: censored,
      computed_at: input.at,
      run_id: input.runId,
    });
    const offer = bestOffer(input.offers.get(id) ?? []);
    offerOf.set(id, offer);
    const unitValue = offer ? offer.unitCostPaise : doc.unit_price_paise;
    const perDay = fit.mean.reduce((a, b) => a + b, 0) / Math.max(1, fit.mean.length);
    values.set(id, perDay * 365 * unitValue);
  }
  const classes = abcClasses(values);

  const suggestions = new Map<string, SuggestionDoc>();
  for (const { id, doc } of input.products) {
    const fit = fits.get(id) as Forecast;
    const offer = offerOf.get(id) ?? null;
    const abc = classes.get(id) ?? "C";
    const onOrder = Math.max(0, Math.min(1_000_000, Math.floor(input.onOrder.get(id) ?? 0)));
    const policy = reorderPolicy({
      forecast: fit.mean,
      sdPerDay: fit.sdPerDay,
      onHand: doc.quantity,
      onOrder,
      serviceLevel: SERVICE_LEVELS[abc],
      leadTimeDays: offer ? offer.leadTimeDays : DEFAULT_LEAD_TIME_DAYS,
      packSize: offer ? offer.packSize : 1,
      unitCostPaise: offer ? offer.unitCostPaise : doc.unit_price_paise || null,
    });
    if (!policy.needsOrder) continue;
    suggestions.set(id, {
      shop_id: input.shopId,
      product_id: id,
      sku: doc.sku,
      name: doc.name,
      supplier_id: offer?.supplierId ?? null,
      supplier_name: offer?.supplierName ?? null,
      order_quantity: policy.orderQuantity,
      pack_size: offer ? offer.packSize : 1,
      packs: policy.packs,
      unit_cost_paise: offer ? offer.unitCostPaise : null,
      abc_class: abc,
      service_level: SERVICE_LEVELS[abc],
      reasoning: policy.reasoning,
      computed_at: input.at,
      run_id: input.runId,
    });
  }
  applyMinimumOrders(suggestions, offerOf);
  return { forecasts, suggestions };
}

/** Raises each supplier's lines (whole packs) until the order meets the supplier's minimum value. */
function applyMinimumOrders(suggestions: Map<string, SuggestionDoc>, offerOf: ReadonlyMap<string, SupplierOffer | null>): void {
  const bySupplier = new Map<string, SuggestionDoc[]>();
  for (const s of suggestions.values()) {
    if (!s.supplier_id) continue;
    const list = bySupplier.get(s.supplier_id);
    if (list) list.push(s);
    else bySupplier.set(s.supplier_id, [s]);
  }
  for (const lines of bySupplier.values()) {
    const minimum = offerOf.get(lines[0].product_id)?.minOrderPaise ?? 0;
    if (minimum <= 0) continue;
    const packs = topUpToMinimum(
      lines.map((s) => ({ id: s.product_id, packs: s.packs, packSize: s.pack_size, unitCostPaise: s.unit_cost_paise ?? 0, demandPerDay: s.reasoning.demand_per_day, onHand: s.reasoning.on_hand + s.reasoning.on_order })),
      minimum,
    );
    for (const s of lines) {
      s.packs = packs.get(s.product_id) ?? s.packs;
      s.order_quantity = s.packs * s.pack_size;
    }
  }
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** A stored suggestion as the API shows it (money also in rupees). */
export function toSuggestionResponse(doc: SuggestionDoc): SuggestionResponse {
  return { ...doc, unit_cost: doc.unit_cost_paise === null ? null : doc.unit_cost_paise / 100, computed_at: doc.computed_at.toISOString() };
}

/** An opaque cursor over a shop's suggestions (product-id order), bound to the shop. */
export function encodeSuggestionCursor(shopId: string, lastId: string): string {
  return Buffer.from(JSON.stringify({ s: shopId, i: lastId })).toString("base64url");
}

/** Reads a cursor back; one from another shop or not from us is a 400. */
export function decodeSuggestionCursor(shopId: string, cursor: string): string {
  let parsed: { s?: unknown; i?: unknown } | null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  }
  if (parsed === null || typeof parsed !== "object" || parsed.s !== shopId) throw new AppError("INVALID_DATA", "cursor belongs to another list; start again without it");
  if (typeof parsed.i !== "string" || !/^[A-Za-z0-9._-]{1,128}$/.test(parsed.i)) throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  return parsed.i;
}
