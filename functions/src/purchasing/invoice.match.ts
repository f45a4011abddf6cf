import { indexCatalog, productWords, type CatalogProduct } from "../chitty/chitty.catalog";
import { calibratedConfidence, MATCH_CONFIDENCE, rankProducts } from "../chitty/chitty.match";
import { productIdForSku } from "../inventory/products.schema";
import type { InvoiceLine } from "./invoice.parse";
import type { PoLineDoc } from "./purchase-orders.schema";
import type { SupplierItemDoc } from "./suppliers.schema";

/**
 * Matching a bill's lines to the open order's lines and the supplier's items, with the chitty
 * matcher's catalog index and fuzzy ranking (phonetic keys, OCR-aware edit distance, IDF), and
 * the differences the owner decides on line by line: short, over, extra (not ordered), price
 * changed, unknown item; ordered lines the bill does not mention are listed as missing.
 */

export type Difference = "short" | "over" | "extra" | "price_changed" | "unknown_item";

export interface MatchedInvoiceLine extends InvoiceLine {
  match: { kind: "po_line" | "supplier_item"; line_id: string | null; product_id: string; sku: string; name: string; confidence: number } | null;
  expected_qty: number | null;
  expected_rate_paise: number | null;
  differences: Difference[];
}

export interface InvoiceComparison {
  lines: MatchedInvoiceLine[];
  /** Ordered lines with something outstanding that no bill line matched. */
  missing: Array<{ line_id: string; product_id: string; sku: string; name: string; outstanding_qty: number }>;
}

/** Compares a bill with an order and its supplier's items. */
export function compareInvoice(invoice: InvoiceLine[], poLines: PoLineDoc[], supplierItems: Map<string, SupplierItemDoc>): InvoiceComparison {
  const candidates: Array<CatalogProduct & { id: string }> = [];
  const byProduct = new Map<string, { kind: "po_line" | "supplier_item"; line: PoLineDoc | null; item: SupplierItemDoc | null; sku: string; name: string }>();
  for (const l of poLines) {
    byProduct.set(l.product_id, { kind: "po_line", line: l, item: supplierItems.get(l.product_id) ?? null, sku: l.sku, name: l.name });
    candidates.push({ id: l.product_id, sku: l.sku, name: l.name });
  }
  for (const [productId, item] of supplierItems) {
    if (byProduct.has(productId)) continue;
    byProduct.set(productId, { kind: "supplier_item", line: null, item, sku: item.sku, name: item.name });
    candidates.push({ id: productId, sku: item.sku, name: item.name });
  }
  const index = indexCatalog(candidates);
  const seenLines = new Set<string>();
  const lines: MatchedInvoiceLine[] = invoice.map((inv) => {
    const skuHit = inv.item_text.split(/\s+/).map((w) => productIdForSku(w.replace(/[()[\],]/g, ""))).find((w) => byProduct.has(w));
    let productId: string | null = skuHit ?? null;
    let confidence = skuHit ? 1 : 0;
    if (!productId) {
      const ranked = rankProducts(productWords(inv.item_text), index);
      if (ranked.length) {
        confidence = calibratedConfidence(ranked[0].score, ranked[0].score - (ranked[1]?.score ?? 0));
        if (confidence >= MATCH_CONFIDENCE) productId = ranked[0].product.product.id ?? null;
      }
    }
    const target = productId ? byProduct.get(productId) : undefined;
    if (!productId || !target) return { ...inv, match: null, expected_qty: null, expected_rate_paise: null, differences: ["unknown_item"] };
    const differences: Difference[] = [];
    let expectedQty: number | null = null;
    let expectedRate: number | null = null;
    if (target.line) {
      seenLines.add(target.line.line_id);
      expectedQty = Math.max(0, target.line.ordered_qty - target.line.received_qty);
      expectedRate = target.line.unit_cost_paise;
      if (inv.quantity < expectedQty) differences.push("short");
      if (inv.quantity > expectedQty) differences.push("over");
    } else {
      differences.push("extra");
      expectedRate = target.item?.buying_price_paise ?? null;
    }
    if (expectedRate !== null && expectedRate !== inv.rate_paise) differences.push("price_changed");
    return {
      ...inv,
      match: { kind: target.kind, line_id: target.line?.line_id ?? null, product_id: productId, sku: target.sku, name: target.name, confidence: Math.round(confidence * 1000) / 1000 },
      expected_qty: expectedQty,
      expected_rate_paise: expectedRate,
      differences,
    };
  });
  const missing = poLines
    .filter((l) => !l.added_on_receipt && !seenLines.has(l.line_id) && l.ordered_qty > l.received_qty)
    .map((l) => ({ line_id: l.line_id, product_id: l.product_id, sku: l.sku, name: l.name, outstanding_qty: l.ordered_qty - l.received_qty }));
  return { lines, missing };
}
