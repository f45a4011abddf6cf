import { logEvent, logWarning } from "../platform/logger";

/** A supplier was created, changed or deleted. */
export function logSupplierChanged(f: { event: "created" | "updated" | "deleted"; supplierId: string; ownerUid: string; actorId: string; version: number; items: number }): void {
  logEvent(`supplier.${f.event}`, f);
}

/** A purchase order changed status (created as a draft, sent, received, closed, cancelled). */
export function logPurchaseOrderTransitioned(f: { shopId: string; poId: string; from: string | null; to: string; actorId: string; version: number }): void {
  logEvent("purchase-order.transitioned", f);
}

/** A receipt booked stock against a purchase order (or a retry found it already booked). */
export function logGoodsReceived(f: { shopId: string; poId: string; receiptId: string; actorId: string; lines: number; units: number; replayed: boolean; latencyMs: number }): void {
  logEvent("goods.received", f);
}

/** A distributor's bill was read for a purchase order. */
export function logInvoiceRead(f: { shopId: string; poId: string; invoiceId: string; engine: string; lines: number; matched: number; ocrMs: number }): void {
  logEvent("invoice.read", f);
}

/** A suggestion could not be drafted (no supplier, malformed). */
export function logSuggestionSkipped(f: { shopId: string; productId: string; reason: string }): void {
  logWarning("suggestion.skipped", f);
}
