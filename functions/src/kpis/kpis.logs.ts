import { logError, logEvent, logWarning } from "../platform/logger";

/** A product write changed a shop's KPI aggregate. */
export function logKpiApplied(f: { eventId: string; path: string; shopId: string; productId: string; shard: number; version: number | null; latencyMs: number }): void {
  logEvent("kpi.applied", f);
}

/** A product document could not be read as a product; it is left out of the KPIs. */
export function logKpiProductMalformed(f: { eventId: string; path: string; shopId: string; productId: string }): void {
  logWarning("kpi.product-malformed", f);
}

/** A shop's summary document was rolled up from its shards (`lateMs`: after its due time). */
export function logKpiRolledUp(f: { shopId: string; reason: "product-written" | "scheduled"; lateMs: number }): void {
  logEvent("kpi.rolled-up", f);
}

/** A roll-up task was enqueued for when the summary is due again. */
export function logKpiRollupScheduled(f: { shopId: string; taskId: string; dueAt: string }): void {
  logEvent("kpi.rollup-scheduled", f);
}

/** A roll-up task's payload was not a roll-up task; it was dropped. */
export function logKpiRollupTaskMalformed(f: { issues: string[] }): void {
  logWarning("kpi.rollup-task-malformed", f);
}

/** Reconciliation found the KPI document different from a recomputation from the products. */
export function logKpiDriftFound(f: { shopId: string; runId: string; drift: Record<string, { expected: number; found: number }>; productsResynced: number; shardsRepaired: number }): void {
  logWarning("kpi.drift-found", f);
}

/** Reconciliation of one shop finished. */
export function logKpiReconciled(f: { shopId: string; runId: string; trigger: string; driftFound: boolean; productsScanned: number; productsResynced: number; shardsRepaired: number; latencyMs: number }): void {
  logEvent("kpi.reconciled", f);
}

/** The nightly reconciliation could not finish one shop (it goes on with the others). */
export function logKpiReconcileFailed(f: { shopId: string; runId: string; message: string }): void {
  logWarning("kpi.reconcile-failed", f);
}

/** A stored KPI record (shard, summary, per-product record) was unreadable: it is repaired, never read as zero. */
export function logKpiRecordMalformed(f: { path: string; problem: string; repair: string }): void {
  logError("kpi.record-malformed", new Error(f.problem), f);
}
