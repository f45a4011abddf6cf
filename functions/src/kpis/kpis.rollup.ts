import { now } from "../platform/clock";
import { KPI_ROLLUP_MIN_INTERVAL_MS } from "./kpis.schema";
import { readShardSeq, readSummary, rollUpSummary } from "./kpis.repository";
import { logKpiRolledUp } from "./kpis.logs";

/** How long one trigger keeps trying to get its change into the summary before giving up. */
const ROLLUP_DEADLINE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure the shop's summary includes the current state of `shard` (trailing-edge debounce):
 * returns at once when a roll-up already covers the shard's seq; otherwise rolls up, or, when
 * the summary was written less than KPI_ROLLUP_MIN_INTERVAL_MS ago, waits for the interval to
 * pass and checks again (another trigger's roll-up usually covers us by then). So a burst of
 * thousands of product writes costs at most ~1 summary write per second, and every change
 * reaches the summary within about one interval.
 */
export async function ensureRolledUp(shopId: string, shard: number, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS): Promise<void> {
  const started = Date.now();
  const seq = await readShardSeq(shopId, shard);
  for (;;) {
    const summary = await readSummary(shopId);
    if (summary && (summary.shardSeqs[String(shard)] ?? 0) >= seq) return;
    const outcome = await rollUpSummary(shopId, { force: false, minIntervalMs, now });
    if (outcome.kind !== "too-soon") {
      if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId, reason: "product-written", waitedMs: Date.now() - started });
      return;
    }
    if (Date.now() - started > ROLLUP_DEADLINE_MS) {
      // Transient by nature: rethrow so the event is retried (the retry re-checks cheaply).
      throw new Error(`KPI summary of shop ${shopId} could not be rolled up within ${ROLLUP_DEADLINE_MS} ms`);
    }
    // Jitter spreads the waiters so one of them rolls up and the others find it fresh.
    await sleep(outcome.waitMs + Math.floor(Math.random() * 100));
  }
}
