import { FieldValue, type DocumentData, type DocumentSnapshot } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { timestampsToDates } from "../platform/firestore";
import { ProductDoc } from "../inventory/products.schema";
import {
  KPI_SHARD_COUNT,
  KpiProductStateDoc,
  LOW_STOCK_DEFINITION,
  type Contribution,
  type KpiCounts,
  type KpiTotals,
} from "./kpis.schema";
import { contributionDelta, contributionOf, addTotals, emptyCounts, emptyTotals, shardFor, sumTotals } from "./kpis.service";

/** Firestore paths of the KPI domain. */
export const shopRef = (shopId: string) => db().collection("shops").doc(shopId);
export const productsCol = (shopId: string) => shopRef(shopId).collection("products");
export const kpiProductsCol = (shopId: string) => shopRef(shopId).collection("kpi_products");
export const kpiShardsCol = (shopId: string) => shopRef(shopId).collection("kpi_shards");
export const kpiSummaryRef = (shopId: string) => shopRef(shopId).collection("kpis").doc("summary");
export const kpiShardRef = (shopId: string, shard: number) => kpiShardsCol(shopId).doc(String(shard).padStart(2, "0"));

/** The KPI fields of the shared product contract: the trigger only depends on these. */
const KpiProductFields = ProductDoc.pick({ category: true, quantity: true, unit_price_paise: true, low_stock_threshold: true, version: true });
const KPI_PRODUCT_FIELD_NAMES = Object.keys(KpiProductFields.shape);

/** A product as the KPIs see it: its contribution and version, or why it was left out. */
export interface ProductKpiView {
  contribution: Contribution | null;
  version: number | null;
  /** True when the document exists but does not match the product contract (counted as absent). */
  malformed: boolean;
}

/** Reads a stored product's KPI fields; a missing or malformed product contributes nothing. */
export function productKpiView(data: DocumentData | undefined | null): ProductKpiView {
  if (!data) return { contribution: null, version: null, malformed: false };
  const parsed = KpiProductFields.safeParse(data);
  if (!parsed.success) return { contribution: null, version: null, malformed: true };
  return { contribution: contributionOf(parsed.data), version: parsed.data.version, malformed: false };
}

function stateOf(snap: DocumentSnapshot): KpiProductStateDoc | null {
  if (!snap.exists) return null;
  const parsed = KpiProductStateDoc.safeParse(timestampsToDates(snap.data()));
  // A malformed state record is treated as "nothing applied"; reconciliation repairs the shard.
  return parsed.success ? parsed.data : null;
}

/** Reads counts leniently (a corrupted field reads as 0) so reconciliation can always repair. */
function countsFrom(data: unknown): KpiCounts {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return { products: n(d.products), units: n(d.units), value_paise: n(d.value_paise), low_stock: n(d.low_stock), out_of_stock: n(d.out_of_stock) };
}

/** Totals stored in a shard or summary document (lenient; missing document → zeros). */
export function totalsFrom(data: DocumentData | undefined): KpiTotals {
  if (!data) return emptyTotals();
  const byCategory: Record<string, KpiCounts> = {};
  const raw = data.by_category && typeof data.by_category === "object" ? (data.by_category as Record<string, unknown>) : {};
  for (const [category, counts] of Object.entries(raw)) byCategory[category] = countsFrom(counts);
  return { ...countsFrom(data), by_category: byCategory };
}

function incrementsOf(delta: KpiTotals): Record<string, unknown> {
  const inc = (c: KpiCounts) => ({
    products: FieldValue.increment(c.products),
    units: FieldValue.increment(c.units),
    value_paise: FieldValue.increment(c.value_paise),
    low_stock: FieldValue.increment(c.low_stock),
    out_of_stock: FieldValue.increment(c.out_of_stock),
  });
  const byCategory: Record<string, unknown> = {};
  // Map keys in a set() object are literal keys, not field paths: any category name is safe.
  for (const [category, counts] of Object.entries(delta.by_category)) byCategory[category] = inc(counts);
  return { ...inc(delta), by_category: byCategory, seq: FieldValue.increment(1) };
}

/** What applying one product did. */
export interface AppliedProduct {
  productId: string;
  shard: number;
  changed: boolean;
  malformed: boolean;
  version: number | null;
  before: Contribution | null;
  after: Contribution | null;
}

/**
 * Brings the KPI aggregate in line with the current state of some products, in one transaction:
 * reads each product fresh and the contribution last applied for it, and adds the difference
 * to the product's shard (blind increments, so concurrent products never contend on a shard
 * read). Idempotent and order-independent: applying again, or for an older event, adds zero.
 * At most ~200 products per call (two reads and one write each, plus the shard writes).
 */
export async function applyProducts(shopId: string, productIds: string[], source: string, at: Date): Promise<AppliedProduct[]> {
  if (productIds.length === 0) return [];
  return db().runTransaction(
    async (tx) => {
      const snaps = await tx.getAll(...productIds.map((id) => productsCol(shopId).doc(id)), ...productIds.map((id) => kpiProductsCol(shopId).doc(id)));
      const perShard = new Map<number, KpiTotals>();
      const results: AppliedProduct[] = [];
      productIds.forEach((productId, i) => {
        const view = productKpiView(snaps[i].exists ? snaps[i].data() : null);
        const state = stateOf(snaps[productIds.length + i]);
        const before = state?.contribution ?? null;
        const shard = state?.shard ?? shardFor(productId, KPI_SHARD_COUNT);
        const delta = contributionDelta(before, view.contribution);
        results.push({ productId, shard, changed: delta !== null, malformed: view.malformed, version: view.version, before, after: view.contribution });
        if (!delta) return;
        perShard.set(shard, addTotals(perShard.get(shard) ?? emptyTotals(), delta, { keepZeroCategories: true }));
        const stateRef = kpiProductsCol(shopId).doc(productId);
        if (view.contribution === null) {
          tx.delete(stateRef);
        } else {
          const doc: KpiProductStateDoc = { shard, contribution: view.contribution, version: view.version, source, applied_at: at };
          tx.set(stateRef, doc);
        }
      });
      for (const [shard, delta] of perShard) tx.set(kpiShardRef(shopId, shard), incrementsOf(delta), { merge: true });
      return results;
    },
    { maxAttempts: 10 },
  );
}

/** The current seq of a shard (0 when it does not exist yet). */
export async function readShardSeq(shopId: string, shard: number): Promise<number> {
  const snap = await kpiShardRef(shopId, shard).get();
  return typeof snap.get("seq") === "number" ? (snap.get("seq") as number) : 0;
}

/** The stored summary: totals, the shard seqs it includes, when it was rolled up. */
export interface StoredSummary {
  totals: KpiTotals;
  shardSeqs: Record<string, number>;
  rolledUpAt: Date | null;
}

function summaryFrom(snap: DocumentSnapshot): StoredSummary | null {
  if (!snap.exists) return null;
  const data = snap.data() ?? {};
  const rolled = timestampsToDates(data.rolled_up_at);
  const seqs = data.shard_seqs && typeof data.shard_seqs === "object" ? (data.shard_seqs as Record<string, number>) : {};
  return { totals: totalsFrom(data), shardSeqs: seqs, rolledUpAt: rolled instanceof Date ? rolled : null };
}

/** Reads one shop's summary document (one document read), or null before its first product. */
export async function readSummary(shopId: string): Promise<StoredSummary | null> {
  return summaryFrom(await kpiSummaryRef(shopId).get());
}

/** Reads several shops' summaries in one round trip (one document read per shop). */
export async function readSummaries(shopIds: string[]): Promise<Map<string, StoredSummary | null>> {
  const out = new Map<string, StoredSummary | null>();
  if (shopIds.length === 0) return out;
  const snaps = await db().getAll(...shopIds.map(kpiSummaryRef));
  snaps.forEach((snap, i) => out.set(shopIds[i], summaryFrom(snap)));
  return out;
}

/** Outcome of a roll-up attempt. */
export type RollUpOutcome =
  | { kind: "rolled-up" }
  | { kind: "already-fresh" }
  /** (debounced) Too soon after the last roll-up: it is due at `dueAt`, in `waitMs`. */
  | { kind: "too-soon"; dueAt: Date; waitMs: number };

/**
 * Sums the shards into the summary document, in one transaction. Modes:
 * - "force" (reconciliation): always writes the summary;
 * - "debounced" (product trigger, roll-up task): skips when the summary already includes every
 *   shard's seq; rolls up when the last roll-up is at least `minIntervalMs` old; otherwise
 *   writes nothing and says when the next roll-up is due (the caller schedules it).
 * The due time derives from the summary's `rolled_up_at` alone, so every writer that finds the
 * summary too recent names the same due time (and thus the same roll-up task).
 */
export async function rollUpSummary(shopId: string, options: { mode: "force" | "debounced"; minIntervalMs: number; now: () => Date }): Promise<RollUpOutcome> {
  return db().runTransaction(
    async (tx) => {
      const shardRefs = Array.from({ length: KPI_SHARD_COUNT }, (_, i) => kpiShardRef(shopId, i));
      const [summarySnap, ...shardSnaps] = await tx.getAll(kpiSummaryRef(shopId), ...shardRefs);
      const summary = summaryFrom(summarySnap);
      const seqs: Record<string, number> = {};
      shardSnaps.forEach((s, i) => (seqs[String(i)] = typeof s.get("seq") === "number" ? (s.get("seq") as number) : 0));
      const at = options.now();
      if (options.mode !== "force" && summary) {
        const fresh = Object.entries(seqs).every(([i, seq]) => (summary.shardSeqs[i] ?? 0) === seq);
        if (fresh) return { kind: "already-fresh" } as const;
        if (summary.rolledUpAt) {
          const dueAt = new Date(summary.rolledUpAt.getTime() + options.minIntervalMs);
          if (dueAt.getTime() > at.getTime()) return { kind: "too-soon", dueAt, waitMs: dueAt.getTime() - at.getTime() } as const;
        }
      }
      const totals = sumTotals(shardSnaps.map((s) => totalsFrom(s.exists ? s.data() : undefined)));
      tx.set(kpiSummaryRef(shopId), {
        shop_id: shopId,
        ...totals,
        shard_seqs: seqs,
        rolled_up_at: at,
        low_stock_definition: LOW_STOCK_DEFINITION,
      });
      return { kind: "rolled-up" } as const;
    },
    { maxAttempts: 10 },
  );
}

/** Every product of a shop as the KPIs see it (one streamed query reading only the KPI fields). */
export async function scanProductViews(shopId: string): Promise<Map<string, ProductKpiView>> {
  const out = new Map<string, ProductKpiView>();
  const stream = productsCol(shopId).select(...KPI_PRODUCT_FIELD_NAMES).stream() as AsyncIterable<DocumentSnapshot>;
  for await (const snap of stream) out.set(snap.id, productKpiView(snap.data()));
  return out;
}

/** Every per-product state record of a shop: productId → {shard, contribution}. */
export async function scanProductStates(shopId: string): Promise<Map<string, { shard: number; contribution: Contribution | null }>> {
  const out = new Map<string, { shard: number; contribution: Contribution | null }>();
  const stream = kpiProductsCol(shopId).stream() as AsyncIterable<DocumentSnapshot>;
  for await (const snap of stream) {
    const state = stateOf(snap);
    // An unreadable record still names a product; count it as applying nothing.
    out.set(snap.id, { shard: state?.shard ?? shardFor(snap.id, KPI_SHARD_COUNT), contribution: state?.contribution ?? null });
  }
  return out;
}

/** Every shard's stored totals and seq (one read per shard). */
export async function readShards(shopId: string): Promise<Array<{ totals: KpiTotals; seq: number }>> {
  const snaps = await db().getAll(...Array.from({ length: KPI_SHARD_COUNT }, (_, i) => kpiShardRef(shopId, i)));
  return snaps.map((s) => ({ totals: totalsFrom(s.exists ? s.data() : undefined), seq: typeof s.get("seq") === "number" ? (s.get("seq") as number) : 0 }));
}

/**
 * Overwrites the shards whose totals differ from `expected`, but only if no shard changed
 * since `observedSeqs` were read (otherwise returns null: the caller re-reads and retries).
 */
export async function repairShards(shopId: string, expected: KpiTotals[], observedSeqs: number[]): Promise<number | null> {
  return db().runTransaction(async (tx) => {
    const refs = expected.map((_, i) => kpiShardRef(shopId, i));
    const snaps = await tx.getAll(...refs);
    const seqs = snaps.map((s) => (typeof s.get("seq") === "number" ? (s.get("seq") as number) : 0));
    if (seqs.some((seq, i) => seq !== observedSeqs[i])) return null;
    let repaired = 0;
    snaps.forEach((snap, i) => {
      const stored = totalsFrom(snap.exists ? snap.data() : undefined);
      const want = addTotals(emptyTotals(), expected[i]);
      if (sameTotals(stored, want) && (snap.exists || isEmpty(want))) return;
      repaired++;
      tx.set(refs[i], { ...want, seq: seqs[i] + 1 });
    });
    return repaired;
  });
}

function isEmpty(t: KpiTotals): boolean {
  return sameTotals(t, emptyTotals());
}

function sameTotals(a: KpiTotals, b: KpiTotals): boolean {
  const na = addTotals(emptyTotals(), a);
  const nb = addTotals(emptyTotals(), b);
  return JSON.stringify(sortKeys(na)) === JSON.stringify(sortKeys(nb));
}

function sortKeys(t: KpiTotals): unknown {
  const cats = Object.keys(t.by_category).sort();
  return { ...t, by_category: cats.map((c) => [c, { ...emptyCounts(), ...t.by_category[c] }]) };
}

/** Ids of every shop (for the nightly reconciliation). */
export async function listShopIds(): Promise<string[]> {
  const refs = await db().collection("shops").listDocuments();
  return refs.map((r) => r.id);
}
