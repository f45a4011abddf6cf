import type { StockReason } from "../inventory/products.schema";
import type { DemandSeries } from "./forecast";

/**
 * Daily demand per product from the stock ledger: plain functions, no I/O.
 *
 * Demand is what customers took: `sale` and `order` movements (negative deltas), net of `return`
 * and `order_cancelled` (positive ones) on the same day, never below zero. Days are India days
 * (Asia/Kolkata, UTC+5:30, no daylight saving). A day the product spent at zero stock (it
 * started the day at 0, or a movement that day left it at 0) is censored (null): what sold that
 * day is a floor, not the demand. Days before the product existed (its `create` movement) are
 * censored too.
 */

/** The ledger fields demand needs. */
export interface LedgerEntry {
  product_id: string;
  delta: number;
  reason: StockReason;
  quantity_after: number;
  at: Date;
}

const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;
const DEMAND_REASONS: ReadonlySet<StockReason> = new Set(["sale", "order", "return", "order_cancelled"]);

/** The India day number (days since 1970-01-01 IST) of an instant. */
export function istDay(at: Date): number {
  return Math.floor((at.getTime() + IST_OFFSET_MS) / DAY_MS);
}

/** The India calendar date (YYYY-MM-DD) of an India day number. */
export function istDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The daily demand of one product over the `days` India days ending with `lastDay` (inclusive),
 * oldest first. `entries` are that product's movements (any order; those outside the window
 * before it set the opening stock); `currentQuantity` is its stock now, used when the window
 * holds no movement at all.
 */
export function dailyDemand(entries: readonly LedgerEntry[], lastDay: number, days: number, currentQuantity: number): DemandSeries {
  const firstDay = lastDay - days + 1;
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  const demand = new Array<number>(days).fill(0);
  const censored = new Array<boolean>(days).fill(false);
  // Opening stock of the window: after the last movement before it, else before the first in it.
  const before = sorted.filter((e) => istDay(e.at) < firstDay);
  const inside = sorted.filter((e) => istDay(e.at) >= firstDay && istDay(e.at) <= lastDay);
  let stock: number;
  let existsFrom = firstDay;
  if (before.length > 0) stock = before[before.length - 1].quantity_after;
  else if (inside.length > 0) {
    // A product created in the window starts its first day with what it was created with.
    if (inside[0].reason === "create") {
      existsFrom = istDay(inside[0].at);
      stock = inside[0].quantity_after;
    } else stock = inside[0].quantity_after - inside[0].delta;
  } else stock = currentQuantity;

  let k = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const i = d - firstDay;
    if (d < existsFrom) {
      censored[i] = true;
      continue;
    }
    if (stock === 0) censored[i] = true;
    let net = 0;
    while (k < inside.length && istDay(inside[k].at) === d) {
      const e = inside[k];
      if (DEMAND_REASONS.has(e.reason)) net -= e.delta;
      stock = e.quantity_after;
      if (stock === 0) censored[i] = true;
      k++;
    }
    demand[i] = Math.max(0, net);
  }
  return demand.map((v, i) => (censored[i] ? null : v));
}

/** Groups ledger entries by product (a Map: product ids are user text). */
export function byProduct(entries: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const out = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    const list = out.get(e.product_id);
    if (list) list.push(e);
    else out.set(e.product_id, [e]);
  }
  return out;
}
