import { z } from "../platform/schema";
import { timestampsToDates } from "../platform/firestore";
import { isLowStock, isOutOfStock, LEGACY_INCARNATION } from "../inventory/products.schema";
import type { NotificationType } from "../notifications/notifications.schema";
import type { StockAlertDoc, StockState } from "./replenishment.schema";

/**
 * Stock alerts: plain decisions, no I/O.
 *
 * A product is in one of three states (THE definitions of inventory: `isLowStock`,
 * `isOutOfStock`): ok, low (0 < quantity ≤ threshold) or out (quantity 0). An alert is a change
 * of state seen in one product write (the event's before → after), so every path that changes
 * stock (API, offline edit, CSV import, order, receipt, direct SDK write) alerts the same way:
 * - → low: `stock_low`; → out: `stock_out` (both carry quantity and threshold);
 * - low/out → ok: `stock_back`, with `cleared: true` — the alert is cleared, and the product's
 *   alert state (shops/{shopId}/stock_alerts/{productId}) says so too.
 * Creating a product is not a crossing (it was never above), so an import of a thousand empty
 * products sends nothing; its state is still recorded (the digest lists it).
 * The notification id is the product's incarnation and version plus the new state: one id per
 * crossing, the same on every redelivery of the event, and never reused after a delete.
 */

/** The product fields alerts read from an event (a lenient view; anything else is ignored). */
const AlertView = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().min(0),
  low_stock_threshold: z.number().int().min(0),
  version: z.number().int().min(1),
  incarnation: z.string().regex(/^[A-Za-z0-9]{1,32}$/).default(LEGACY_INCARNATION),
});
export type AlertView = z.infer<typeof AlertView>;

/** The alert view of an event's document, null when absent; "malformed" when it cannot be read. */
export function alertView(data: Record<string, unknown> | null): AlertView | null | "malformed" {
  if (!data) return null;
  const parsed = AlertView.safeParse(timestampsToDates(data));
  return parsed.success ? parsed.data : "malformed";
}

/** A product's stock state. */
export function stockState(p: { quantity: number; low_stock_threshold: number }): StockState {
  if (isOutOfStock(p)) return "out";
  return isLowStock(p) ? "low" : "ok";
}

/**
 * Whether a write could change what alerts record: its state changed, or it is (still) low or
 * out and its quantity or threshold moved (the recorded state shows the latest figures), or it
 * was created or deleted. A pure check of the event, so most writes cost nothing.
 */
export function stockAlertMayChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): boolean {
  const b = alertView(before);
  const a = alertView(after);
  if (a === "malformed" || b === "malformed") return a !== "malformed" && b === "malformed";
  if (!a || !b) return a !== b;
  const sa = stockState(a);
  const sb = stockState(b);
  if (sa !== sb) return true;
  return sa !== "ok" && (a.quantity !== b.quantity || a.low_stock_threshold !== b.low_stock_threshold || a.name !== b.name);
}

/** The notification type a change of state calls for, or null (no crossing). */
export function crossingType(before: AlertView | null, after: AlertView): NotificationType | null {
  if (!before) return null;
  const from = stockState(before);
  const to = stockState(after);
  if (from === to) return null;
  if (to === "low") return "stock_low";
  if (to === "out") return "stock_out";
  return "stock_back";
}

/** The notification id of one crossing: deterministic per product life, version and state. */
export function stockNotificationId(productId: string, after: AlertView, type: NotificationType): string {
  return `stock-${productId}-${after.incarnation}-v${after.version}-${type}`;
}

/** The payload of a stock notification. */
export function stockNotificationData(shopId: string, productId: string, after: AlertView, type: NotificationType): Record<string, unknown> {
  return {
    shop_id: shopId,
    product_id: productId,
    sku: after.sku,
    name: after.name,
    state: stockState(after),
    quantity: after.quantity,
    threshold: after.low_stock_threshold,
    cleared: type === "stock_back",
  };
}

/** The alert state to record after a write. */
export function nextAlertState(productId: string, after: AlertView, notificationId: string | null, previous: { state: StockState; notificationId: string | null } | null, at: Date): StockAlertDoc {
  const state = stockState(after);
  return {
    product_id: productId,
    sku: after.sku,
    name: after.name,
    state,
    quantity: after.quantity,
    threshold: after.low_stock_threshold,
    version: after.version,
    incarnation: after.incarnation,
    cleared: state === "ok",
    // Within a state, keep the notification that announced it.
    notification_id: notificationId ?? (previous && previous.state === state ? previous.notificationId : null),
    since: at,
  };
}
