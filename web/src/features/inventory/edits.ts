import { firebase, loadFirestore } from "../../lib/firebase";
import { newClientId } from "../../lib/ids";
import type { AdjustmentReason, ProductChanges } from "./types";

/**
 * Every change the console makes goes through the offline edit path: a new
 * shops/{shopId}/product_edits/{id} document, queued by the Firestore cache while offline and
 * applied by the `onProductEditCreated` trigger once it reaches the server. The returned
 * promise settles only when the server has it (never while offline), so callers don't await it
 * for the UI; they pass `onRejected` for a write the rules refuse.
 */
function appendEdit(shopId: string, data: Record<string, unknown>, onRejected: (message: string) => void): string {
  const { auth } = firebase();
  const id = newClientId("e-");
  // In the order made, once Auth has confirmed the sign-in and the SDK has loaded (both may
  // still be on their way when the first rows are on screen).
  Promise.all([auth.authStateReady(), loadFirestore()])
    .then(([, { db, sdk }]) => {
      const uid = auth.currentUser?.uid;
      if (!uid) throw new Error("Please sign in again.");
      return sdk.setDoc(sdk.doc(db, "shops", shopId, "product_edits", id), { ...data, status: "pending", created_by: uid, created_at: sdk.serverTimestamp() });
    })
    .catch((e: Error) => onRejected(e.message.includes("permission") ? "The server refused this change (not allowed for your role)." : e.message));
  return id;
}

/** Proposes field changes on the version the user saw; conflicts come back on the edit. */
export function proposeChanges(
  shopId: string,
  productId: string,
  baseVersion: number,
  changes: ProductChanges,
  base: Record<string, unknown>,
  onRejected: (message: string) => void,
): string {
  return appendEdit(shopId, { product_id: productId, kind: "fields", base_version: baseVersion, changes, base }, onRejected);
}

/** A relative stock change ("sold 1"): never conflicts; rejected only below zero. */
export function adjustStock(shopId: string, productId: string, delta: number, reason: AdjustmentReason, onRejected: (message: string) => void): string {
  return appendEdit(shopId, { product_id: productId, kind: "adjustment", delta, reason }, onRejected);
}

/** Drops a conflicted edit ("keep theirs", or after resolving it with a new edit). */
export function discardEdit(shopId: string, editId: string, onRejected: (message: string) => void): void {
  loadFirestore()
    .then(({ db, sdk }) => sdk.updateDoc(sdk.doc(db, "shops", shopId, "product_edits", editId), { status: "discarded", discarded_at: sdk.serverTimestamp() }))
    .catch((e: Error) => onRejected(e.message));
}
