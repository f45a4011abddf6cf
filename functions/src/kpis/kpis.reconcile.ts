import { randomUUID } from "node:crypto";
import { now } from "../platform/clock";
import { KPI_SHARD_COUNT, type KpiTotals, type ReconcileResponse } from "./kpis.schema";
import { addTotals, contributionDelta, diffTotals, emptyTotals, normalizeTotals, sameContribution, totalsOf } from "./kpis.service";
import { applyProducts, listShopIds, readShards, readShopTotalsNow, readSummary, repairShards, rollUpSummary, scanProductStates, scanProductViews } from "./kpis.repository";
import { logKpiDriftFound, logKpiReconciled, logKpiReconcileFailed, logKpiRecordMalformed } from "./kpis.logs";
import { AppError } from "../platform/errors";

/** Products re-applied per transaction (two reads and one write each, under the 500-write limit). */
const RESYNC_CHUNK = 200;
/** Resync transactions in flight at once. */
const RESYNC_PARALLEL = 4;
/** Attempts to compare shards with the per-product records while triggers keep writing. */
const SHARD_REPAIR_ATTEMPTS = 8;

/**
 * Recomputes one shop's KPIs from its products and repairs any drift, at three levels:
 * 1. per product: a product whose applied contribution differs from the product (a lost event,
 *    a corrupted record) is re-applied through the same transaction the trigger uses;
 * 2. per shard: a shard whose totals differ from the sum of its products' records is
 *    overwritten, only if no trigger changed a shard meanwhile (seq check; else retry);
 * 3. the summary is rolled up from the shards, unconditionally.
 * Drift is what the summary said before, against the recomputation; it is logged.
 */
export async function reconcileShop(shopId: string, options: { runId?: string; trigger?: string } = {}): Promise<ReconcileResponse> {
  const started = Date.now();
  const runId = options.runId ?? randomUUID();
  const summaryBefore = await readSummary(shopId);
  const products = await scanProductViews(shopId);
  const expected = totalsOf([...products.values()].map((p) => p.contribution));
  const drift = diffTotals(normalizeTotals(expected), normalizeTotals(summaryBefore?.totals ?? emptyTotals()));

  // 1. Products whose record disagrees with the product itself.
  const states = await scanProductStates(shopId);
  const stale = new Set<string>();
  for (const [id, view] of products) if (!sameContribution(states.get(id)?.contribution ?? null, view.contribution)) stale.add(id);
  for (const [id, state] of states) if (!products.has(id) && state.contribution !== null) stale.add(id);
  const ids = [...stale];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += RESYNC_CHUNK) chunks.push(ids.slice(i, i + RESYNC_CHUNK));
  let next = 0;
  await Promise.all(
    Array.from({ length: RESYNC_PARALLEL }, async () => {
      while (next < chunks.length) await applyProducts(shopId, chunks[next++], `reconcile:${runId}`, now());
    }),
  );

  // 2. Shards against the sum of their products' records.
  let shardsRepaired = 0;
  for (let attempt = 1; ; attempt++) {
    const shards = await readShards(shopId);
    const records = await scanProductStates(shopId);
    const want: KpiTotals[] = Array.from({ length: KPI_SHARD_COUNT }, () => emptyTotals());
    for (const { shard, contribution } of records.values()) {
      const delta = contributionDelta(null, contribution);
      if (delta && shard < KPI_SHARD_COUNT) want[shard] = addTotals(want[shard], delta);
    }
    const repaired = await repairShards(shopId, want, shards.map((s) => s.seq));
    if (repaired !== null) {
      shardsRepaired = repaired;
      break;
    }
    if (attempt >= SHARD_REPAIR_ATTEMPTS) {
      throw new Error(`shop ${shopId}: product writes kept changing the KPI shards; shard check skipped after ${attempt} attempts`);
    }
  }

  // 3. The summary, from the shards (repaired above, so none is malformed unless written meanwhile).
  const rolled = await rollUpSummary(shopId, { mode: "force", minIntervalMs: 0, now });
  if (rolled.kind === "malformed") throw new Error(`shop ${shopId}: KPI shard ${rolled.path} is still malformed after repair (${rolled.problem})`);

  const driftFound = Object.keys(drift).length > 0 || ids.length > 0 || shardsRepaired > 0;
  if (driftFound) logKpiDriftFound({ shopId, runId, drift, productsResynced: ids.length, shardsRepaired });
  const latencyMs = Date.now() - started;
  logKpiReconciled({ shopId, runId, trigger: options.trigger ?? "manual", driftFound, productsScanned: products.size, productsResynced: ids.length, shardsRepaired, latencyMs });
  return { shop_id: shopId, drift_found: driftFound, drift, products_scanned: products.size, products_resynced: ids.length, shards_repaired: shardsRepaired, latency_ms: latencyMs };
}

/** Reconciles every shop, one after another; a failing shop is logged, the others go on, and the run then fails so it is retried. */
export async function reconcileAllShops(runId: string): Promise<{ shops: number; failed: number }> {
  let failed = 0;
  const shopIds = await listShopIds();
  for (const shopId of shopIds) {
    try {
      await reconcileShop(shopId, { runId, trigger: "nightly" });
    } catch (err) {
      failed++;
      logKpiReconcileFailed({ shopId, runId, message: err instanceof Error ? err.message : String(err) });
    }
  }
  if (failed > 0) throw new Error(`KPI reconciliation failed for ${failed} of ${shopIds.length} shops (run ${runId})`);
  return { shops: shopIds.length, failed };
}

/**
 * The KPIs of some shops as of now (Σ of each shop's shards: every committed write of the API
 * and the import is included). A malformed KPI record is never read as zero: it is logged as an
 * error, the shop is reconciled from its products at once, and the repaired figures answer.
 */
export async function currentShopTotals(shopIds: string[]): Promise<Array<{ shopId: string; totals: KpiTotals; updatedAt: Date | null }>> {
  const now = await readShopTotalsNow(shopIds);
  for (const shopId of shopIds) {
    const found = now.get(shopId);
    if (!found?.malformed) continue;
    logKpiRecordMalformed({ ...found.malformed, repair: "reconcile" });
    await reconcileShop(shopId, { trigger: "malformed-record" });
    const repaired = (await readShopTotalsNow([shopId])).get(shopId);
    if (!repaired?.totals) throw new AppError("UNAVAILABLE", "The KPIs are being repaired; try again in a moment");
    now.set(shopId, repaired);
  }
  return shopIds.map((shopId) => ({ shopId, totals: now.get(shopId)?.totals ?? emptyTotals(), updatedAt: now.get(shopId)?.updatedAt ?? null }));
}
