import { logEvent, logWarning } from "../platform/logger";

/** A product was created. */
export function logProductCreated(f: { shopId: string; productId: string; actorId: string; quantity: number; latencyMs: number }): void {
  logEvent("product.created", f);
}

/** A product changed (version bumped). */
export function logProductUpdated(f: { shopId: string; productId: string; actorId: string; version: number; changed: string[]; source: string; latencyMs: number }): void {
  logEvent("product.updated", f);
}

/** An update was refused because the client edited an older version. */
export function logProductUpdateConflicted(f: { shopId: string; productId: string; actorId: string; expectedVersion: number; currentVersion: number }): void {
  logWarning("product.update-conflicted", f);
}

/** A product was deleted. */
export function logProductDeleted(f: { shopId: string; productId: string; actorId: string; version: number; latencyMs: number }): void {
  logEvent("product.deleted", f);
}

/** A stock adjustment was applied. */
export function logStockAdjusted(f: { shopId: string; productId: string; actorId: string; delta: number; reason: string; quantityAfter: number; source: string; latencyMs: number }): void {
  logEvent("stock.adjusted", f);
}

/** An offline edit reached its final state (applied, conflict, rejected) or was already handled. */
export function logProductEditHandled(f: {
  eventId: string | null;
  path: string;
  shopId: string;
  editId: string;
  productId: string | null;
  outcome: string;
  reason?: string;
  latencyMs: number;
}): void {
  if (f.outcome === "applied" || f.outcome === "skipped") logEvent(`product-edit.${f.outcome}`, f);
  else logWarning(`product-edit.${f.outcome === "conflict" ? "conflicted" : f.outcome}`, f);
}

/** A product's stored derived fields (search_tokens) were wrong and have been rewritten. */
export function logProductDerivedFieldsRepaired(f: { eventId: string; path: string; shopId: string; productId: string; latencyMs: number }): void {
  logWarning("product.derived-fields-repaired", f);
}
