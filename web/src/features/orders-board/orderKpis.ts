/** One IST day's order figures of a shop (`shops/{shopId}/kpis/orders-{YYYY-MM-DD}`), money in paise. */
export interface OrderKpiDay {
  orders: number;
  revenue_paise: number;
  by_status: Record<string, number>;
  prep_seconds_total: number;
  prep_count: number;
}

export const EMPTY_ORDER_KPIS: OrderKpiDay = { orders: 0, revenue_paise: 0, by_status: {}, prep_seconds_total: 0, prep_count: 0 };

const count = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);

/** A stored day document read defensively (a malformed counter counts as nothing rather than NaN). */
export function readOrderKpiDay(data: Record<string, unknown> | undefined): OrderKpiDay {
  if (!data) return EMPTY_ORDER_KPIS;
  const byStatus: Record<string, number> = Object.create(null);
  const raw = data.by_status && typeof data.by_status === "object" ? (data.by_status as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(raw)) byStatus[k] = count(v);
  return { orders: count(data.orders), revenue_paise: count(data.revenue_paise), by_status: byStatus, prep_seconds_total: count(data.prep_seconds_total), prep_count: count(data.prep_count) };
}

/** Several shops' days added up (an owner's chain). */
export function sumOrderKpis(days: OrderKpiDay[]): OrderKpiDay {
  const out: OrderKpiDay = { orders: 0, revenue_paise: 0, by_status: Object.create(null), prep_seconds_total: 0, prep_count: 0 };
  for (const d of days) {
    out.orders += d.orders;
    out.revenue_paise += d.revenue_paise;
    out.prep_seconds_total += d.prep_seconds_total;
    out.prep_count += d.prep_count;
    for (const [k, v] of Object.entries(d.by_status)) out.by_status[k] = (out.by_status[k] ?? 0) + v;
  }
  return out;
}

/** Average minutes from confirmed to ready, rounded; null before any order was ready. */
export function averagePrepMinutes(d: OrderKpiDay): number | null {
  return d.prep_count > 0 ? Math.round(d.prep_seconds_total / d.prep_count / 60) : null;
}
