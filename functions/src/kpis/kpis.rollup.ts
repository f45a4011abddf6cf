import { now } from "../platform/clock";
import { KPI_ROLLUP_MIN_INTERVAL_MS } from "./kpis.schema";
import { readShardSeq, readSummary, rollUpSummary } from "./kpis.repository";
import { logKpiRolledUp } from "./kpis.logs";

/** How long the request handler keeps trying before failing (and being retried). */
const HANDLER_DEADLINE_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure the shop's summary includes, now or within about one interval, the current state
 * of `shard` (trailing-edge debounce, never waiting): returns at once when a roll-up already
 * covers the shard's seq; rolls up now when the last roll-up is old enough; otherwise leaves
 * a roll-up request (at most one pending per shop) that `handleRollupRequested` carries out
 * when the interval has passed. A burst of thousands of product writes thus costs at most
 * ~1 summary write per second, and no product trigger ever sleeps.
 */
export async function ensureRolledUp(shopId: string, shard: number, requestedBy: string, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS): Promise<void> {
  const seq = await readShardSeq(shopId, shard);
  const summary = await readSummary(shopId);
  if (summary && (summary.shardSeqs[String(shard)] ?? 0) >= seq) return;
  const outcome = await rollUpSummary(shopId, { mode: "trigger", minIntervalMs, now, requestedBy });
  if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId, reason: "product-written", waitedMs: 0 });
}

/**
 * Carries out a roll-up request: waits until it is due, then rolls the shards up into the
 * summary (and retires the request). Idempotent: a duplicate finds the summary fresh.
 */
export async function handleRollupRequested(input: { shopId: string; dueAt: Date | null }, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS): Promise<void> {
  const started = Date.now();
  if (input.dueAt) await sleep(Math.max(0, input.dueAt.getTime() - Date.now()));
  for (;;) {
    const outcome = await rollUpSummary(input.shopId, { mode: "handler", minIntervalMs, now, requestedBy: "handler" });
    if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId: input.shopId, reason: "requested", waitedMs: Date.now() - started });
    if (outcome.kind !== "too-soon") return;
    if (Date.now() - started > HANDLER_DEADLINE_MS) {
      // Transient by nature: rethrow so the event is retried.
      throw new Error(`KPI summary of shop ${input.shopId} could not be rolled up within ${HANDLER_DEADLINE_MS} ms`);
    }
    await sleep(outcome.waitMs + 5);
  }
}
