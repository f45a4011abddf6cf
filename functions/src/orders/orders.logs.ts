import { logEvent, logWarning } from "../platform/logger";

/** An order was placed (stock taken, order written). */
export function logOrderPlaced(f: { orderId: string; shopId: string; customerId: string; lines: number; totalPaise: number; source: string; latencyMs: number }): void {
  logEvent("order.placed", f);
}

/** A placement was a replay of an earlier one (same key, same body): the first order was returned. */
export function logOrderReplayed(f: { orderId: string; shopId: string; customerId: string }): void {
  logEvent("order.replayed", f);
}

/** A placement was refused (closed shop, short stock, bad lines...). */
export function logOrderRefused(f: { shopId: string; customerId: string; kind: string; message: string; source: string }): void {
  logWarning("order.refused", f);
}

/** An order's status changed. */
export function logOrderStatusChanged(f: { orderId: string; shopId: string; actorId: string; role: string; from: string; to: string; version: number; restockSkipped?: string[]; latencyMs: number }): void {
  logEvent("order.status-changed", f);
}

/** Items were added to an order (the chitty flow). */
export function logOrderItemsAdded(f: { orderId: string; shopId: string; actorId: string; operationId: string; lines: number; applied: boolean }): void {
  logEvent("order.items-added", f);
}

/** An offline order request was answered (placed or refused) or found already answered. */
export function logOrderRequestHandled(f: { eventId: string | null; path: string; requestId: string; outcome: string; orderId: string | null; reason?: string }): void {
  if (f.outcome === "refused") logWarning("order-request.refused", f);
  else logEvent(`order-request.${f.outcome}`, f);
}

/** A stored order could not be parsed and was left out of a list or skipped by a trigger. */
export function logOrderMalformed(f: { path: string; eventId?: string | null }): void {
  logWarning("order.malformed-skipped", f);
}

/** The order KPIs took an order's change into account. */
export function logOrderKpisApplied(f: { eventId: string; orderId: string; shopId: string | null; changed: boolean }): void {
  logEvent("order-kpi.applied", f);
}
