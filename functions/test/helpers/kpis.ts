import { adminDb, waitFor } from "./emulators";
import { contributionOf, diffTotals, normalizeTotals, sumTotals, totalsOf } from "../../src/kpis/kpis.service";
import { totalsFrom } from "../../src/kpis/kpis.repository";
import type { KpiTotals } from "../../src/kpis/kpis.schema";

/** Totals with categories in a fixed order, so equal totals compare equal. */
export function canonical(t: KpiTotals): KpiTotals {
  const n = normalizeTotals(t);
  return { ...n, by_category: Object.fromEntries(Object.keys(n.by_category).sort().map((c) => [c, n.by_category[c]])) };
}

/** The KPIs of a shop computed from scratch from its products. */
export async function recompute(shopId: string): Promise<KpiTotals> {
  const snap = await adminDb().collection(`shops/${shopId}/products`).get();
  return canonical(totalsOf(snap.docs.map((d) => contributionOf(d.data() as never))));
}

/** The shop's KPI summary document as totals (zeros before the first roll-up). */
export async function summary(shopId: string): Promise<KpiTotals> {
  const snap = await adminDb().doc(`shops/${shopId}/kpis/summary`).get();
  return canonical(totalsFrom(snap.data()));
}

/** Σ of the shop's shard documents. */
export async function shardSum(shopId: string): Promise<KpiTotals> {
  const shards = await adminDb().collection(`shops/${shopId}/kpi_shards`).get();
  return canonical(sumTotals(shards.docs.map((d) => totalsFrom(d.data()))));
}

/** Σ of the shop's per-product records (what the trigger believes it applied). */
export async function recordSum(shopId: string): Promise<KpiTotals> {
  const records = await adminDb().collection(`shops/${shopId}/kpi_products`).get();
  return canonical(totalsOf(records.docs.map((d) => d.get("contribution"))));
}

/** Waits until the summary equals a from-scratch recomputation, and returns it. */
export async function waitUntilExact(shopId: string, timeoutMs = 120_000): Promise<KpiTotals> {
  return waitFor(
    async () => {
      const [want, got] = await Promise.all([recompute(shopId), summary(shopId)]);
      return JSON.stringify(want) === JSON.stringify(got) ? got : undefined;
    },
    `KPI summary of ${shopId} to equal a recomputation`,
    timeoutMs,
    250,
  ).catch(async (err) => {
    throw new Error(`${String(err)}\n${JSON.stringify(await explainMismatch(shopId), null, 1)}`);
  });
}

/** Where a mismatch sits: summary vs shards vs per-product records vs products. */
export async function explainMismatch(shopId: string): Promise<unknown> {
  const want = await recompute(shopId);
  return {
    summaryVsWant: diffTotals(want, await summary(shopId)),
    shardsVsWant: diffTotals(want, await shardSum(shopId)),
    recordsVsWant: diffTotals(want, await recordSum(shopId)),
  };
}

/** Every KPI document of a shop with its update time: proves "nothing was written". */
export async function kpiDocuments(shopId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const col of ["kpis", "kpi_shards", "kpi_products"]) {
    const snap = await adminDb().collection(`shops/${shopId}/${col}`).get();
    for (const d of snap.docs) out[`${col}/${d.id}`] = { data: d.data(), updateTime: d.updateTime.toMillis() };
  }
  return out;
}
