import { createHash } from "node:crypto";
import type { DocumentReference, Transaction } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { timestampsToDates } from "../platform/firestore";
import { AppError } from "../platform/errors";
import type { CatalogProduct } from "./chitty.catalog";
import { productWords } from "./chitty.catalog";
import { phoneticKey } from "./chitty.text";
import { AliasDoc, ChittyDoc, SuggestionDoc } from "./chitty.schema";
import { logSuggestionSkipped } from "./chitty.logs";

/**
 * Every Firestore path and transaction of the chitty domain. Chitties and their suggestions
 * live under the order's document; `orderDocPath` is the one place that knows where orders are.
 */

/** The order's document path: orders live at `orders/{orderId}` (the orders domain's `orderRef`). */
export function orderDocPath(orderId: string): string {
  return `orders/${orderId}`;
}

const orderRef = (orderPath: string) => db().doc(orderPath);
const chittyRef = (orderPath: string, chittyId: string) => orderRef(orderPath).collection("chitties").doc(chittyId);
const suggestionsCol = (orderPath: string) => orderRef(orderPath).collection("chitty_suggestions");
const aliasesCol = (shopId: string) => db().collection("shops").doc(shopId).collection("chitty_aliases");
const productsCol = (shopId: string) => db().collection("shops").doc(shopId).collection("products");

/** How long one processing attempt owns a chitty before a retry may take it over. */
export const PROCESSING_LEASE_MS = 5 * 60 * 1000;

/** The chitty id of an upload: the hash of its bytes, so the same bytes are one chitty. */
export function chittyIdFor(contentHash: string): string {
  return `c_${contentHash.slice(0, 40)}`;
}

/** The suggestion id of a chitty's line. */
export function suggestionIdFor(chittyId: string, lineNo: number): string {
  return `${chittyId}_${String(lineNo).padStart(3, "0")}`;
}

/** The alias key of a line's name text: its product words' phonetic keys ("Aata!!" ≡ "atta"). */
export function aliasKeyFor(text: string): string {
  return productWords(text).map(phoneticKey).filter(Boolean).join(" ");
}

function aliasId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 40);
}

export type ClaimResult = { outcome: "claimed" } | { outcome: "done"; chitty: ChittyDoc } | { outcome: "busy" };

/**
 * Takes a chitty for processing: creates it as `processing` with a lease, or takes over an
 * expired lease; a chitty already processed or failed is returned as it is (idempotence).
 */
export async function claimChitty(orderPath: string, chittyId: string, init: Omit<ChittyDoc, "status" | "lease_until" | "processed_at" | "total_lines" | "items_found" | "failure_reason" | "message" | "ocr_engine">, at: Date): Promise<ClaimResult> {
  const ref = chittyRef(orderPath, chittyId);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (snap.exists) {
      const current = ChittyDoc.parse(timestampsToDates(snap.data()!));
      if (current.status !== "processing") return { outcome: "done", chitty: current };
      if (current.lease_until && current.lease_until.getTime() > at.getTime()) return { outcome: "busy" };
    }
    const doc: ChittyDoc = { ...init, status: "processing", lease_until: new Date(at.getTime() + PROCESSING_LEASE_MS), processed_at: null, total_lines: 0, items_found: 0, failure_reason: null, message: "Reading the list", ocr_engine: null };
    tx.set(ref, doc);
    return { outcome: "claimed" };
  });
}

/** The shop's catalog for matching: every product with the aliases the shop taught. */
export async function loadCatalog(shopId: string): Promise<CatalogProduct[]> {
  const [products, aliases] = await Promise.all([productsCol(shopId).select("sku", "name", "category", "unit").get(), aliasesCol(shopId).get()]);
  const byProduct = new Map<string, string[]>();
  for (const a of aliases.docs) {
    const parsed = AliasDoc.safeParse(timestampsToDates(a.data()));
    if (parsed.success) byProduct.set(parsed.data.product_id, [...(byProduct.get(parsed.data.product_id) ?? []), parsed.data.text]);
  }
  const out: CatalogProduct[] = [];
  for (const d of products.docs) {
    const { sku, name, category, unit } = d.data();
    if (typeof sku !== "string" || typeof name !== "string") continue; // a malformed product is skipped, not fatal
    out.push({ id: d.id, sku, name, category: typeof category === "string" ? category : null, unit: typeof unit === "string" ? unit : null, aliases: byProduct.get(d.id) ?? [] });
  }
  return out;
}

/** Stores a reading: the chitty becomes `processed` and its suggestions appear, atomically. */
/**
 * Keeps a small JPEG of the photo beside the chitty (`{order}/chitty_previews/{chittyId}`), so the
 * shop reviews the suggestions next to what the customer wrote. A separate document: listeners on
 * the chitties never download it. Written once (a re-upload of the same bytes has the same id).
 */
export async function savePreview(orderPath: string, chittyId: string, preview: { jpeg: Buffer; width: number; height: number }, at: Date): Promise<void> {
  await orderRef(orderPath).collection("chitty_previews").doc(chittyId).set({ content_type: "image/jpeg", bytes: preview.jpeg, width: preview.width, height: preview.height, created_at: at });
}

export async function saveReading(orderPath: string, chittyId: string, result: Pick<ChittyDoc, "total_lines" | "items_found" | "message" | "ocr_engine">, suggestions: Array<{ id: string; doc: SuggestionDoc }>, at: Date): Promise<boolean> {
  const ref = chittyRef(orderPath, chittyId);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists || snap.data()!.status !== "processing") return false; // someone else finished it
    for (const s of suggestions) tx.set(suggestionsCol(orderPath).doc(s.id), s.doc);
    tx.update(ref, { ...result, status: "processed", lease_until: null, processed_at: at });
    return true;
  });
}

/** Marks a chitty failed with the reason (bad input: never retried). */
export async function failChitty(orderPath: string, chittyId: string, reason: string, message: string, at: Date): Promise<void> {
  await chittyRef(orderPath, chittyId).update({ status: "failed", failure_reason: reason, message, lease_until: null, processed_at: at });
}

/** Reads a chitty. */
export async function getChitty(orderPath: string, chittyId: string): Promise<ChittyDoc | null> {
  const snap = await chittyRef(orderPath, chittyId).get();
  return snap.exists ? ChittyDoc.parse(timestampsToDates(snap.data()!)) : null;
}

/** The order's suggestions, highest confidence first; a malformed document is skipped and logged. */
export async function listSuggestions(orderPath: string): Promise<Array<{ id: string; doc: SuggestionDoc }>> {
  const snap = await suggestionsCol(orderPath).limit(1000).get();
  const out: Array<{ id: string; doc: SuggestionDoc }> = [];
  for (const d of snap.docs) {
    const parsed = SuggestionDoc.safeParse(timestampsToDates(d.data()));
    if (parsed.success) out.push({ id: d.id, doc: parsed.data });
    else logSuggestionSkipped({ path: d.ref.path, issues: parsed.error.issues.length });
  }
  return out.sort((a, b) => b.doc.confidence - a.doc.confidence || a.id.localeCompare(b.id));
}

/** Reads one suggestion or throws NOT_FOUND. */
export async function getSuggestion(orderPath: string, suggestionId: string, tx?: Transaction): Promise<{ ref: DocumentReference; doc: SuggestionDoc }> {
  const ref = suggestionsCol(orderPath).doc(suggestionId);
  const snap = tx ? await tx.get(ref) : await ref.get();
  if (!snap.exists) throw new AppError("NOT_FOUND", "No such suggestion on this order");
  return { ref, doc: SuggestionDoc.parse(timestampsToDates(snap.data()!)) };
}

/**
 * Moves a suggestion from one status to another in a transaction; `decide` sees the current
 * document and returns the fields to write, or null to leave it (already decided the same way).
 */
export async function updateSuggestion(orderPath: string, suggestionId: string, decide: (doc: SuggestionDoc) => Partial<SuggestionDoc> | null): Promise<SuggestionDoc> {
  return db().runTransaction(async (tx) => {
    const { ref, doc } = await getSuggestion(orderPath, suggestionId, tx);
    const change = decide(doc);
    if (!change) return doc;
    tx.update(ref, change);
    return { ...doc, ...change };
  });
}

/** Whether a product exists in the shop, with its name and unit. */
export async function getProductSummary(shopId: string, productId: string): Promise<{ name: string; sku: string; unit: string | null } | null> {
  const snap = await productsCol(shopId).doc(productId).get();
  if (!snap.exists) return null;
  const d = snap.data()!;
  return { name: String(d.name), sku: String(d.sku), unit: typeof d.unit === "string" ? d.unit : null };
}

/** Teaches the shop's reader: this line text means this product (the latest correction wins). */
export async function upsertAlias(shopId: string, text: string, productId: string, actorId: string, at: Date): Promise<string | null> {
  const key = aliasKeyFor(text);
  if (!key) return null;
  const ref = aliasesCol(shopId).doc(aliasId(key));
  await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const uses = snap.exists && snap.data()!.product_id === productId ? Number(snap.data()!.uses ?? 0) + 1 : 1;
    const doc: AliasDoc = { text: text.slice(0, 200), product_id: productId, created_by: actorId, updated_at: at, uses };
    tx.set(ref, doc);
  });
  return ref.id;
}

/** The aliases of a shop (for tests and the console). */
export async function listAliases(shopId: string): Promise<AliasDoc[]> {
  const snap = await aliasesCol(shopId).get();
  return snap.docs.map((d) => AliasDoc.parse(timestampsToDates(d.data())));
}
