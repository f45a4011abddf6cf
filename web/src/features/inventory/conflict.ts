import { formatPaise } from "../../lib/money";
import type { EditConflict, ProductChanges, EditableField } from "./types";

/** How each field is labelled and shown in the conflict view. */
const LABELS: Record<EditableField, string> = {
  name: "Name",
  category: "Category",
  quantity: "Quantity",
  unit_price_paise: "Price",
  low_stock_threshold: "Low-stock threshold",
  mrp_paise: "MRP",
  unit: "Unit",
  barcode: "Barcode",
};

/** A field's value as people read it ("₹52.50", "—" for none). */
export function displayValue(field: string, value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "none";
  if ((field === "unit_price_paise" || field === "mrp_paise") && typeof value === "number") return formatPaise(value);
  return String(value);
}

export interface ConflictRow {
  field: EditableField;
  label: string;
  base: string;
  theirs: string;
  mine: string;
  /** Someone else changed this field since the edit's base (theirs ≠ base). */
  changedByThem: boolean;
  /** Mine and theirs differ: the choice matters here. */
  differs: boolean;
}

export interface ConflictViewModel {
  rows: ConflictRow[];
  baseVersion: number;
  currentVersion: number;
}

/** Side-by-side rows (base / theirs / mine) for the fields the edit touched. */
export function conflictViewModel(conflict: EditConflict): ConflictViewModel {
  const fields = Object.keys(conflict.mine).filter((f): f is EditableField => f in LABELS);
  const rows = fields.map((field) => {
    const base = conflict.base ? conflict.base[field] : undefined;
    const theirs = conflict.theirs[field];
    const mine = conflict.mine[field];
    return {
      field,
      label: LABELS[field],
      base: displayValue(field, base),
      theirs: displayValue(field, theirs),
      mine: displayValue(field, mine),
      changedByThem: conflict.base !== null && base !== undefined && JSON.stringify(base) !== JSON.stringify(theirs),
      differs: JSON.stringify(mine) !== JSON.stringify(theirs),
    };
  });
  return { rows, baseVersion: conflict.base_version, currentVersion: conflict.current_version };
}

/** A new edit that resolves a conflict: given values on the current version, base = theirs. */
export interface Resolution {
  base_version: number;
  changes: ProductChanges;
  base: Record<string, unknown>;
}

/**
 * "Keep mine" (or "edit" with chosen values): propose `values` on the current version, leaving
 * out fields that already hold them and, for staff, the price (which staff cannot change).
 * Null when nothing is left to change (keeping mine equals theirs: just discard).
 */
export function resolveWith(conflict: EditConflict, values: Record<string, unknown>, canChangePrice: boolean): Resolution | null {
  const changes: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!(field in LABELS)) continue;
    if (!canChangePrice && field === "unit_price_paise") continue;
    if (JSON.stringify(conflict.theirs[field]) === JSON.stringify(value)) continue;
    changes[field] = value;
    base[field] = conflict.theirs[field] ?? null;
  }
  if (Object.keys(changes).length === 0) return null;
  return { base_version: conflict.current_version, changes: changes as ProductChanges, base };
}
