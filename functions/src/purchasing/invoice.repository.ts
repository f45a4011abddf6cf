import { db } from "../platform/firebase";
import { parseSnapshot, runTransaction } from "../platform/firestore";
import { purchaseOrderRef } from "./purchase-orders.repository";
import { InvoiceDoc } from "./invoice.schema";

/** Firestore paths of bills read for purchase orders. */
export const invoiceRef = (shopId: string, poId: string, invoiceId: string) => purchaseOrderRef(shopId, poId).collection("invoices").doc(invoiceId);

/** One bill reading, or null. */
export async function getInvoice(shopId: string, poId: string, invoiceId: string): Promise<InvoiceDoc | null> {
  return parseSnapshot(InvoiceDoc, await invoiceRef(shopId, poId, invoiceId).get());
}

/** Stores a reading unless the same bill (same id) was stored first; returns the stored one and whether it was already there. */
export async function storeInvoiceOnce(shopId: string, poId: string, invoiceId: string, doc: InvoiceDoc): Promise<{ doc: InvoiceDoc; duplicate: boolean }> {
  const ref = invoiceRef(shopId, poId, invoiceId);
  return runTransaction(db(), async (tx) => {
    const existing = parseSnapshot(InvoiceDoc, await tx.get(ref));
    if (existing) return { doc: existing, duplicate: true };
    tx.create(ref, doc);
    return { doc, duplicate: false };
  });
}

/** Reads a bill in a transaction, lets `decide` change it, and writes it back. */
export async function mutateInvoice<T>(shopId: string, poId: string, invoiceId: string, decide: (doc: InvoiceDoc | null) => { doc?: InvoiceDoc; result: T }): Promise<T> {
  const ref = invoiceRef(shopId, poId, invoiceId);
  return runTransaction(db(), async (tx) => {
    const out = decide(parseSnapshot(InvoiceDoc, await tx.get(ref)));
    if (out.doc) tx.set(ref, out.doc);
    return out.result;
  });
}
