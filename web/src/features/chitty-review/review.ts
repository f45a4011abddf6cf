/**
 * The chitty review's pure model: suggestions as stored under an order
 * (`orders/{id}/chitty_suggestions/{chittyId}_{line}`), what the shop may still decide, and how
 * a line reads beside the photo.
 */

export type SuggestionStatus = "suggested" | "unmatched" | "accepting" | "accepted" | "rejected" | "corrected";

export interface Alternative {
  product_id: string;
  sku: string;
  product_name: string;
  quantity: number;
  score: number;
}

export interface Suggestion {
  id: string;
  chitty_id: string;
  line_no: number;
  raw_text: string;
  product_id: string | null;
  sku: string | null;
  product_name: string | null;
  quantity: number | null;
  unit: string | null;
  confidence: number;
  alternatives: Alternative[];
  status: SuggestionStatus;
  final_product_id: string | null;
  final_quantity: number | null;
}

export interface Chitty {
  id: string;
  status: "processing" | "processed" | "failed";
  source: "image" | "text";
  storage_path: string | null;
  total_lines: number;
  items_found: number;
  message: string;
  failure_reason: string | null;
}

/** What the shop can still do with a suggestion. */
export interface SuggestionChoices {
  accept: boolean;
  reject: boolean;
  correct: boolean;
}

/**
 * Undecided suggestions can be rejected or corrected; only a matched one with a whole quantity
 * can be accepted as it is (orders take whole units; a fractional reading must be corrected).
 */
export function choicesFor(s: Suggestion): SuggestionChoices {
  const open = s.status === "suggested" || s.status === "unmatched";
  const wholeQuantity = s.quantity !== null && Number.isInteger(s.quantity) && s.quantity >= 1;
  return { accept: open && s.status === "suggested" && s.product_id !== null && wholeQuantity, reject: open, correct: open };
}

/** Suggestions in the order of the photo's lines (chitty, then line number). */
export function sortByLine(list: Suggestion[]): Suggestion[] {
  return [...list].sort((a, b) => (a.chitty_id === b.chitty_id ? a.line_no - b.line_no : a.chitty_id < b.chitty_id ? -1 : 1));
}

/** 0.8234 → "82%". */
export function formatConfidence(c: number): string {
  return `${Math.round(Math.max(0, Math.min(1, c)) * 100)}%`;
}

/** The confidence as a colour band: high (≥ 0.75), medium (≥ 0.5), low. */
export function confidenceBand(c: number): "high" | "medium" | "low" {
  return c >= 0.75 ? "high" : c >= 0.5 ? "medium" : "low";
}

/** A quantity with its pack ("2 × 1 kg"), or "—". */
export function formatQuantity(quantity: number | null, unit: string | null): string {
  if (quantity === null) return "—";
  return unit ? `${quantity} × ${unit}` : String(quantity);
}

/** What the review says where the photo would be: the API keeps no copy of an uploaded photo. */
export function photoNote(c: Chitty): string {
  if (c.source === "text") return "A typed list (no photo): the lines below are what the customer typed.";
  return "The customer's photo, and below it the lines as read.";
}

/** Whether a suggestion is still waiting for the shop. */
export function isOpen(s: Suggestion): boolean {
  return s.status === "suggested" || s.status === "unmatched";
}
