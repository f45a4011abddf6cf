import { db } from "../platform/firebase";
import { parseSnapshot } from "../platform/firestore";
import { ShopRole } from "../identity/identity.schema";
import { ProductEditDoc, type EditOutcome } from "./product-edits.schema";
import { ProductDoc } from "./products.schema";
import { productRef, writeMutation } from "./products.repository";
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
  return db().runTransaction(
    async (tx) => {
      const edit = parseSnapshot(ProductEditDoc, await tx.get(editRef));
      if (!edit || edit.status !== "pending") return { outcome: "skipped", productId: edit?.product_id ?? null };
      const ref = productRef(shopId, edit.product_id);
      const [productSnap, memberSnap] = await tx.getAll(ref, memberRef(shopId, edit.created_by));
      const role = ShopRole.safeParse(memberSnap.get("role"));
      const decision = decide(edit, parseSnapshot(ProductDoc, productSnap), role.success ? role.data : null);
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

/** Reads an edit, or null. */
export async function getEdit(shopId: string, editId: string): Promise<ProductEditDoc | null> {
  return parseSnapshot(ProductEditDoc, await editsCol(shopId).doc(editId).get());
}
