import { z } from "../platform/schema";

/**
 * The stored product shape, shared by every domain that touches products (inventory API,
 * offline edits, CSV import, KPI triggers). Path: shops/{shopId}/products/{productId}, where
 * productId = productIdForSku(sku), so SKU uniqueness within a shop is enforced by the
 * document id itself (a create of an existing SKU fails atomically, in the API and the rules).
 */

/** SKUs: 1–64 characters, letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const Sku = z
  .string()
  .trim()
  .min(1, "sku is required")
  .max(64, "sku must be at most 64 characters")
  .regex(SKU_PATTERN, "sku may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit");

/** SKUs are unique case-insensitively: "atta-5kg" and "ATTA-5KG" are the same product. */
export function productIdForSku(sku: string): string {
  return sku.trim().toUpperCase();
}

/** Integer paise; the API speaks rupees with at most two decimals. */
export const Paise = z.number().int().min(0).max(1_000_000_000_00);

/** Rupees as the API accepts them: a number ≥ 0 with at most two decimals. */
export const Rupees = z
  .number()
  .min(0, "must be ≥ 0")
  .max(1_000_000_000, "must be at most ₹1,000,000,000")
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "must have at most 2 decimals (paise)");

/** ₹12.50 → 1250 paise (exact for inputs accepted by `Rupees`). */
export function rupeesToPaise(rupees: number): number {
  return Math.round(rupees * 100);
}

/** 1250 paise → 12.5 rupees. */
export function paiseToRupees(paise: number): number {
  return paise / 100;
}

/** Why a quantity changed; every change leaves a stock movement with one of these. */
export const StockReason = z.enum(["sale", "receipt", "count", "damage", "return", "create", "edit", "import", "delete"]);
export type StockReason = z.infer<typeof StockReason>;

/** Lower-cased prefixes of every word of a name (and of the SKU), for "starts with" search. */
export function searchTokens(name: string, sku: string): string[] {
  const tokens = new Set<string>();
  const words = `${name} ${sku}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const word of words) {
    for (let i = 1; i <= Math.min(word.length, 20); i++) tokens.add(word.slice(0, i));
  }
  return [...tokens].sort();
}

/** Stored `shops/{shopId}/products/{productId}`. */
export const ProductDoc = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  quantity: z.number().int().min(0),
  unit_price_paise: Paise,
  low_stock_threshold: z.number().int().min(0),
  mrp_paise: Paise.nullable(),
  unit: z.string().nullable(),
  barcode: z.string().nullable(),
  /** Derived from name and sku by `searchTokens`; kept in step by every writer. */
  search_tokens: z.array(z.string()),
  version: z.number().int().min(1),
  created_at: z.date(),
  updated_at: z.date(),
  updated_by: z.string(),
});
export type ProductDoc = z.infer<typeof ProductDoc>;

/** Default low-stock threshold when none is given. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** Stored `shops/{shopId}/stock_movements/{movementId}`: the shop's stock ledger. */
export const StockMovementDoc = z.object({
  product_id: z.string(),
  sku: z.string(),
  delta: z.number().int(),
  reason: StockReason,
  quantity_after: z.number().int().min(0),
  actor_id: z.string(),
  /** Which path made the change: the API, an offline edit, a CSV import, or the seed. */
  source: z.enum(["api", "edit", "import", "seed"]),
  /** The edit id, import id, or request that caused it. */
  ref: z.string().nullable(),
  at: z.date(),
});
export type StockMovementDoc = z.infer<typeof StockMovementDoc>;
