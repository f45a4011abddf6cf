import { logEvent, logWarning } from "../platform/logger";

/** A product crossed into low / out of stock or back, and its members were told (`created` is 0 on a redelivery). */
export function logStockAlertRaised(f: { eventId: string; path: string; shopId: string; productId: string; type: string; quantity: number; threshold: number; version: number; recipients: number; created: number }): void {
  logEvent("stock-alert.raised", f);
}

/** A product write could not be read for alerts (malformed document); nothing was sent. */
export function logStockAlertProductMalformed(f: { eventId: string; path: string; shopId: string; productId: string }): void {
  logWarning("stock-alert.product-malformed", f);
}

/** The daily digest went out. */
export function logStockDigestSent(f: { day: string; users: number; created: number; skippedEmpty: number; latencyMs: number }): void {
  logEvent("stock-digest.sent", f);
}

/** A user's alert settings changed. */
export function logAlertSettingsUpdated(f: { uid: string; instant: boolean; dailyDigest: boolean }): void {
  logEvent("alert-settings.updated", f);
}

/** A replenishment run finished for one shop. */
export function logReplenishmentRunFinished(f: {
  shopId: string;
  runId: string;
  trigger: string;
  products: number;
  ledgerEntries: number;
  skipped: number;
  suggestions: number;
  removed: number;
  readMs: number;
  planMs: number;
  writeMs: number;
  latencyMs: number;
}): void {
  logEvent("replenishment-run.finished", f);
}

/** A replenishment run failed for one shop (the others go on). */
export function logReplenishmentRunFailed(f: { shopId: string; runId: string; message: string }): void {
  logWarning("replenishment-run.failed", f);
}
