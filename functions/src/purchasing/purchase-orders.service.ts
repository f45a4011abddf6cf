import { AppError } from "../platform/errors";
import { now } from "../platform/clock";
import { paiseToRupees, productIdForSku, rupeesToPaise, type ProductDoc } from "../inventory/products.schema";
import { applyStockAdjustment, movementFor, type ChangeContext } from "../inventory/products.service";
import type { SupplierDoc, SupplierItemDoc } from "./suppliers.schema";
import {
  PO_BOUNDS,
  PO_TRANSITIONS,
  type CreatePoBody,
  type PoLineDoc,
  type PoStatus,
  type PurchaseOrderDoc,
  type PurchaseOrderResponse,
  type ReceiptDoc,
  type ReceiveBody,
  type UpdatePoBody,
} from "./purchase-orders.schema";
import type { SuggestionDoc } from "../replenishment/replenishment.schema";
import type { ReceiptStockChange } from "./purchase-orders.repository";

/**
 * The rules of purchase orders as plain functions (no Firestore, no HTTP): building drafts,
 * the status machine, and receipts that book stock through the inventory's own ledger rules.
 */

/** Renders a stored purchase order for the API (money in rupees and paise, dates as ISO strings). */
export function toPurchaseOrderResponse(id: string, doc: PurchaseOrderDoc): PurchaseOrderResponse {
  return {
    id,
    shop_id: doc.shop_id,
    supplier_id: doc.supplier_id,
    supplier_name: doc.supplier_name,
    status: doc.status,
    lines: doc.lines.map((l) => ({
      line_id: l.line_id,
      product_id: l.product_id,
      sku: l.sku,
      name: l.name,
      ordered_qty: l.ordered_qty,
      received_qty: l.received_qty,
      outstanding_qty: Math.max(0, l.ordered_qty - l.received_qty),
      pack_size: l.pack_size,
      packs: Math.round((l.ordered_qty / l.pack_size) * 100) / 100,
      unit_cost: paiseToRupees(l.unit_cost_paise),
      unit_cost_paise: l.unit_cost_paise,
      line_total: paiseToRupees(l.unit_cost_paise * l.ordered_qty),
      added_on_receipt: l.added_on_receipt,
    })),
    total: paiseToRupees(doc.total_paise),
    total_paise: doc.total_paise,
    below_minimum_order: doc.total_paise < doc.supplier_min_order_paise,
    notes: doc.notes,
    source: doc.source,
    receipts: doc.receipts.map((r) => ({ receipt_id: r.receipt_id, at: r.at.toISOString(), by: r.by, lines: r.lines.map((l) => ({ line_id: l.line_id, product_id: l.product_id, quantity: l.quantity, unit_cost_paise: l.unit_cost_paise })) })),
    history: doc.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString(),
    sent_at: doc.sent_at?.toISOString() ?? null,
    received_at: doc.received_at?.toISOString() ?? null,
    version: doc.version,
  };
}

/** Σ ordered × cost, refused past the order ceiling so no sum nears 2^53. */
export function orderTotal(lines: PoLineDoc[]): number {
  const total = lines.reduce((sum, l) => sum + l.unit_cost_paise * l.ordered_qty, 0);
  if (total > PO_BOUNDS.maxTotalPaise) throw new AppError("UNPROCESSABLE", `A purchase order may total at most ₹${paiseToRupees(PO_BOUNDS.maxTotalPaise).toLocaleString("en-IN")}`, { total_paise: total });
  return total;
}

/** Order lines from requested products: names from the shop's products, prices from the body or the supplier. */
export function linesFromInput(input: CreatePoBody["lines"], products: Map<string, ProductDoc | null>, items: Map<string, SupplierItemDoc | null>): PoLineDoc[] {
  const unknown = input.filter((l) => !products.get(productIdForSku(l.product_id))).map((l) => l.product_id);
  if (unknown.length) throw new AppError("UNPROCESSABLE", `Not sold in this shop: ${unknown.join(", ")}`, { unknown_products: unknown });
  const unpriced = input.filter((l) => l.unit_cost === undefined && !items.get(productIdForSku(l.product_id))).map((l) => l.product_id);
  if (unpriced.length) throw new AppError("UNPROCESSABLE", `No buying price for ${unpriced.join(", ")}: give unit_cost or add the item to the supplier`, { unpriced_products: unpriced });
  return input.map((l, i) => {
    const productId = productIdForSku(l.product_id);
    const product = products.get(productId) as ProductDoc;
    const item = items.get(productId) ?? null;
    return {
      line_id: `L${i + 1}`,
      product_id: productId,
      sku: product.sku,
      name: product.name,
      ordered_qty: l.quantity,
      received_qty: 0,
      unit_cost_paise: l.unit_cost !== undefined ? rupeesToPaise(l.unit_cost) : (item as SupplierItemDoc).buying_price_paise,
      pack_size: item?.pack_size ?? 1,
      added_on_receipt: false,
    };
  });
}

/** A new draft at version 1. */
export function newDraft(args: { shopId: string; supplierId: string; supplier: SupplierDoc; lines: PoLineDoc[]; notes: string | null; source: "manual" | "suggestions"; actorId: string; at: Date }): PurchaseOrderDoc {
  return {
    shop_id: args.shopId,
    owner_uid: args.supplier.owner_uid,
    supplier_id: args.supplierId,
    supplier_name: args.supplier.name,
    supplier_phone: args.supplier.phone,
    supplier_min_order_paise: args.supplier.min_order_paise,
    status: "draft",
    lines: args.lines,
    total_paise: orderTotal(args.lines),
    notes: args.notes,
    source: args.source,
    receipts: [],
    history: [{ from: null, to: "draft", by: args.actorId, at: args.at }],
    created_by: args.actorId,
    created_at: args.at,
    updated_at: args.at,
    sent_at: null,
    received_at: null,
    version: 1,
  };
}

/** Groups a shop's suggestions by supplier; those without one (or with nothing to order) are skipped with a reason. */
export function groupSuggestions(suggestions: SuggestionDoc[]): { bySupplier: Map<string, SuggestionDoc[]>; skipped: Array<{ product_id: string; name: string; reason: string }> } {
  const bySupplier = new Map<string, SuggestionDoc[]>();
  const skipped: Array<{ product_id: string; name: string; reason: string }> = [];
  for (const s of [...suggestions].sort((a, b) => a.product_id.localeCompare(b.product_id))) {
    if (!s.supplier_id) skipped.push({ product_id: s.product_id, name: s.name, reason: "no supplier" });
    else if (s.order_quantity <= 0) skipped.push({ product_id: s.product_id, name: s.name, reason: "nothing to order" });
    else bySupplier.set(s.supplier_id, [...(bySupplier.get(s.supplier_id) ?? []), s]);
  }
  return { bySupplier, skipped };
}

/** Draft lines from one supplier's suggestions, priced from the supplier's items where it lists them. */
export function linesFromSuggestions(suggestions: SuggestionDoc[], items: Map<string, SupplierItemDoc>): PoLineDoc[] {
  return suggestions.slice(0, PO_BOUNDS.maxLines).map((s, i) => {
    const productId = productIdForSku(s.product_id);
    const item = items.get(productId);
    return {
      line_id: `L${i + 1}`,
      product_id: productId,
      sku: s.sku,
      name: s.name,
      ordered_qty: Math.min(s.order_quantity, PO_BOUNDS.maxLineQuantity), // a line's bound, whatever the job suggested
      received_qty: 0,
      unit_cost_paise: item?.buying_price_paise ?? s.unit_cost_paise ?? 0,
      pack_size: item?.pack_size ?? s.pack_size,
      added_on_receipt: false,
    };
  });
}

/** Refuses a status change the machine does not allow (409, in the orders' wording). */
export function assertTransition(from: PoStatus, to: PoStatus): void {
  if (!PO_TRANSITIONS[from].includes(to)) throw new AppError("CONFLICT", `Invalid status transition from '${from}' to '${to}'.`, { from, to });
}

function assertVersion(poId: string, po: PurchaseOrderDoc, expected: number | undefined): void {
  if (expected !== undefined && po.version !== expected) {
    throw new AppError("CONFLICT", `Purchase order ${poId} was changed by someone else (now version ${po.version})`, { current_version: po.version });
  }
}

/** The order after a person's transition (send, cancel, close). */
export function transition(poId: string, po: PurchaseOrderDoc, to: "sent" | "cancelled" | "closed", by: { actorId: string; at: Date }, version?: number): PurchaseOrderDoc {
  assertVersion(poId, po, version);
  assertTransition(po.status, to);
  if (to === "cancelled" && po.receipts.length) throw new AppError("CONFLICT", "Goods were already received on this order: close it instead of cancelling");
  return {
    ...po,
    status: to,
    ...(to === "sent" ? { sent_at: by.at } : {}),
    history: [...po.history, { from: po.status, to, by: by.actorId, at: by.at }],
    updated_at: by.at,
    version: po.version + 1,
  };
}

/** A draft with changed lines or notes (version-checked; drafts only). */
export function editDraft(poId: string, po: PurchaseOrderDoc, body: UpdatePoBody, lines: PoLineDoc[] | null, at: Date): PurchaseOrderDoc {
  assertVersion(poId, po, body.version);
  if (po.status !== "draft") throw new AppError("CONFLICT", `Purchase order ${poId} is ${po.status}: only drafts can be edited`);
  const nextLines = lines ?? po.lines;
  return { ...po, lines: nextLines, total_paise: orderTotal(nextLines), ...(body.notes !== undefined ? { notes: body.notes } : {}), updated_at: at, version: po.version + 1 };
}

/** The ledger id of a receipt's stock on one line: a retry of the receipt finds it already written. */
export function receiptMovementId(poId: string, receiptId: string, lineId: string): string {
  return `receipt-${poId}-${receiptId}-${lineId}`;
}

/** The ledger `ref` of a receipt movement: the purchase order line it books. */
export function receiptRef(poId: string, lineId: string): string {
  return `po/${poId}/line/${lineId}`;
}

function sameReceipt(stored: ReceiptDoc, body: ReceiveBody, po: PurchaseOrderDoc): boolean {
  if (stored.lines.length !== body.lines.length) return false;
  return body.lines.every((l, i) => {
    const s = stored.lines[i];
    const lineId = l.line_id ?? po.lines.find((pl) => pl.product_id === productIdForSku(l.product_id ?? ""))?.line_id;
    return s.line_id === lineId && s.quantity === l.quantity && (l.unit_cost === undefined || s.unit_cost_paise === rupeesToPaise(l.unit_cost));
  });
}

/** The product ids a receipt touches (lines named by id resolve through the order). */
export function receiptProductIds(po: PurchaseOrderDoc | null, body: ReceiveBody): string[] {
  return body.lines.map((l) => (l.product_id ? productIdForSku(l.product_id) : po?.lines.find((pl) => pl.line_id === l.line_id)?.product_id)).filter((id): id is string => Boolean(id));
}

/** What booking a receipt decides: the next order, the stock changes, any new buying prices. */
export interface ReceiptDecision {
  po: PurchaseOrderDoc;
  stock: ReceiptStockChange[];
  buyingPrices: Array<{ productId: string; item: SupplierItemDoc }>;
  replayed: boolean;
}

/**
 * Books a receipt: each line adds stock through the inventory's `applyStockAdjustment` and
 * `movementFor` (reason "receipt", ref = the order line, a movement id derived from the receipt),
 * so the ledger holds it like every other change. A receipt id already booked on the order is a
 * replay: nothing is written again (a different body under the same id is a 409). Quantities
 * past what is outstanding need `allow_over_receipt`; products not on the order become lines
 * "added on receipt" (ordered 0), which count as over-receipt.
 */
export function bookReceipt(args: {
  poId: string;
  po: PurchaseOrderDoc | null;
  receiptId: string;
  body: ReceiveBody;
  products: Map<string, ProductDoc | null>;
  items: Map<string, SupplierItemDoc | null>;
  ctx: ChangeContext;
}): ReceiptDecision {
  const { poId, po, receiptId, body, products, items, ctx } = args;
  if (!po) throw new AppError("NOT_FOUND", `Purchase order ${poId} not found`);
  const stored = po.receipts.find((r) => r.receipt_id === receiptId);
  if (stored) {
    if (!sameReceipt(stored, body, po)) throw new AppError("CONFLICT", `Receipt ${receiptId} was already booked with different lines`, { receipt_id: receiptId });
    return { po, stock: [], buyingPrices: [], replayed: true };
  }
  if (po.status !== "sent" && po.status !== "partly_received") {
    throw new AppError("CONFLICT", `Invalid status transition from '${po.status}' to 'received'.`, { from: po.status, to: "received" });
  }
  if (po.receipts.length >= PO_BOUNDS.maxReceipts) throw new AppError("UNPROCESSABLE", `An order takes at most ${PO_BOUNDS.maxReceipts} receipts`);
  const lines = po.lines.map((l) => ({ ...l }));
  const seen = new Set<string>();
  const over: Array<{ line_id: string; sku: string; outstanding: number; quantity: number }> = [];
  const stock: ReceiptStockChange[] = [];
  const buyingPrices: ReceiptDecision["buyingPrices"] = [];
  const receiptLines: ReceiptDoc["lines"] = [];
  for (const input of body.lines) {
    let line = input.line_id ? lines.find((l) => l.line_id === input.line_id) : lines.find((l) => l.product_id === productIdForSku(input.product_id as string));
    if (!line && input.line_id) throw new AppError("UNPROCESSABLE", `Order ${poId} has no line ${input.line_id}`, { line_id: input.line_id });
    const productId = line?.product_id ?? productIdForSku(input.product_id as string);
    const product = products.get(productId);
    if (!product) throw new AppError("UNPROCESSABLE", `${line?.name ?? productId} is not sold in this shop (any more): add the product first`, { product_id: productId });
    if (!line) {
      if (lines.length >= PO_BOUNDS.maxLines) throw new AppError("UNPROCESSABLE", `An order has at most ${PO_BOUNDS.maxLines} lines`);
      const item = items.get(productId) ?? null;
      line = { line_id: `X${lines.length + 1}`, product_id: productId, sku: product.sku, name: product.name, ordered_qty: 0, received_qty: 0, unit_cost_paise: item?.buying_price_paise ?? 0, pack_size: item?.pack_size ?? 1, added_on_receipt: true };
      lines.push(line);
    }
    if (seen.has(line.line_id)) throw new AppError("INVALID_DATA", `Line ${line.line_id} appears twice in one receipt`);
    seen.add(line.line_id);
    const outstanding = Math.max(0, line.ordered_qty - line.received_qty);
    if (input.quantity > outstanding) over.push({ line_id: line.line_id, sku: line.sku, outstanding, quantity: input.quantity });
    if (line.received_qty + input.quantity > PO_BOUNDS.maxLineQuantity * 2) throw new AppError("UNPROCESSABLE", `Line ${line.line_id} would receive more than ${PO_BOUNDS.maxLineQuantity * 2} units`);
    const cost = input.unit_cost !== undefined ? rupeesToPaise(input.unit_cost) : line.unit_cost_paise;
    const next = applyStockAdjustment(product, input.quantity, ctx);
    const movement = movementFor(productId, product.quantity, next, "receipt", { ...ctx, ref: receiptRef(poId, line.line_id) });
    if (movement) stock.push({ productId, product: next, movement: { id: receiptMovementId(poId, receiptId, line.line_id), doc: movement } });
    products.set(productId, next);
    receiptLines.push({ line_id: line.line_id, product_id: productId, quantity: input.quantity, unit_cost_paise: cost, previous_cost_paise: line.unit_cost_paise });
    line.received_qty += input.quantity;
    if (body.update_buying_price) {
      const item = items.get(productId) ?? null;
      if (!item || item.buying_price_paise !== cost) {
        buyingPrices.push({ productId, item: { sku: item?.sku ?? product.sku, name: item?.name ?? product.name, pack_size: item?.pack_size ?? line.pack_size, buying_price_paise: cost, updated_at: ctx.at } });
      }
      line.unit_cost_paise = cost;
    }
  }
  if (over.length && !body.allow_over_receipt) {
    throw new AppError("UNPROCESSABLE", `More than was ordered: ${over.map((o) => `${o.sku} (${o.quantity} received, ${o.outstanding} outstanding)`).join(", ")}; send allow_over_receipt to accept it`, { over_received: over });
  }
  const complete = lines.filter((l) => !l.added_on_receipt).every((l) => l.received_qty >= l.ordered_qty);
  const status: PoStatus = complete ? "received" : "partly_received";
  const history = status !== po.status ? [...po.history, { from: po.status, to: status, by: ctx.actorId, at: ctx.at }] : po.history;
  const next: PurchaseOrderDoc = {
    ...po,
    status,
    lines,
    total_paise: orderTotal(lines),
    receipts: [...po.receipts, { receipt_id: receiptId, at: ctx.at, by: ctx.actorId, lines: receiptLines, updated_buying_price: body.update_buying_price }],
    history,
    received_at: complete ? ctx.at : po.received_at,
    updated_at: ctx.at,
    version: po.version + 1,
  };
  return { po: next, stock, buyingPrices, replayed: false };
}

/** Now, for callers that stamp times. */
export function stamp(actorId: string): { actorId: string; at: Date } {
  return { actorId, at: now() };
}
