import { now } from "../platform/clock";
import { KPI_ROLLUP_MIN_INTERVAL_MS } from "./kpis.schema";
import { readShardSeq, readSummary, rollUpSummary } from "./kpis.repository";
import { logKpiRolledUp } from "./kpis.logs";

/** How long one trigger keeps trying to get its change into the summary before giving up. */
const ROLLUP_DEADLINE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure the shop's summary will include the current state of `shard` (trailing-edge
 * debounce): returns at once when a roll-up already covers the shard's seq; otherwise rolls
 * up now, or, when the summary was written less than KPI_ROLLUP_MIN_INTERVAL_MS ago, either
 * returns because another trigger holds the lease for the next roll-up (due after our commit,
 * so it includes us), or takes that lease, waits for the interval and rolls up. A burst of
 * thousands of product writes thus costs at most ~1 summary write per second, one waiting
 * trigger at a time, and every change reaches the summary within about one interval.
 */
export async function ensureRolledUp(shopId: string, shard: number, holder: string, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS): Promise<void> {
  const started = Date.now();
  const seq = await readShardSeq(shopId, shard);
  const summary = await readSummary(shopId);
  if (summary && (summary.shardSeqs[String(shard)] ?? 0) >= seq) return;
  for (;;) {
    const outcome = await rollUpSummary(shopId, { force: false, minIntervalMs, now, holder });
    if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId, reason: "product-written", waitedMs: Date.now() - started });
    if (outcome.kind !== "lease-taken") return;
    if (Date.now() - started > ROLLUP_DEADLINE_MS) {
      // Transient by nature: rethrow so the event is retried (the retry re-checks cheaply).
      throw new Error(`KPI summary of shop ${shopId} could not be rolled up within ${ROLLUP_DEADLINE_MS} ms`);
    }
    await sleep(outcome.waitMs + 5);
  }
}
