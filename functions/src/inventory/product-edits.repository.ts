import { db } from "../platform/firebase";
import { parseSnapshot, runTransaction, timestampsToDates } from "../platform/firestore";
import { ShopRole } from "../identity/identity.schema";
import { ProductEditDoc, type EditOutcome } from "./product-edits.schema";
import type { ProductDoc } from "./products.schema";
import { productFromSnapshot, productRef, writeMutation } from "./products.repository";
import type { EditDecision } from "./product-edits.service";

/** Firestore paths of offline edits. */
export const editsCol = (shopId: string) => db().collection("shops").doc(shopId).collection("product_edits");
const memberRef = (shopId: string, uid: string) => db().collection("shops").doc(shopId).collection("members").doc(uid);

/** What happened to an edit when the trigger ran. */
export type EditRun = { outcome: EditOutcome["status"] | "skipped"; productId: string | null; reason?: string };

/**
 * Applies a pending edit in one transaction: reads the edit, its product and its author's role,
 * lets `decide` choose, then writes the product, movement, audit and the edit's outcome
 * together. An edit that is no longer pending is left alone, so a redelivered event is a no-op.
 */
export async function applyPendingEdit(
  shopId: string,
  editId: string,
  movementId: string,
  decide: (edit: ProductEditDoc, product: ProductDoc | null, role: ShopRole | null) => EditDecision,
): Promise<EditRun> {
  const editRef = editsCol(shopId).doc(editId);
  return runTransaction(
    db(),
    async (tx) => {
      const snap = await tx.get(editRef);
      if (!snap.exists || snap.get("status") !== "pending") return { outcome: "skipped", productId: (snap.get("product_id") as string | undefined) ?? null };
      const parsed = ProductEditDoc.safeParse(timestampsToDates(snap.data()));
      if (!parsed.success) {
        // A malformed edit is a permanent failure: mark it, do not retry forever.
        const rejection = `malformed edit: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
        tx.update(editRef, { status: "rejected", rejection, resolved_at: new Date() });
        return { outcome: "rejected", productId: null, reason: rejection };
      }
      const edit = parsed.data;
      const ref = productRef(shopId, edit.product_id);
      const [productSnap, memberSnap] = await tx.getAll(ref, memberRef(shopId, edit.created_by));
      const role = ShopRole.safeParse(memberSnap.get("role"));
      const decision = decide(edit, productFromSnapshot(productSnap), role.success ? role.data : null);
      writeMutation(tx, shopId, ref, {
        product: decision.product,
        movement: decision.movement ? { id: movementId, doc: decision.movement } : null,
        audit: decision.audit,
      });
      tx.update(editRef, decision.outcome);
      const o = decision.outcome;
      return { outcome: o.status, productId: edit.product_id, reason: o.status === "rejected" ? o.rejection : undefined };
    },
    { maxAttempts: 30 },
  );
}

/** Marks a still-pending edit rejected with a reason, on its own (no product change). */
export async function rejectPendingEdit(shopId: string, editId: string, rejection: string, at: Date): Promise<EditRun> {
  const editRef = editsCol(shopId).doc(editId);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(editRef);
    const productId = typeof snap.get("product_id") === "string" ? (snap.get("product_id") as string) : null;
    if (!snap.exists || snap.get("status") !== "pending") return { outcome: "skipped", productId };
    tx.update(editRef, { status: "rejected", rejection: rejection.slice(0, 500), resolved_at: at });
    return { outcome: "rejected", productId, reason: rejection };
  });
}

/** Reads an edit, or null. */
export async function getEdit(shopId: string, editId: string): Promise<ProductEditDoc | null> {
  return parseSnapshot(ProductEditDoc, await editsCol(shopId).doc(editId).get());
}
