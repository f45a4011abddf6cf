import { createHash } from "node:crypto";
import { AppError } from "../platform/errors";
import { now } from "../platform/clock";
import { chittyOcrEngine } from "../config";
import { ChittyFailure } from "../chitty/chitty.failure";
import { normaliseImage } from "../chitty/chitty.image";
import { boxesToRows, getOcrEngine, type OcrEngine } from "../chitty/chitty.ocr";
import { paiseToRupees, productIdForSku } from "../inventory/products.schema";
import { getSupplierItems } from "./suppliers.repository";
import { getInvoice, mutateInvoice, storeInvoiceOnce } from "./invoice.repository";
import { parseInvoiceRows, textLinesToRows, type InvoiceLine } from "./invoice.parse";
import { compareInvoice } from "./invoice.match";
import type { AcceptInvoiceLineBody, InvoiceDoc, InvoiceLineDoc, InvoiceResponse } from "./invoice.schema";
import { purchaseOrderOf, receiveGoods } from "./purchase-orders.handlers";
import { logInvoiceRead } from "./purchasing.logs";

/**
 * Goods receipt from the distributor's bill: the photo is normalised and read by the chitty
 * domain's OCR engine (PaddleOCR locally, Cloud Vision deployed), the rows are parsed into item
 * lines by position, matched against the open order and the supplier's items, and stored with
 * their differences for the owner to accept or reject line by line. Accepting books a receipt
 * whose id is derived from the bill and the line, so a retried accept books nothing twice.
 */

/** Renders a stored reading. */
export function toInvoiceResponse(id: string, doc: InvoiceDoc, duplicate: boolean): InvoiceResponse {
  return {
    id,
    po_id: doc.po_id,
    ocr_engine: doc.ocr_engine,
    rows_read: doc.rows_read,
    lines: doc.lines.map((l) => ({ ...l, decided_at: l.decided_at?.toISOString() ?? null, rate: paiseToRupees(l.rate_paise), amount: paiseToRupees(l.amount_paise) })),
    missing: doc.missing,
    created_at: doc.created_at.toISOString(),
    duplicate,
  };
}

/** The item lines OCR finds on a bill photo (positions when the engine gives them). */
export async function readInvoiceImage(bytes: Buffer, engine: OcrEngine): Promise<{ lines: InvoiceLine[]; rows: number; ocrMs: number }> {
  let image;
  try {
    image = await normaliseImage(bytes);
  } catch (err) {
    if (err instanceof ChittyFailure) throw new AppError("UNPROCESSABLE", err.message, { reason: err.reason });
    throw err;
  }
  const t = performance.now();
  const rows = engine.readBoxes ? boxesToRows(await engine.readBoxes(image.bytes)) : textLinesToRows(await engine.readLines(image.bytes));
  const ocrMs = Math.round(performance.now() - t);
  return { lines: parseInvoiceRows(rows), rows: rows.length, ocrMs };
}

/** Reads a bill for an order (sent or partly received) and stores the comparison; the same photo again answers the stored one. */
export async function readBill(shopId: string, poId: string, actorId: string, bytes: Buffer): Promise<InvoiceResponse> {
  const po = await purchaseOrderOf(shopId, poId);
  if (po.status !== "sent" && po.status !== "partly_received") throw new AppError("CONFLICT", `Purchase order ${poId} is ${po.status}: bills are read for sent orders`);
  const invoiceId = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
  const existing = await getInvoice(shopId, poId, invoiceId);
  if (existing) return toInvoiceResponse(invoiceId, existing, true);
  const engine = await getOcrEngine(chittyOcrEngine());
  const read = await readInvoiceImage(bytes, engine);
  if (!read.lines.length) throw new AppError("UNPROCESSABLE", "No item lines (item, quantity, rate, amount) could be read on the bill; take the photo again, flat and well lit", { rows_read: read.rows });
  const comparison = compareInvoice(read.lines, po.lines, await getSupplierItems(po.supplier_id));
  const doc: InvoiceDoc = {
    po_id: poId,
    shop_id: shopId,
    ocr_engine: engine.name,
    rows_read: read.rows,
    lines: comparison.lines.map((l) => ({ ...l, decision: "pending", receipt_id: null, decided_by: null, decided_at: null })),
    missing: comparison.missing,
    created_by: actorId,
    created_at: now(),
  };
  const stored = await storeInvoiceOnce(shopId, poId, invoiceId, doc);
  logInvoiceRead({ shopId, poId, invoiceId, engine: engine.name, lines: doc.lines.length, matched: doc.lines.filter((l) => l.match).length, ocrMs: read.ocrMs });
  return toInvoiceResponse(invoiceId, stored.doc, stored.duplicate);
}

/** A stored reading, or 404. */
export async function readStoredBill(shopId: string, poId: string, invoiceId: string): Promise<InvoiceResponse> {
  const doc = await getInvoice(shopId, poId, invoiceId);
  if (!doc) throw new AppError("NOT_FOUND", `Bill ${invoiceId} not found on purchase order ${poId}`);
  return toInvoiceResponse(invoiceId, doc, false);
}

function lineOf(doc: InvoiceDoc | null, invoiceId: string, lineNo: number): InvoiceLineDoc {
  const line = doc?.lines.find((l) => l.line_no === lineNo);
  if (!line) throw new AppError("NOT_FOUND", `Bill ${invoiceId} has no line ${lineNo}`);
  return line;
}

/**
 * Accepts one bill line: books a receipt of its quantity at its rate (receipt id
 * `inv-{invoiceId}-{lineNo}`, so retries book once) and marks the line accepted. Unknown items
 * need the owner to name the product; over and extra quantities are accepted as billed.
 */
export async function acceptBillLine(shopId: string, poId: string, invoiceId: string, lineNo: number, actorId: string, body: AcceptInvoiceLineBody): Promise<InvoiceResponse> {
  const doc = await getInvoice(shopId, poId, invoiceId);
  const line = lineOf(doc, invoiceId, lineNo);
  if (line.decision === "rejected") throw new AppError("CONFLICT", `Line ${lineNo} was rejected; it cannot be accepted now`);
  const productId = body.product_id ? productIdForSku(body.product_id) : line.match?.product_id;
  if (!productId) throw new AppError("INVALID_DATA", `Line ${lineNo} ("${line.item_text}") matched no item: name the product with product_id`);
  const po = await purchaseOrderOf(shopId, poId);
  const poLine = po.lines.find((l) => l.product_id === productId && !l.added_on_receipt) ?? po.lines.find((l) => l.product_id === productId);
  const receiptId = `inv-${invoiceId}-${lineNo}`;
  await receiveGoods(shopId, poId, "owner", actorId, receiptId, {
    receipt_id: receiptId,
    lines: [{ ...(poLine ? { line_id: poLine.line_id } : { product_id: productId }), quantity: body.quantity ?? line.quantity, unit_cost: paiseToRupees(line.rate_paise) }],
    allow_over_receipt: true,
    update_buying_price: body.update_buying_price,
  });
  return markLine(shopId, poId, invoiceId, lineNo, actorId, "accepted", receiptId);
}

/** Rejects one bill line (nothing is booked); a line already accepted is a 409. */
export async function rejectBillLine(shopId: string, poId: string, invoiceId: string, lineNo: number, actorId: string): Promise<InvoiceResponse> {
  return markLine(shopId, poId, invoiceId, lineNo, actorId, "rejected", null);
}

async function markLine(shopId: string, poId: string, invoiceId: string, lineNo: number, actorId: string, decision: "accepted" | "rejected", receiptId: string | null): Promise<InvoiceResponse> {
  const at = now();
  const doc = await mutateInvoice(shopId, poId, invoiceId, (current) => {
    const line = lineOf(current, invoiceId, lineNo);
    if (line.decision === decision) return { result: current as InvoiceDoc };
    if (line.decision !== "pending") throw new AppError("CONFLICT", `Line ${lineNo} was already ${line.decision}`);
    const next: InvoiceDoc = { ...(current as InvoiceDoc), lines: (current as InvoiceDoc).lines.map((l) => (l.line_no === lineNo ? { ...l, decision, receipt_id: receiptId, decided_by: actorId, decided_at: at } : l)) };
    return { doc: next, result: next };
  });
  return toInvoiceResponse(invoiceId, doc, false);
}
