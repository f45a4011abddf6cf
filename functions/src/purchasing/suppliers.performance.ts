import type { PurchaseOrderDoc } from "./purchase-orders.schema";
import type { SupplierPerformance } from "./suppliers.schema";

/**
 * A supplier's figures from its purchase orders (pure):
 * - on-time rate: of the orders it completed (received, or closed after a receipt), the share
 *   whose last receipt came by the end of the Asia/Kolkata day of sent_at + lead time;
 * - fill rate: units received / units ordered over finished orders (received or closed), each
 *   line capped at what was ordered, so extras never hide shortfalls;
 * - price changes: each billed price that differs from the price before it, in time order.
 */

const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The end of the IST day `days` after `at`. */
export function dueBy(at: Date, days: number): Date {
  const istMidnight = Math.floor((at.getTime() + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
  return new Date(istMidnight + (days + 1) * DAY_MS - 1);
}

/** Computes the figures of one supplier from its orders. */
export function supplierPerformance(supplierId: string, leadTimeDays: number, found: Array<{ id: string; doc: PurchaseOrderDoc }>): SupplierPerformance {
  const orders = found.map((f) => ({ ...f.doc, id: f.id }));
  const sent = orders.filter((o) => o.sent_at && o.status !== "draft" && o.status !== "cancelled");
  const completed = sent.filter((o) => (o.status === "received" || o.status === "closed") && o.receipts.length > 0);
  const onTime = completed.filter((o) => {
    const last = o.receipts.reduce((m, r) => Math.max(m, r.at.getTime()), 0);
    return last <= dueBy(o.sent_at as Date, leadTimeDays).getTime();
  });
  let ordered = 0;
  let received = 0;
  for (const o of sent.filter((x) => x.status === "received" || x.status === "closed")) {
    for (const l of o.lines) {
      if (l.added_on_receipt) continue;
      ordered += l.ordered_qty;
      received += Math.min(l.received_qty, l.ordered_qty);
    }
  }
  const events: Array<{ sku: string; product_id: string; at: Date; po_id: string; price: number; previous: number }> = [];
  for (const o of orders) {
    for (const r of o.receipts) {
      for (const l of r.lines) {
        const line = o.lines.find((x) => x.line_id === l.line_id);
        events.push({ sku: line?.sku ?? l.product_id, product_id: l.product_id, at: r.at, po_id: o.id, price: l.unit_cost_paise, previous: l.previous_cost_paise });
      }
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastPrice = new Map<string, number>();
  const changes: SupplierPerformance["price_changes"] = [];
  for (const e of events) {
    const before = lastPrice.get(e.product_id) ?? e.previous;
    if (e.price !== before) {
      changes.push({ sku: e.sku, product_id: e.product_id, at: e.at.toISOString(), po_id: e.po_id, from_paise: before, to_paise: e.price, change_pct: before ? Math.round(((e.price - before) / before) * 10_000) / 100 : 0 });
    }
    lastPrice.set(e.product_id, e.price);
  }
  return {
    supplier_id: supplierId,
    orders_sent: sent.length,
    orders_completed: completed.length,
    on_time_rate: completed.length ? Math.round((onTime.length / completed.length) * 1000) / 1000 : null,
    fill_rate: ordered ? Math.round((received / ordered) * 1000) / 1000 : null,
    units_ordered: ordered,
    units_received: received,
    price_changes: changes,
  };
}
