import { AppError } from "../platform/errors";
import type { ShopRole } from "../identity/identity.schema";
import type { EditOutcome, ProductEditDoc } from "./product-edits.schema";
import { EDITABLE_FIELDS, type AuditDoc, type ProductDoc, type StockMovementDoc } from "./products.schema";
import { applyProductChanges, applyStockAdjustment, movementFor, priceAuditFor, type ChangeContext } from "./products.service";

/** Everything applying one edit writes, decided from plain data. */
export interface EditDecision {
  outcome: EditOutcome;
  product?: ProductDoc;
  movement?: StockMovementDoc | null;
  audit?: AuditDoc | null;
}

/** Movement id of an edit: deterministic, so the ledger holds at most one per edit. */
export function editMovementId(editId: string): string {
  return `edit-${editId}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/**
 * The fields of a field edit that really clash with a newer product: those whose stored value
 * moved away from the value the client saw (`base`) to something other than the client's own
 * proposal. A field the client sent no base value for counts as changed (we cannot tell), so an
 * edit without `base` on an older version clashes as a whole, as before.
 */
export function clashingFields(edit: ProductEditDoc, product: ProductDoc): string[] {
  const changes = edit.changes ?? {};
  const base = edit.base;
  return EDITABLE_FIELDS.filter((f) => {
    if (changes[f] === undefined || sameValue(product[f], changes[f])) return false;
    if (!base || !Object.prototype.hasOwnProperty.call(base, f)) return true;
    return !sameValue(product[f], base[f]);
  });
}

/**
 * Decides what a pending edit does to the product: field changes apply on the current version
 * unless one of their fields changed since the client's base (see `clashingFields`; e.g. the
 * same person's own stock adjustment bumps the version but clashes with no renamed field); a
 * real clash becomes a conflict keeping base, theirs and mine. Stock
 * adjustments always apply unless they would take stock below zero (rejected with the reason).
 * `role` is the author's role in the shop now (null if they left it).
 */
export function decideEdit(editId: string, edit: ProductEditDoc, product: ProductDoc | null, role: ShopRole | null, at: Date): EditDecision {
  const reject = (rejection: string): EditDecision => ({ outcome: { status: "rejected", rejection, resolved_at: at } });
  if (!role) return reject("the author is no longer a member of this shop");
  if (!product) return reject(`product ${edit.product_id} does not exist`);
  const ctx: ChangeContext = { actorId: edit.created_by, at, source: "edit", ref: editId };

  if (edit.kind === "adjustment") {
    if (edit.delta === undefined || !edit.reason) return reject("an adjustment needs delta and reason");
    try {
      const next = applyStockAdjustment(product, edit.delta, ctx);
      return {
        outcome: { status: "applied", applied_version: next.version, resolved_at: at },
        product: next,
        movement: movementFor(edit.product_id, product.quantity, next, edit.reason, ctx),
      };
    } catch (err) {
      if (err instanceof AppError) return reject(err.message);
      throw err;
    }
  }

  const changes = edit.changes ?? {};
  if (edit.base_version === undefined) return reject("field changes need base_version");
  const fields = EDITABLE_FIELDS.filter((f) => changes[f] !== undefined);
  if (edit.base_version !== product.version && clashingFields(edit, product).length > 0) {
    return {
      outcome: {
        status: "conflict",
        resolved_at: at,
        conflict: {
          base: edit.base ?? null,
          theirs: Object.fromEntries(fields.map((f) => [f, product[f]])),
          mine: { ...changes },
          base_version: edit.base_version,
          current_version: product.version,
          current_updated_by: product.updated_by,
        },
      },
    };
  }
  if (role !== "owner" && changes.unit_price_paise !== undefined && changes.unit_price_paise !== product.unit_price_paise) {
    return reject("only the shop owner can change unit_price");
  }
  let applied;
  try {
    applied = applyProductChanges(product, changes, ctx);
  } catch (err) {
    // Out of bounds (PRODUCT_BOUNDS): a permanent refusal, recorded on the edit, never retried.
    if (err instanceof AppError) return reject(err.message);
    throw err;
  }
  const { changed, next } = applied;
  if (changed.length === 0) return { outcome: { status: "applied", applied_version: product.version, resolved_at: at } };
  return {
    outcome: { status: "applied", applied_version: next.version, resolved_at: at },
    product: next,
    movement: movementFor(edit.product_id, product.quantity, next, "edit", ctx),
    audit: priceAuditFor(edit.product_id, product, next, ctx),
  };
}
