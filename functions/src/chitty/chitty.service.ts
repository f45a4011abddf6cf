import { AppError } from "../platform/errors";
import type { ChittyReading, LineReading } from "./chitty.pipeline";
import type { ChittyDoc, ChittyView, SuggestionCandidate, SuggestionDoc, SuggestionView } from "./chitty.schema";
import { MAX_SUGGESTION_QUANTITY } from "./chitty.schema";

/**
 * Plain rules of the chitty domain: what a reading becomes as stored suggestions, the
 * notification text, and which decisions a suggestion allows.
 */

function candidate(c: { productId: string; sku: string; name: string; quantity: number; score: number }): SuggestionCandidate {
  return { product_id: c.productId, sku: c.sku, product_name: c.name, quantity: Math.min(c.quantity, MAX_SUGGESTION_QUANTITY), score: c.score };
}

/** The stored suggestions of a reading: one per line that may be an item (ignored lines leave none). */
export function suggestionsFromReading(
  reading: ChittyReading,
  ids: { shopId: string; orderId: string; chittyId: string },
  unitOf: (productId: string) => string | null,
  at: Date,
): Array<{ lineNo: number; doc: SuggestionDoc }> {
  return reading.lines
    .filter((l: LineReading) => l.status !== "ignored")
    .map((l) => {
      const best = l.best ? candidate(l.best) : null;
      const doc: SuggestionDoc = {
        shop_id: ids.shopId,
        order_id: ids.orderId,
        chitty_id: ids.chittyId,
        line_no: l.line_no,
        raw_text: l.raw_text,
        name_text: l.name_text,
        product_id: best?.product_id ?? null,
        sku: best?.sku ?? null,
        product_name: best?.product_name ?? null,
        quantity: best?.quantity ?? null,
        unit: best ? unitOf(best.product_id) : null,
        confidence: l.confidence,
        alternatives: l.alternatives.map(candidate),
        status: best ? "suggested" : "unmatched",
        final_product_id: null,
        final_quantity: null,
        decided_by: null,
        decided_at: null,
        created_at: at,
      };
      return { lineNo: l.line_no, doc };
    });
}

/** The shop's `chitty_processed` message. */
export function processedMessage(itemsFound: number, totalLines: number): string {
  if (itemsFound === 0) return `Read ${totalLines} line${totalLines === 1 ? "" : "s"}; no item matched the catalog — please check the photo`;
  return `Found ${itemsFound} item${itemsFound === 1 ? "" : "s"} in ${totalLines} line${totalLines === 1 ? "" : "s"}; please confirm them`;
}

export type Decision = { action: "accept" } | { action: "reject" } | { action: "correct"; productId: string; quantity: number };

/** What a decision puts into the order (null for a rejection), checked against the suggestion's state. */
export function planDecision(doc: SuggestionDoc, decision: Decision): { productId: string; quantity: number } | null {
  const final = ["accepted", "rejected", "corrected"].includes(doc.status);
  if (decision.action === "reject") {
    if (doc.status === "rejected") return null;
    if (final || doc.status === "accepting") throw new AppError("CONFLICT", `This suggestion was already ${doc.status}`, { status: doc.status });
    return null;
  }
  if (decision.action === "accept") {
    if (!doc.product_id || doc.quantity === null) throw new AppError("CONFLICT", "This line matched no product: correct it with the product it means", { status: doc.status });
    if (final && doc.status !== "accepted") throw new AppError("CONFLICT", `This suggestion was already ${doc.status}`, { status: doc.status });
    return { productId: doc.product_id, quantity: doc.quantity };
  }
  if (final && !(doc.status === "corrected" && doc.final_product_id === decision.productId && doc.final_quantity === decision.quantity)) {
    throw new AppError("CONFLICT", `This suggestion was already ${doc.status}`, { status: doc.status });
  }
  return { productId: decision.productId, quantity: decision.quantity };
}

/** A stored chitty as the API shows it. */
export function toChittyView(id: string, doc: ChittyDoc, duplicate: boolean): ChittyView {
  return {
    id,
    order_id: doc.order_id,
    status: doc.status,
    source: doc.source,
    total_lines: doc.total_lines,
    items_found: doc.items_found,
    message: doc.message,
    failure_reason: doc.failure_reason,
    ocr_engine: doc.ocr_engine,
    duplicate,
    created_at: doc.created_at.toISOString(),
    processed_at: doc.processed_at?.toISOString() ?? null,
  };
}

/** A stored suggestion as the API shows it. */
export function toSuggestionView(id: string, doc: SuggestionDoc): SuggestionView {
  return {
    id,
    order_id: doc.order_id,
    chitty_id: doc.chitty_id,
    line_no: doc.line_no,
    raw_text: doc.raw_text,
    product_id: doc.product_id,
    product_name: doc.product_name,
    sku: doc.sku,
    quantity: doc.quantity,
    unit: doc.unit,
    confidence: doc.confidence,
    alternatives: doc.alternatives,
    status: doc.status,
    final_product_id: doc.final_product_id,
    final_quantity: doc.final_quantity,
    decided_by: doc.decided_by,
    decided_at: doc.decided_at?.toISOString() ?? null,
    created_at: doc.created_at.toISOString(),
  };
}
