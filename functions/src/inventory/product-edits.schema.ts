import { z } from "../platform/schema";
import { AdjustmentReason, Paise } from "./products.schema";

/**
 * Offline edits: shops/{shopId}/product_edits/{editId}. A client (often offline) appends one
 * under an id it chooses, so a replay of the same write is harmless; the `onProductEditCreated`
 * trigger applies it exactly once and records the outcome on the edit, which the client watches.
 */

/** Field changes in stored form (paise), as a client proposes them. */
export const EditChanges = z
  .object({
    name: z.string().min(1).max(100),
    category: z.string().min(1).max(50),
    quantity: z.number().int().min(0),
    unit_price_paise: Paise,
    low_stock_threshold: z.number().int().min(0),
    mrp_paise: Paise.nullable(),
    unit: z.string().min(1).max(30).nullable(),
    barcode: z.string().min(1).max(64).nullable(),
  })
  .partial()
  .strict();
export type EditChanges = z.infer<typeof EditChanges>;

export const EditStatus = z.enum(["pending", "applied", "conflict", "rejected", "discarded"]);
export type EditStatus = z.infer<typeof EditStatus>;

/** What a conflicted edit keeps so the client can show both sides and resolve. */
export const EditConflict = z.object({
  /** The values the client saw when it edited (as it sent them in `base`), or null. */
  base: z.record(z.string(), z.unknown()).nullable(),
  /** The stored values of the same fields now. */
  theirs: z.record(z.string(), z.unknown()),
  /** The client's proposed values. */
  mine: z.record(z.string(), z.unknown()),
  base_version: z.number().int(),
  current_version: z.number().int(),
  current_updated_by: z.string(),
});
export type EditConflict = z.infer<typeof EditConflict>;

/** Stored `shops/{shopId}/product_edits/{editId}`. */
export const ProductEditDoc = z.object({
  product_id: z.string(),
  kind: z.enum(["fields", "adjustment"]),
  base_version: z.number().int().min(1).optional(),
  changes: EditChanges.optional(),
  base: z.record(z.string(), z.unknown()).optional(),
  delta: z.number().int().optional(),
  reason: AdjustmentReason.optional(),
  status: EditStatus,
  created_by: z.string(),
  created_at: z.date(),
  // Written by the trigger:
  resolved_at: z.date().optional(),
  applied_version: z.number().int().optional(),
  rejection: z.string().optional(),
  conflict: EditConflict.optional(),
  discarded_at: z.date().optional(),
});
export type ProductEditDoc = z.infer<typeof ProductEditDoc>;

/** The outcome the trigger writes onto an edit. */
export type EditOutcome =
  | { status: "applied"; applied_version: number; resolved_at: Date }
  | { status: "conflict"; conflict: EditConflict; resolved_at: Date }
  | { status: "rejected"; rejection: string; resolved_at: Date };
