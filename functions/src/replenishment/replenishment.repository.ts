import { FieldPath, Timestamp, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { parseStoredOrSkip, runTransaction } from "../platform/firestore";
import { productsCol, movementsCol } from "../inventory/products.repository";
import { withDerivedFields } from "../inventory/products.derived";
import { ProductDoc, StockMovementDoc } from "../inventory/products.schema";
import type { LedgerEntry } from "./demand";
import type { SupplierOffer } from "./policy";
import {
  AlertSettingsDoc,
  DEFAULT_ALERT_SETTINGS,
  ForecastDoc,
  RunDoc,
  StockAlertDoc,
  SuggestionDoc,
} from "./replenishment.schema";
import { getSupplierItems, listSuppliers } from "../purchasing/suppliers.repository";

/** Firestore paths of the replenishment domain (every one of them lives here). */
const shopDoc = (shopId: string) => db().collection("shops").doc(shopId);
export const suggestionsCol = (shopId: string) => shopDoc(shopId).collection("replenishment_suggestions");
export const forecastsCol = (shopId: string) => shopDoc(shopId).collection("forecasts");
export const runsCol = (shopId: string) => shopDoc(shopId).collection("replenishment_runs");
export const stockAlertsCol = (shopId: string) => shopDoc(shopId).collection("stock_alerts");
/** The collection id of users/{uid}/alert_settings (queried as a collection group by the digest). */
export const ALERT_SETTINGS_COLLECTION = "alert_settings";
export const alertSettingsRef = (uid: string) => db().collection("users").doc(uid).collection(ALERT_SETTINGS_COLLECTION).doc("stock");

// ---------- alert settings ----------

/** A user's alert settings, defaults when they never chose. */
export async function readAlertSettings(uid: string): Promise<{ instant: boolean; daily_digest: boolean; updated_at: Date | null }> {
  const snap = await alertSettingsRef(uid).get();
  const doc = snap.exists ? parseStoredOrSkip(AlertSettingsDoc, snap.data(), snap.ref.path) : null;
  return doc ?? { ...DEFAULT_ALERT_SETTINGS, updated_at: null };
}

/** Which of these users want instant stock alerts (one round trip; a missing or malformed setting means yes). */
export async function usersWantingInstantAlerts(uids: string[]): Promise<string[]> {
  if (uids.length === 0) return [];
  const snaps = await db().getAll(...uids.map((uid) => alertSettingsRef(uid)));
  return uids.filter((_, i) => {
    const doc = snaps[i].exists ? parseStoredOrSkip(AlertSettingsDoc, snaps[i].data(), snaps[i].ref.path) : null;
    return doc ? doc.instant : DEFAULT_ALERT_SETTINGS.instant;
  });
}

/** Changes a user's alert settings (a transaction, so two changes never lose one). */
export async function updateAlertSettings(uid: string, patch: { instant?: boolean; daily_digest?: boolean }, at: Date): Promise<AlertSettingsDoc> {
  const ref = alertSettingsRef(uid);
  return runTransaction(db(), async (tx) => {
    const snap = await tx.get(ref);
    const current = snap.exists ? parseStoredOrSkip(AlertSettingsDoc, snap.data(), ref.path) : null;
    const next: AlertSettingsDoc = {
      instant: patch.instant ?? current?.instant ?? DEFAULT_ALERT_SETTINGS.instant,
      daily_digest: patch.daily_digest ?? current?.daily_digest ?? DEFAULT_ALERT_SETTINGS.daily_digest,
      updated_at: at,
    };
    tx.set(ref, next);
    return next;
  });
}

/** Uids of the users who asked for the daily digest (a collection-group query on alert_settings). */
export async function usersWantingDigest(): Promise<string[]> {
  const snap = await db().collectionGroup(ALERT_SETTINGS_COLLECTION).where("daily_digest", "==", true).get();
  // Only users/{uid}/alert_settings/stock counts; anything else of that name is ignored.
  return snap.docs.filter((d) => d.id === "stock" && d.ref.parent.parent?.parent.id === "users").map((d) => d.ref.parent.parent!.id);
}

// ---------- stock alert state ----------

/**
 * Records a product's alert state unless a newer one (a later version of the same incarnation)
 * is already there: events may arrive out of order. `build` makes the next state from the stored
 * one; `null` removes it (the product was deleted; then `seen` is null too).
 * Returns whether it wrote.
 */
export async function recordStockAlertState(
  shopId: string,
  productId: string,
  seen: { incarnation: string; version: number } | null,
  build: (current: StockAlertDoc | null) => StockAlertDoc | null,
): Promise<boolean> {
  const ref = stockAlertsCol(shopId).doc(productId);
  return runTransaction(db(), async (tx) => {
    const snap = await tx.get(ref);
    const current = snap.exists ? parseStoredOrSkip(StockAlertDoc, snap.data(), ref.path) : null;
    if (seen && current && current.incarnation === seen.incarnation && current.version >= seen.version) return false;
    const next = build(current);
    if (next) tx.set(ref, next);
    else if (snap.exists) tx.delete(ref);
    else return false;
    return true;
  });
}

/** The alert state of one product (tests, the digest). */
export async function readStockAlertState(shopId: string, productId: string): Promise<StockAlertDoc | null> {
  const snap = await stockAlertsCol(shopId).doc(productId).get();
  return snap.exists ? parseStoredOrSkip(StockAlertDoc, snap.data(), snap.ref.path) : null;
}

/** Products of a shop now low or out of stock, by their alert state (a malformed one is skipped). */
export async function openStockAlerts(shopId: string, limit: number): Promise<StockAlertDoc[]> {
  const snap = await stockAlertsCol(shopId).where("state", "in", ["low", "out"]).limit(limit).get();
  return snap.docs.flatMap((d) => {
    const doc = parseStoredOrSkip(StockAlertDoc, d.data(), d.ref.path);
    return doc ? [doc] : [];
  });
}

// ---------- the run's inputs ----------

/** Every product of a shop (a malformed one is logged, skipped and counted). */
export async function allProducts(shopId: string): Promise<{ products: Array<{ id: string; doc: ProductDoc }>; skipped: number }> {
  const out: Array<{ id: string; doc: ProductDoc }> = [];
  let skipped = 0;
  let last: string | null = null;
  // Pages by id, so a large catalog never needs one huge response.
  for (;;) {
    let q = productsCol(shopId).orderBy(FieldPath.documentId()).limit(1000);
    if (last) q = q.startAfter(last);
    const snap = await q.get();
    for (const d of snap.docs) {
      const doc = parseStoredOrSkip(ProductDoc, withDerivedFields(d.data()), d.ref.path);
      if (doc) out.push({ id: d.id, doc });
      else skipped++;
    }
    if (snap.size < 1000) return { products: out, skipped };
    last = snap.docs[snap.docs.length - 1].id;
  }
}

/** The ledger fields demand needs (the query selects only these: a fraction of each movement's bytes). */
const LedgerEntryDoc = StockMovementDoc.pick({ product_id: true, delta: true, reason: true, quantity_after: true, at: true });
const LEDGER_FIELDS = Object.keys(LedgerEntryDoc.shape);

/** The shop's ledger entries at or after `since` (a malformed one is logged and skipped). */
export async function ledgerSince(shopId: string, since: Date): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let last: QueryDocumentSnapshot | null = null;
  for (;;) {
    let q = movementsCol(shopId)
      .where("at", ">=", Timestamp.fromDate(since))
      .orderBy("at")
      .select(...LEDGER_FIELDS)
      .limit(5000);
    if (last) q = q.startAfter(last);
    const snap = await q.get();
    for (const d of snap.docs) {
      const m = parseStoredOrSkip(LedgerEntryDoc, d.data(), d.ref.path);
      if (m) out.push(m);
    }
    if (snap.size < 5000) return out;
    last = snap.docs[snap.docs.length - 1];
  }
}

/**
 * Every active supplier's offers for the products of one owner's chain, keyed by product id
 * (the upper-cased SKU), in a Map (SKUs are user text). Malformed suppliers or items are skipped.
 */
export async function supplierOffers(ownerUid: string): Promise<Map<string, SupplierOffer[]>> {
  const out = new Map<string, SupplierOffer[]>();
  // Suppliers are purchasing's: read through its repository (one definition of their documents).
  const active = (await listSuppliers(ownerUid)).filter(({ doc }) => doc.active);
  const items = await Promise.all(active.map(({ id }) => getSupplierItems(id)));
  active.forEach(({ id, doc: s }, i) => {
    for (const [productId, item] of items[i]) {
      const offer: SupplierOffer = { supplierId: id, supplierName: s.name, leadTimeDays: s.lead_time_days, minOrderPaise: s.min_order_paise, unitCostPaise: item.buying_price_paise, packSize: item.pack_size };
      const list = out.get(productId);
      if (list) list.push(offer);
      else out.set(productId, [offer]);
    }
  });
  return out;
}

// ---------- the run's outputs ----------

/** Ids of the suggestions a shop has now. */
export async function suggestionIds(shopId: string): Promise<string[]> {
  const refs = await suggestionsCol(shopId).listDocuments();
  return refs.map((r) => r.id);
}

/**
 * Stores a run: its forecasts and suggestions, deletes the suggestions it no longer makes, and
 * records the run. A BulkWriter (retries per write); the run document is written last, so its
 * presence says the rest is done.
 */
export async function storeRun(shopId: string, runId: string, out: { forecasts: Map<string, ForecastDoc>; suggestions: Map<string, SuggestionDoc>; stale: string[]; run: RunDoc }): Promise<void> {
  const writer = db().bulkWriter();
  for (const [id, doc] of out.forecasts) void writer.set(forecastsCol(shopId).doc(id), doc);
  for (const [id, doc] of out.suggestions) void writer.set(suggestionsCol(shopId).doc(id), doc);
  for (const id of out.stale) void writer.delete(suggestionsCol(shopId).doc(id));
  await writer.close();
  await runsCol(shopId).doc(runId).set(out.run);
}

/** A page of a shop's suggestions in product-id order, after `afterId`. */
/** Every current suggestion of a shop (purchasing drafts orders from them; malformed ones are logged and skipped). */
export async function allSuggestions(shopId: string): Promise<SuggestionDoc[]> {
  const snap = await suggestionsCol(shopId).limit(5000).get();
  return snap.docs.flatMap((d) => {
    const doc = parseStoredOrSkip(SuggestionDoc, d.data(), d.ref.path);
    return doc ? [doc] : [];
  });
}

export async function listSuggestions(shopId: string, limit: number, afterId: string | null): Promise<{ items: SuggestionDoc[]; lastId: string | null; more: boolean }> {
  let q = suggestionsCol(shopId).orderBy(FieldPath.documentId()).limit(limit + 1);
  if (afterId) q = q.startAfter(afterId);
  const snap = await q.get();
  const docs = snap.docs.slice(0, limit);
  const items = docs.flatMap((d) => {
    const doc = parseStoredOrSkip(SuggestionDoc, d.data(), d.ref.path);
    return doc ? [doc] : [];
  });
  return { items, lastId: docs.length ? docs[docs.length - 1].id : null, more: snap.size > limit };
}

/** A stored forecast (tests, the owner's view). */
export async function readForecast(shopId: string, productId: string): Promise<ForecastDoc | null> {
  const snap = await forecastsCol(shopId).doc(productId).get();
  return snap.exists ? parseStoredOrSkip(ForecastDoc, snap.data(), snap.ref.path) : null;
}
