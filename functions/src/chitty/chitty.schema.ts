import { DocId, IsoTimestamp, z } from "../platform/schema";

/**
 * Chitty contracts. Under an order's document (see `orderDocPath` in chitty.repository.ts):
 *   {order}/chitties/{chittyId}              one per uploaded object; id = hash of its bytes
 *   {order}/chitty_suggestions/{chittyId}_{NNN}  one per line that may be an item
 * and per shop: shops/{shopId}/chitty_aliases/{aliasId}  line text the shop taught → product.
 */

/** Largest quantity a suggestion may carry or a correction may set. */
export const MAX_SUGGESTION_QUANTITY = 1000;

/** A quantity in catalog units: > 0, ≤ 1000, at most two decimals (fractions for loose goods). */
export const SuggestionQuantity = z
  .number()
  .gt(0, "must be > 0")
  .max(MAX_SUGGESTION_QUANTITY, `must be at most ${MAX_SUGGESTION_QUANTITY}`)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "must have at most 2 decimals");

export const ChittyStatus = z.enum(["processing", "processed", "failed"]);
export type ChittyStatus = z.infer<typeof ChittyStatus>;

/** Stored {order}/chitties/{chittyId}. */
export const ChittyDoc = z.object({
  shop_id: z.string(),
  order_id: z.string(),
  status: ChittyStatus,
  source: z.enum(["image", "text"]),
  /** sha256 of the uploaded bytes (or of the typed text). */
  content_hash: z.string(),
  storage_path: z.string().nullable(),
  ocr_engine: z.string().nullable(),
  total_lines: z.number().int().min(0),
  items_found: z.number().int().min(0),
  failure_reason: z.string().nullable(),
  /** The `chitty_processed` notification's text for the shop. */
  message: z.string(),
  lease_until: z.date().nullable(),
  created_at: z.date(),
  processed_at: z.date().nullable(),
});
export type ChittyDoc = z.infer<typeof ChittyDoc>;

export const SuggestionStatus = z.enum(["suggested", "unmatched", "accepting", "accepted", "rejected", "corrected"]);
export type SuggestionStatus = z.infer<typeof SuggestionStatus>;

export const SuggestionCandidate = z.object({
  product_id: z.string(),
  sku: z.string(),
  product_name: z.string(),
  quantity: z.number(),
  score: z.number(),
});
export type SuggestionCandidate = z.infer<typeof SuggestionCandidate>;

/** Stored {order}/chitty_suggestions/{id}. */
export const SuggestionDoc = z.object({
  shop_id: z.string(),
  order_id: z.string(),
  chitty_id: z.string(),
  line_no: z.number().int().min(1),
  raw_text: z.string(),
  name_text: z.string().nullable(),
  product_id: z.string().nullable(),
  sku: z.string().nullable(),
  product_name: z.string().nullable(),
  quantity: z.number().nullable(),
  /** The pack the quantity counts ("5 kg"), from the product. */
  unit: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(SuggestionCandidate),
  status: SuggestionStatus,
  /** What went into the order (accepted or corrected). */
  final_product_id: z.string().nullable(),
  final_quantity: z.number().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.date().nullable(),
  created_at: z.date(),
});
export type SuggestionDoc = z.infer<typeof SuggestionDoc>;

/** Stored shops/{shopId}/chitty_aliases/{aliasId}: a correction the shop made, reused on later chitties. */
export const AliasDoc = z.object({
  text: z.string(),
  product_id: z.string(),
  created_by: z.string(),
  updated_at: z.date(),
  uses: z.number().int().min(1),
});
export type AliasDoc = z.infer<typeof AliasDoc>;

/** Body of "correct": the product and quantity the line really meant. */
export const CorrectSuggestionBody = z.object({ product_id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, "not a product id"), quantity: SuggestionQuantity }).strict();
export type CorrectSuggestionBody = z.infer<typeof CorrectSuggestionBody>;

// ---------- HTTP contracts (chitty.routes.ts) ----------

export const ChittyOrderParams = z.object({ id: DocId }).strict();
export const SuggestionParams = z.object({ id: DocId, sid: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "not a suggestion id") }).strict();

/** One chitty as the API shows it. */
export const ChittyView = z
  .object({
    id: z.string(),
    order_id: z.string(),
    status: ChittyStatus,
    source: z.enum(["image", "text"]),
    total_lines: z.number().int(),
    items_found: z.number().int(),
    message: z.string(),
    failure_reason: z.string().nullable(),
    ocr_engine: z.string().nullable(),
    duplicate: z.boolean().openapi({ description: "True when these same bytes were already read for this order (nothing changed)" }),
    created_at: IsoTimestamp,
    processed_at: IsoTimestamp.nullable(),
  })
  .openapi("Chitty");
export type ChittyView = z.infer<typeof ChittyView>;

/** One suggestion as the API shows it: the seed's fields (product, confidence) plus quantity, unit, alternatives and status. */
export const SuggestionView = z
  .object({
    id: z.string(),
    order_id: z.string(),
    chitty_id: z.string(),
    line_no: z.number().int(),
    raw_text: z.string(),
    product_id: z.string().nullable(),
    product_name: z.string().nullable(),
    sku: z.string().nullable(),
    quantity: z.number().nullable(),
    unit: z.string().nullable(),
    confidence: z.number(),
    alternatives: z.array(SuggestionCandidate),
    status: SuggestionStatus,
    final_product_id: z.string().nullable(),
    final_quantity: z.number().nullable(),
    decided_by: z.string().nullable(),
    decided_at: IsoTimestamp.nullable(),
    created_at: IsoTimestamp,
  })
  .openapi("ChittySuggestion");
export type SuggestionView = z.infer<typeof SuggestionView>;

export const SuggestionList = z.object({ items: z.array(SuggestionView) }).openapi("ChittySuggestionList");
