import { FieldValue, type DocumentData, type DocumentReference, type DocumentSnapshot, type Transaction } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { runTransaction, timestampsToDates } from "../platform/firestore";
import { ProductDoc } from "../inventory/products.schema";
import {
  KPI_SHARD_COUNT,
  KpiProductStateDoc,
  LOW_STOCK_DEFINITION,
  type Contribution,
  type KpiCounts,
  type KpiTotals,
} from "./kpis.schema";
import { logKpiRecordMalformed } from "./kpis.logs";
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
  if (parsed.success) return parsed.data;
  // Loudly: the shard may now count this product twice until reconciliation repairs it.
  logKpiRecordMalformed({ path: snap.ref.path, problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), repair: "reconcile" });
  return null;
}

/**
 * Category names become map keys in the shard and summary documents. Firestore reserves keys of
 * the form __name__, and the Admin SDK cannot read a "__proto__" key back, so those (and, to keep
 * the mapping one-to-one, keys starting with "~") are stored with a "~" in front.
 */
export function encodeCategoryKey(category: string): string {
  return /^(~|__.*__$)/.test(category) ? `~${category}` : category;
}

/** The category a stored by_category key names (see encodeCategoryKey). */
export function decodeCategoryKey(key: string): string {
  return key.startsWith("~") ? key.slice(1) : key;
}

/** A by_category map as stored (keys encoded). */
export function encodeByCategory<T>(byCategory: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [category, value] of Object.entries(byCategory)) out[encodeCategoryKey(category)] = value;
  return out;
}

/** A stored KPI record that is not what the server writes (a count that is not a safe integer, ...). */
export class MalformedKpiRecord extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`KPI record ${path} is malformed: ${problem}`);
    this.name = "MalformedKpiRecord";
  }
}

const COUNT_FIELDS: Array<keyof KpiCounts> = ["products", "units", "value_paise", "low_stock", "out_of_stock"];

/** Reads counts strictly: a missing field is 0, anything but a safe integer is malformed (never read as 0). */
function countsFrom(data: unknown, where: string): KpiCounts | string {
  if (data === undefined || data === null) return emptyCounts();
  if (typeof data !== "object") return `${where} is not a map`;
  const d = data as Record<string, unknown>;
  const out = emptyCounts();
  for (const f of COUNT_FIELDS) {
    const v = d[f];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return `${where}${f} is ${JSON.stringify(v) ?? String(v)}, not a safe integer`;
    out[f] = v + 0;
  }
  return out;
}

/** Totals stored in a shard or summary document, or why they cannot be read (missing document → zeros). */
export function readTotals(data: DocumentData | undefined): KpiTotals | string {
  if (!data) return emptyTotals();
  const top = countsFrom(data, "");
  if (typeof top === "string") return top;
  const totals = emptyTotals();
  Object.assign(totals, top);
  if (data.by_category !== undefined && (data.by_category === null || typeof data.by_category !== "object")) return "by_category is not a map";
  for (const [key, counts] of Object.entries((data.by_category ?? {}) as Record<string, unknown>)) {
    const c = countsFrom(counts, `by_category.${key}.`);
    if (typeof c === "string") return c;
    totals.by_category[decodeCategoryKey(key)] = c;
  }
  return totals;
}

/** Totals of a stored KPI document; a malformed one throws MalformedKpiRecord (to be repaired, never read as zero). */
export function totalsFrom(data: DocumentData | undefined, path = "kpi record"): KpiTotals {
  const totals = readTotals(data);
  if (typeof totals === "string") throw new MalformedKpiRecord(path, totals);
  return totals;
}

function incrementsOf(delta: KpiTotals): Record<string, unknown> {
  const inc = (c: KpiCounts) => ({
    products: FieldValue.increment(c.products),
    units: FieldValue.increment(c.units),
    value_paise: FieldValue.increment(c.value_paise),
    low_stock: FieldValue.increment(c.low_stock),
    out_of_stock: FieldValue.increment(c.out_of_stock),
  });
  const byCategory = Object.create(null) as Record<string, unknown>;
  // Map keys in a set() object are literal keys, not field paths; reserved names are encoded.
  for (const [category, counts] of Object.entries(delta.by_category)) byCategory[encodeCategoryKey(category)] = inc(counts);
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
  return runTransaction(
    db(),
    async (tx) => {
      const snaps = await tx.getAll(...productIds.map((id) => productsCol(shopId).doc(id)), ...productIds.map((id) => kpiProductsCol(shopId).doc(id)));
      const batch = new KpiBatch(shopId, source, at);
      const results = productIds.map((productId, i) => batch.add(productId, productKpiView(snaps[i].exists ? snaps[i].data() : null), snaps[productIds.length + i]));
      batch.write(tx);
      return results;
    },
    { maxAttempts: 10 },
  );
}

/** The per-product KPI record every writer reads before applying a product's contribution. */
export const kpiStateRef = (shopId: string, productId: string) => kpiProductsCol(shopId).doc(productId);

/**
 * The KPI side of product writes, inside the writer's own transaction: for each product, the
 * difference between its new contribution and the one its record says was applied goes to its
 * shard, and the record is updated. The API's product writes, the import, the trigger and
 * reconciliation all apply contributions this way, so whichever runs first applies the change
 * and the others find nothing left to add (the trigger then writes nothing).
 */
export class KpiBatch {
  private readonly perShard = new Map<number, KpiTotals>();
  private readonly records: Array<{ ref: DocumentReference; doc: KpiProductStateDoc | null }> = [];

  constructor(
    private readonly shopId: string,
    private readonly source: string,
    private readonly at: Date,
  ) {}

  /** Plans one product: its view now (productKpiView) against its record as read in this transaction. */
  add(productId: string, view: ProductKpiView, stateSnap: DocumentSnapshot): AppliedProduct {
    const state = stateOf(stateSnap);
    const before = state?.contribution ?? null;
    const shard = state?.shard ?? shardFor(productId, KPI_SHARD_COUNT);
    const delta = contributionDelta(before, view.contribution);
    const result: AppliedProduct = { productId, shard, changed: delta !== null, malformed: view.malformed, version: view.version, before, after: view.contribution };
    if (!delta) return result;
    this.perShard.set(shard, addTotals(this.perShard.get(shard) ?? emptyTotals(), delta, { keepZeroCategories: true }));
    this.records.push({
      ref: kpiStateRef(this.shopId, productId),
      doc: view.contribution === null ? null : { shard, contribution: view.contribution, version: view.version, source: this.source, applied_at: this.at },
    });
    return result;
  }

  /** Writes the records and the shard increments into `tx`. */
  write(tx: Transaction): void {
    for (const { ref, doc } of this.records) {
      if (doc) tx.set(ref, doc);
      else tx.delete(ref);
    }
    for (const [shard, delta] of this.perShard) tx.set(kpiShardRef(this.shopId, shard), incrementsOf(delta), { merge: true });
  }
}

/** The current seq of a shard (0 when it does not exist yet). */
export async function readShardSeq(shopId: string, shard: number): Promise<number> {
  const snap = await kpiShardRef(shopId, shard).get();
  return typeof snap.get("seq") === "number" ? (snap.get("seq") as number) : 0;
}

/** The stored summary: totals, the shard seqs it includes, when it was rolled up. */
export interface StoredSummary {
  /** Null when the stored totals are malformed (`malformed` says why); the next roll-up rewrites them. */
  totals: KpiTotals | null;
  malformed: string | null;
  shardSeqs: Record<string, number>;
  rolledUpAt: Date | null;
}

function summaryFrom(snap: DocumentSnapshot): StoredSummary | null {
  if (!snap.exists) return null;
  const data = snap.data() ?? {};
  const rolled = timestampsToDates(data.rolled_up_at);
  const seqs = data.shard_seqs && typeof data.shard_seqs === "object" ? (data.shard_seqs as Record<string, number>) : {};
  const totals = readTotals(data);
  return {
    totals: typeof totals === "string" ? null : totals,
    malformed: typeof totals === "string" ? totals : null,
    shardSeqs: seqs,
    rolledUpAt: rolled instanceof Date ? rolled : null,
  };
}

/** One shop's KPIs as of now: the sum of its shards (every committed write included), or why a shard is malformed. */
export interface ShopTotalsNow {
  totals: KpiTotals | null;
  malformed: { path: string; problem: string } | null;
  updatedAt: Date | null;
}

/**
 * Reads the current KPIs of several shops in one round trip: every shard of every shop
 * (KPI_SHARD_COUNT reads per shop). The shards include every product write the API, an import
 * or the trigger has committed; the summary document lags them by its roll-up interval.
 */
export async function readShopTotalsNow(shopIds: string[]): Promise<Map<string, ShopTotalsNow>> {
  const out = new Map<string, ShopTotalsNow>();
  if (shopIds.length === 0) return out;
  const refs = shopIds.flatMap((id) => Array.from({ length: KPI_SHARD_COUNT }, (_, i) => kpiShardRef(id, i)));
  const snaps = await db().getAll(...refs);
  shopIds.forEach((shopId, s) => {
    const shards = snaps.slice(s * KPI_SHARD_COUNT, (s + 1) * KPI_SHARD_COUNT);
    const parts: KpiTotals[] = [];
    let malformed: ShopTotalsNow["malformed"] = null;
    let updatedAt: Date | null = null;
    for (const snap of shards) {
      if (!snap.exists) continue;
      const t = readTotals(snap.data());
      if (typeof t === "string") malformed ??= { path: snap.ref.path, problem: t };
      else parts.push(t);
      const time = snap.updateTime?.toDate() ?? null;
      if (time && (!updatedAt || time > updatedAt)) updatedAt = time;
    }
    out.set(shopId, { totals: malformed ? null : sumTotals(parts), malformed, updatedAt });
  });
  return out;
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
  | { kind: "too-soon"; dueAt: Date; waitMs: number }
  /** A shard holds something other than counts; nothing was written (reconcile repairs it). */
  | { kind: "malformed"; path: string; problem: string };

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
  return runTransaction(db(), 
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
      // A malformed shard is never summed as zero: the roll-up stops and says so (the caller repairs).
      const parts = shardSnaps.map((s) => ({ path: s.ref.path, totals: readTotals(s.exists ? s.data() : undefined) }));
      const bad = parts.find((p) => typeof p.totals === "string");
      if (bad) return { kind: "malformed", path: bad.path, problem: bad.totals as string } as const;
      const totals = sumTotals(parts.map((p) => p.totals as KpiTotals));
      tx.set(kpiSummaryRef(shopId), {
        shop_id: shopId,
        ...totals,
        by_category: encodeByCategory(totals.by_category),
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
export async function readShards(shopId: string): Promise<Array<{ totals: KpiTotals | null; seq: number }>> {
  const snaps = await db().getAll(...Array.from({ length: KPI_SHARD_COUNT }, (_, i) => kpiShardRef(shopId, i)));
  return snaps.map((s) => {
    const totals = readTotals(s.exists ? s.data() : undefined);
    return { totals: typeof totals === "string" ? null : totals, seq: typeof s.get("seq") === "number" ? (s.get("seq") as number) : 0 };
  });
}

/**
 * Overwrites the shards whose totals differ from `expected`, but only if no shard changed
 * since `observedSeqs` were read (otherwise returns null: the caller re-reads and retries).
 */
export async function repairShards(shopId: string, expected: KpiTotals[], observedSeqs: number[]): Promise<number | null> {
  return runTransaction(db(), async (tx) => {
    const refs = expected.map((_, i) => kpiShardRef(shopId, i));
    const snaps = await tx.getAll(...refs);
    const seqs = snaps.map((s) => (typeof s.get("seq") === "number" ? (s.get("seq") as number) : 0));
    if (seqs.some((seq, i) => seq !== observedSeqs[i])) return null;
    let repaired = 0;
    snaps.forEach((snap, i) => {
      const stored = readTotals(snap.exists ? snap.data() : undefined);
      const want = addTotals(emptyTotals(), expected[i]);
      // A malformed shard is always rewritten.
      if (typeof stored !== "string" && sameTotals(stored, want) && (snap.exists || isEmpty(want))) return;
      repaired++;
      tx.set(refs[i], { ...want, by_category: encodeByCategory(want.by_category), seq: seqs[i] + 1 });
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
