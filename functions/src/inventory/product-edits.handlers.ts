import { msSince, now } from "../platform/clock";
import { isTransientError } from "../platform/triggers";
import { applyPendingEdit, rejectPendingEdit, type EditRun } from "./product-edits.repository";
import { decideEdit, editMovementId } from "./product-edits.service";
import { logProductEditHandled } from "./products.logs";

/** Input of the edit handler: which edit, and the event that announced it (for the logs). */
export interface ProductEditCreated {
  shopId: string;
  editId: string;
  eventId?: string | null;
}

/**
 * Applies one offline edit exactly once: the edit's `pending → applied | conflict | rejected`
 * move happens in the same transaction as the product change, so a redelivered event finds it
 * no longer pending and does nothing. Transient errors are rethrown for a retry.
 */
export async function handleProductEditCreated(input: ProductEditCreated): Promise<EditRun> {
  const start = process.hrtime.bigint();
  let run: EditRun;
  try {
    run = await applyPendingEdit(input.shopId, input.editId, editMovementId(input.editId), (edit, product, role) =>
      decideEdit(input.editId, edit, product, role, now()),
    );
  } catch (err) {
    if (isTransientError(err)) throw err;
    // An edit that cannot be applied (e.g. its outcome would exceed the document size limit)
    // never stays pending: it is rejected with the reason, and the client sees that.
    run = await rejectPendingEdit(input.shopId, input.editId, `could not apply this edit: ${err instanceof Error ? err.message : String(err)}`, now());
  }
  logProductEditHandled({
    eventId: input.eventId ?? null,
    path: `shops/${input.shopId}/product_edits/${input.editId}`,
    shopId: input.shopId,
    editId: input.editId,
    productId: run.productId,
    outcome: run.outcome,
    reason: run.reason,
    latencyMs: msSince(start),
  });
  return run;
}
