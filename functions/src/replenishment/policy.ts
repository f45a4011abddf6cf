import { PRODUCT_BOUNDS } from "../inventory/products.schema";
import type { AbcClass, SuggestionReasoning } from "./replenishment.schema";

/**
 * Reorder policy: plain functions, no I/O. A continuous-review (s, Q) policy:
 * - reorder point s = lead-time demand + safety stock, safety stock = z(service level) × σ × √L
 *   (σ the one-day forecast error, L the supplier's lead time in days);
 * - order quantity Q = the economic order quantity √(2DS/H), at least enough to get back above
 *   s, rounded up to whole packs; then the supplier's minimum order is met across its lines;
 * - ABC by annual consumption value (80% / 15% / 5%), each class its own service level.
 */

/** Service level per ABC class. */
export const SERVICE_LEVELS: Readonly<Record<AbcClass, number>> = { A: 0.98, B: 0.95, C: 0.9 };
/** Without a supplier: lead time and pack size. */
export const DEFAULT_LEAD_TIME_DAYS = 7;
/** Cost of placing one order (a call, a delivery): ₹100. */
export const ORDERING_COST_PAISE = 10_000;
/** Holding cost per year as a share of the unit cost (capital, space, spoilage). */
export const HOLDING_RATE_PER_YEAR = 0.25;
/** Share of consumption value covered by A, then A+B. */
export const ABC_CUTOFFS = { A: 0.8, B: 0.95 } as const;

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError("p must be in (0, 1)");
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * ABC classes by annual consumption value: sorted by value, the items making up the first 80%
 * are A, the next 15% B, the rest (and anything of no value) C. Ties break by id, so the result
 * does not depend on input order.
 */
export function abcClasses(values: ReadonlyMap<string, number>): Map<string, AbcClass> {
  const sorted = [...values.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const total = sorted.reduce((s, [, v]) => s + Math.max(0, v), 0);
  const out = new Map<string, AbcClass>();
  let before = 0;
  for (const [id, v] of sorted) {
    // An item is in the class its cumulative share starts in, so the top item is always A.
    const share = total > 0 ? before / total : 1;
    out.set(id, v <= 0 ? "C" : share < ABC_CUTOFFS.A ? "A" : share < ABC_CUTOFFS.B ? "B" : "C");
    before += Math.max(0, v);
  }
  return out;
}

/** One supplier's offer for a SKU. */
export interface SupplierOffer {
  supplierId: string;
  supplierName: string;
  leadTimeDays: number;
  minOrderPaise: number;
  unitCostPaise: number;
  packSize: number;
}

/** The offer to buy from: lowest price per unit, then shortest lead time, then supplier id. */
export function bestOffer(offers: readonly SupplierOffer[]): SupplierOffer | null {
  let best: SupplierOffer | null = null;
  for (const o of offers) {
    if (!best || o.unitCostPaise < best.unitCostPaise || (o.unitCostPaise === best.unitCostPaise && (o.leadTimeDays < best.leadTimeDays || (o.leadTimeDays === best.leadTimeDays && o.supplierId < best.supplierId)))) {
      best = o;
    }
  }
  return best;
}

/** What the policy needs to know about one product. */
export interface PolicyInput {
  /** Forecast demand per day for the next days (at least one value). */
  forecast: readonly number[];
  sdPerDay: number;
  onHand: number;
  onOrder: number;
  serviceLevel: number;
  leadTimeDays: number;
  packSize: number;
  /** Unit cost for the holding cost; null when unknown (then Q covers 14 days). */
  unitCostPaise: number | null;
}

/** The policy's answer for one product. */
export interface PolicyResult {
  reasoning: SuggestionReasoning;
  /** Whether the stock position is at or below the reorder point (and anything sells). */
  needsOrder: boolean;
  /** Units to order before the supplier's minimum is applied (a multiple of the pack size). */
  orderQuantity: number;
  packs: number;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Demand over the next `days` days, extending the forecast with its mean past its end. */
export function demandOver(forecast: readonly number[], days: number): number {
  if (forecast.length === 0 || days <= 0) return 0;
  const meanRate = forecast.reduce((a, b) => a + b, 0) / forecast.length;
  let sum = 0;
  for (let i = 0; i < days; i++) sum += i < forecast.length ? forecast[i] : meanRate;
  return sum;
}

/** Reorder point, safety stock, EOQ and the order for one product. */
export function reorderPolicy(input: PolicyInput): PolicyResult {
  const L = Math.max(0, Math.round(input.leadTimeDays));
  const demandPerDay = demandOver(input.forecast, input.forecast.length) / Math.max(1, input.forecast.length);
  const leadTimeDemand = demandOver(input.forecast, L);
  const z = normalQuantile(input.serviceLevel);
  const safetyStock = Math.max(0, Math.ceil(z * input.sdPerDay * Math.sqrt(Math.max(1, L)) - 1e-9));
  const reorderPoint = Math.min(PRODUCT_BOUNDS.maxQuantity, Math.ceil(leadTimeDemand + safetyStock - 1e-9));
  const annualDemand = demandPerDay * 365;
  const holdingPaise = input.unitCostPaise && input.unitCostPaise > 0 ? input.unitCostPaise * HOLDING_RATE_PER_YEAR : 0;
  const eoqRaw = holdingPaise > 0 ? Math.sqrt((2 * annualDemand * ORDERING_COST_PAISE) / holdingPaise) : demandPerDay * 14;
  const eoq = Math.min(PRODUCT_BOUNDS.maxQuantity, Math.ceil(eoqRaw - 1e-9));
  const position = input.onHand + input.onOrder;
  const needsOrder = demandPerDay > 0 && position <= reorderPoint;
  const pack = Math.max(1, Math.floor(input.packSize));
  const wanted = needsOrder ? Math.max(eoq, reorderPoint - position + 1, 1) : 0;
  const maxPacks = Math.max(1, Math.floor(PRODUCT_BOUNDS.maxQuantity / pack));
  const packs = needsOrder ? Math.min(maxPacks, Math.ceil(wanted / pack)) : 0;
  return {
    needsOrder,
    orderQuantity: packs * pack,
    packs,
    reasoning: {
      demand_per_day: round3(demandPerDay),
      demand_sd_per_day: round3(input.sdPerDay),
      lead_time_days: L,
      safety_stock: safetyStock,
      reorder_point: reorderPoint,
      on_hand: input.onHand,
      on_order: input.onOrder,
      eoq,
      forecast_14d: round3(demandOver(input.forecast, 14)),
    },
  };
}

/** One line of an order to a supplier, for the minimum-order top-up. */
export interface OrderLine {
  id: string;
  packs: number;
  packSize: number;
  unitCostPaise: number;
  demandPerDay: number;
  onHand: number;
}

/**
 * Meets a supplier's minimum order value by adding whole packs, one at a time, to the line that
 * would run out first (fewest days of cover after this order). Returns the new packs per line;
 * stops (leaving the total below the minimum) when nothing costs anything or a bound is hit.
 */
export function topUpToMinimum(lines: readonly OrderLine[], minOrderPaise: number, maxSteps = 10_000): Map<string, number> {
  const packs = new Map(lines.map((l) => [l.id, l.packs]));
  const value = () => lines.reduce((s, l) => s + (packs.get(l.id) as number) * l.packSize * l.unitCostPaise, 0);
  const priced = lines.filter((l) => l.unitCostPaise > 0 && l.demandPerDay > 0);
  for (let step = 0; step < maxSteps && priced.length > 0 && value() < minOrderPaise; step++) {
    let pick: OrderLine | null = null;
    let pickCover = Infinity;
    for (const l of priced) {
      const units = (packs.get(l.id) as number) * l.packSize;
      if (units + l.packSize > PRODUCT_BOUNDS.maxQuantity) continue;
      const cover = (l.onHand + units) / l.demandPerDay;
      if (cover < pickCover || (cover === pickCover && pick !== null && l.id < pick.id)) {
        pick = l;
        pickCover = cover;
      }
    }
    if (!pick) break;
    packs.set(pick.id, (packs.get(pick.id) as number) + 1);
  }
  return packs;
}
