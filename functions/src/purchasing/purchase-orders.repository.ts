import { createHash } from "node:crypto";
import { db } from "../platform/firebase";
import { parseSnapshot, parseStoredOrSkip, runTransaction } from "../platform/firestore";
import type { ProductDoc, StockMovementDoc } from "../inventory/products.schema";
import { oneAtATime, productFromSnapshot, productRef, writeMutation } from "../inventory/products.repository";
import { supplierItemRef, writeBuyingPrices } from "./suppliers.repository";
import { SupplierItemDoc } from "./suppliers.schema";
import { PurchaseOrderDoc } from "./purchase-orders.schema";

/** Firestore paths of purchase orders (every one of them lives here). */
export const purchaseOrdersCol = (shopId: string) => db().collection("shops").doc(shopId).collection("purchase_orders");
export const purchaseOrderRef = (shopId: string, poId: string) => purchaseOrdersCol(shopId).doc(poId);

/** Orders of one shop's stock wait behind each other; give the transaction room to retry. */
const TX_MAX_ATTEMPTS = 30;
/** Most orders a list returns (newest first). */
export const MAX_LISTED_ORDERS = 200;

/** A fresh random purchase order id. */
export function newPurchaseOrderId(): string {
  return purchaseOrdersCol("_").doc().id;
}

/** The id of the draft a supplier's suggestions of some runs become: the same suggestions always make the same id. */
export function suggestionDraftId(shopId: string, supplierId: string, runIds: string[]): string {
  const digest = createHash("sha256").update(JSON.stringify([shopId, supplierId, [...new Set(runIds)].sort()])).digest("hex");
  return `sug-${digest.slice(0, 24)}`;
}

/** One purchase order, or null. */
export async function getPurchaseOrder(shopId: string, poId: string): Promise<PurchaseOrderDoc | null> {
  return parseSnapshot(PurchaseOrderDoc, await purchaseOrderRef(shopId, poId).get());
}

/** A shop's purchase orders, newest first, optionally of one status or supplier (one bad document is skipped). */
export async function listPurchaseOrders(shopId: string, filter: { status?: string; supplierId?: string }): Promise<Array<{ id: string; doc: PurchaseOrderDoc }>> {
  let query: FirebaseFirestore.Query = purchaseOrdersCol(shopId);
  if (filter.status) query = query.where("status", "==", filter.status);
  if (filter.supplierId) query = query.where("supplier_id", "==", filter.supplierId);
  const snap = await query.limit(MAX_LISTED_ORDERS).get();
  return snap.docs
    .flatMap((d) => {
      const doc = parseStoredOrSkip(PurchaseOrderDoc, d.data(), d.ref.path);
      return doc ? [{ id: d.id, doc }] : [];
    })
    .sort((a, b) => b.doc.created_at.getTime() - a.doc.created_at.getTime() || a.id.localeCompare(b.id));
}

/** Every purchase order of a supplier across the chain's shops (collection group on `supplier_id`). */
export async function listSupplierPurchaseOrders(supplierId: string, limit = 1000): Promise<Array<{ id: string; doc: PurchaseOrderDoc }>> {
  const snap = await db().collectionGroup("purchase_orders").where("supplier_id", "==", supplierId).limit(limit).get();
  return snap.docs.flatMap((d) => {
    const doc = parseStoredOrSkip(PurchaseOrderDoc, d.data(), d.ref.path);
    return doc ? [{ id: d.id, doc }] : [];
  });
}

/**
 * Units on order and not yet received, per product, over the shop's purchase orders that are
 * sent or partly received: what the replenishment job counts as "on order".
 */
export async function openOrderQuantities(shopId: string): Promise<Map<string, number>> {
  const snap = await purchaseOrdersCol(shopId).where("status", "in", ["sent", "partly_received"]).get();
  const open = new Map<string, number>();
  for (const d of snap.docs) {
    const doc = parseStoredOrSkip(PurchaseOrderDoc, d.data(), d.ref.path);
    if (!doc) continue;
    for (const line of doc.lines) {
      const outstanding = Math.max(0, line.ordered_qty - line.received_qty);
      if (outstanding > 0) open.set(line.product_id, (open.get(line.product_id) ?? 0) + outstanding);
    }
  }
  return open;
}

/**
 * Creates the drafts that do not exist yet, in one transaction: of two concurrent taps one
 * creates them and the other finds them. Returns which were created and which already existed.
 */
export async function createDraftsOnce(shopId: string, drafts: Array<{ id: string; doc: PurchaseOrderDoc }>): Promise<{ created: Array<{ id: string; doc: PurchaseOrderDoc }>; existing: Array<{ id: string; doc: PurchaseOrderDoc }> }> {
  if (!drafts.length) return { created: [], existing: [] };
  return runTransaction(db(), async (tx) => {
    const snaps = await tx.getAll(...drafts.map((d) => purchaseOrderRef(shopId, d.id)));
    const created: Array<{ id: string; doc: PurchaseOrderDoc }> = [];
    const existing: Array<{ id: string; doc: PurchaseOrderDoc }> = [];
    drafts.forEach((d, i) => {
      const found = parseSnapshot(PurchaseOrderDoc, snaps[i]);
      if (found) existing.push({ id: d.id, doc: found });
      else {
        tx.create(purchaseOrderRef(shopId, d.id), d.doc);
        created.push(d);
      }
    });
    return { created, existing };
  });
}

/** One product's stock change: the next product and its ledger movement (the inventory's shapes). */
export interface ReceiptStockChange {
  productId: string;
  product: ProductDoc;
  movement: { id: string; doc: StockMovementDoc };
}

/** What a decision inside a purchase order transaction wants written. */
export interface PoMutation<T> {
  po?: PurchaseOrderDoc;
  stock?: ReceiptStockChange[];
  buyingPrices?: Array<{ productId: string; item: SupplierItemDoc }>;
  result: T;
}

/**
 * Reads a purchase order (null when new), the shop's products and the supplier's items named by
 * `productIds(po)` in one transaction, lets `decide` (pure rules) choose, and writes the order,
 * the stock changes with their ledger movements (the inventory's own writer) and any new buying
 * prices atomically. A concurrent writer reruns the whole decision on fresh data.
 */
export async function mutatePurchaseOrder<T>(
  shopId: string,
  poId: string,
  productIds: (po: PurchaseOrderDoc | null) => string[],
  decide: (po: PurchaseOrderDoc | null, products: Map<string, ProductDoc | null>, items: Map<string, SupplierItemDoc | null>) => PoMutation<T>,
  supplierIdHint?: string,
): Promise<T> {
  const ref = purchaseOrderRef(shopId, poId);
  return oneAtATime(`purchasing:shop:${shopId}`, () =>
    runTransaction(
      db(),
      async (tx) => {
        const po = parseSnapshot(PurchaseOrderDoc, await tx.get(ref));
        const ids = [...new Set(productIds(po))];
        const supplierId = po?.supplier_id ?? supplierIdHint;
        const refs = [...ids.map((id) => productRef(shopId, id)), ...(supplierId ? ids.map((id) => supplierItemRef(supplierId, id)) : [])];
        const snaps = refs.length ? await tx.getAll(...refs) : [];
        const products = new Map<string, ProductDoc | null>();
        const items = new Map<string, SupplierItemDoc | null>();
        ids.forEach((id, i) => {
          products.set(id, productFromSnapshot(snaps[i]));
          if (supplierId) items.set(id, parseSnapshot(SupplierItemDoc, snaps[ids.length + i]));
        });
        const mutation = decide(po, products, items);
        if (mutation.po) tx.set(ref, mutation.po);
        for (const c of mutation.stock ?? []) writeMutation(tx, shopId, productRef(shopId, c.productId), { product: c.product, movement: c.movement });
        if (mutation.buyingPrices?.length && supplierId) writeBuyingPrices(tx, supplierId, mutation.buyingPrices);
        return mutation.result;
      },
      { maxAttempts: TX_MAX_ATTEMPTS },
    ),
  );
}
