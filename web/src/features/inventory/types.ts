/** A Firestore Timestamp, or the same instant read from the REST API (first-page.ts). */
export interface TimestampLike {
  toDate(): Date;
  toMillis(): number;
}

/** A stored product (shops/{shopId}/products/{id}); money in integer paise. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string;
  quantity: number;
  unit_price_paise: number;
  low_stock_threshold: number;
  mrp_paise: number | null;
  unit: string | null;
  barcode: string | null;
  search_tokens: string[];
  version: number;
  updated_at: TimestampLike | null;
  updated_by: string;
}

/** The fields an edit may change. */
export const EDITABLE_FIELDS = ["name", "category", "quantity", "unit_price_paise", "low_stock_threshold", "mrp_paise", "unit", "barcode"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ProductChanges = Partial<Pick<Product, EditableField>>;

export type AdjustmentReason = "sale" | "receipt" | "count" | "damage" | "return";
export type EditStatus = "pending" | "applied" | "conflict" | "rejected" | "discarded";

export interface EditConflict {
  base: Record<string, unknown> | null;
  theirs: Record<string, unknown>;
  mine: Record<string, unknown>;
  base_version: number;
  current_version: number;
  current_updated_by: string;
}

/** An offline edit (shops/{shopId}/product_edits/{id}) and whether it has reached the server. */
export interface ProductEdit {
  id: string;
  product_id: string;
  kind: "fields" | "adjustment";
  base_version?: number;
  changes?: ProductChanges;
  base?: Record<string, unknown>;
  delta?: number;
  reason?: AdjustmentReason;
  status: EditStatus;
  created_by: string;
  rejection?: string;
  conflict?: EditConflict;
  /** Still in this device's write queue (not yet acknowledged by the server). */
  unsynced: boolean;
}

/** Stock status as the backend defines it: low = 0 < quantity ≤ threshold; out = 0. */
export function stockStatus(p: Pick<Product, "quantity" | "low_stock_threshold">): "out" | "low" | "ok" {
  if (p.quantity === 0) return "out";
  return p.quantity <= p.low_stock_threshold ? "low" : "ok";
}
