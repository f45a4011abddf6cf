import type { Transaction } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { parseSnapshot, parseStoredOrSkip, runTransaction } from "../platform/firestore";
import { SUPPLIER_BOUNDS, SupplierDoc, SupplierItemDoc } from "./suppliers.schema";

/** Firestore paths of suppliers (every one of them lives here). */
export const suppliersCol = () => db().collection("suppliers");
export const supplierRef = (supplierId: string) => suppliersCol().doc(supplierId);
export const supplierItemsCol = (supplierId: string) => supplierRef(supplierId).collection("items");
export const supplierItemRef = (supplierId: string, productId: string) => supplierItemsCol(supplierId).doc(productId);

/** A fresh random supplier id. */
export function newSupplierId(): string {
  return suppliersCol().doc().id;
}

/** One supplier, or null. */
export async function getSupplier(supplierId: string): Promise<SupplierDoc | null> {
  return parseSnapshot(SupplierDoc, await supplierRef(supplierId).get());
}

/** A supplier's items keyed by product id (malformed ones are logged and skipped). */
export async function getSupplierItems(supplierId: string): Promise<Map<string, SupplierItemDoc>> {
  const snap = await supplierItemsCol(supplierId).limit(SUPPLIER_BOUNDS.maxItems + 1).get();
  const items = new Map<string, SupplierItemDoc>();
  for (const d of snap.docs) {
    const doc = parseStoredOrSkip(SupplierItemDoc, d.data(), d.ref.path);
    if (doc) items.set(d.id, doc);
  }
  return items;
}

/** The suppliers of one chain (owner), by name; malformed ones are logged and skipped. */
export async function listSuppliers(ownerUid: string): Promise<Array<{ id: string; doc: SupplierDoc }>> {
  const snap = await suppliersCol().where("owner_uid", "==", ownerUid).limit(SUPPLIER_BOUNDS.maxSuppliersListed).get();
  return snap.docs
    .flatMap((d) => {
      const doc = parseStoredOrSkip(SupplierDoc, d.data(), d.ref.path);
      return doc ? [{ id: d.id, doc }] : [];
    })
    .sort((a, b) => a.doc.name.localeCompare(b.doc.name) || a.id.localeCompare(b.id));
}

/** What a supplier decision wants written: the supplier (or "delete") and, optionally, its whole item list. */
export interface SupplierMutation<T> {
  supplier?: SupplierDoc | "delete";
  items?: Map<string, SupplierItemDoc>;
  result: T;
}

/**
 * Reads a supplier and its items in a transaction, lets `decide` choose, and writes atomically:
 * the supplier, and the item list replaced as a whole (items not in the new list are deleted).
 * The version check inside `decide` therefore always sees the latest version.
 */
export async function mutateSupplier<T>(supplierId: string, decide: (current: SupplierDoc | null, items: Map<string, SupplierItemDoc>) => SupplierMutation<T>): Promise<T> {
  const ref = supplierRef(supplierId);
  return runTransaction(db(), async (tx) => {
    const snap = await tx.get(ref);
    const itemsSnap = await tx.get(supplierItemsCol(supplierId).limit(SUPPLIER_BOUNDS.maxItems + 1));
    const items = new Map<string, SupplierItemDoc>();
    for (const d of itemsSnap.docs) {
      const doc = parseStoredOrSkip(SupplierItemDoc, d.data(), d.ref.path);
      if (doc) items.set(d.id, doc);
    }
    const mutation = decide(parseSnapshot(SupplierDoc, snap), items);
    if (mutation.supplier === "delete") {
      tx.delete(ref);
      for (const d of itemsSnap.docs) tx.delete(d.ref);
    } else if (mutation.supplier) {
      tx.set(ref, mutation.supplier);
    }
    if (mutation.items && mutation.supplier !== "delete") replaceItems(tx, supplierId, itemsSnap.docs.map((d) => d.id), mutation.items);
    return mutation.result;
  });
}

function replaceItems(tx: Transaction, supplierId: string, existingIds: string[], next: Map<string, SupplierItemDoc>): void {
  for (const id of existingIds) if (!next.has(id)) tx.delete(supplierItemRef(supplierId, id));
  for (const [id, doc] of next) tx.set(supplierItemRef(supplierId, id), doc);
}

/** Sets buying prices of some supplier items inside another domain's transaction (receipts). */
export function writeBuyingPrices(tx: Transaction, supplierId: string, prices: Array<{ productId: string; item: SupplierItemDoc }>): void {
  for (const p of prices) tx.set(supplierItemRef(supplierId, p.productId), p.item);
}
