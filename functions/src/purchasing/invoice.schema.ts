import { z, IsoTimestamp } from "../platform/schema";
import { DocId } from "../platform/schema";
import { Sku } from "../inventory/products.schema";

/** Stored `shops/{shopId}/purchase_orders/{poId}/invoices/{invoiceId}`: a bill read for an order, its lines and decisions. */
const Match = z.object({ kind: z.enum(["po_line", "supplier_item"]), line_id: z.string().nullable(), product_id: z.string(), sku: z.string(), name: z.string(), confidence: z.number() }).nullable();
export const InvoiceLineDoc = z.object({
  line_no: z.number().int(),
  raw_text: z.string(),
  item_text: z.string(),
  quantity: z.number().int(),
  rate_paise: z.number().int(),
  amount_paise: z.number().int(),
  arithmetic_ok: z.boolean(),
  match: Match,
  expected_qty: z.number().int().nullable(),
  expected_rate_paise: z.number().int().nullable(),
  differences: z.array(z.enum(["short", "over", "extra", "price_changed", "unknown_item"])),
  decision: z.enum(["pending", "accepted", "rejected"]),
  receipt_id: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.date().nullable(),
});
export type InvoiceLineDoc = z.infer<typeof InvoiceLineDoc>;

export const InvoiceDoc = z.object({
  po_id: z.string(),
  shop_id: z.string(),
  ocr_engine: z.string(),
  rows_read: z.number().int(),
  lines: z.array(InvoiceLineDoc),
  missing: z.array(z.object({ line_id: z.string(), product_id: z.string(), sku: z.string(), name: z.string(), outstanding_qty: z.number().int() })),
  created_by: z.string(),
  created_at: z.date(),
});
export type InvoiceDoc = z.infer<typeof InvoiceDoc>;

export const InvoiceParams = z.object({ id: DocId, invoiceId: DocId }).strict();
export const InvoiceLineParams = z.object({ id: DocId, invoiceId: DocId, lineNo: z.coerce.number().int().min(1).max(1000) }).strict();

/** `POST …/invoices/{invoiceId}/lines/{lineNo}/accept`. */
export const AcceptInvoiceLineBody = z
  .object({
    product_id: Sku.optional().openapi({ description: "The shop's product an unknown (or wrongly matched) line is; required for unknown items" }),
    quantity: z.number().int().min(1).max(100_000).optional().openapi({ description: "Units to book; defaults to the billed quantity" }),
    update_buying_price: z.boolean().default(false).openapi({ description: "The billed rate becomes the supplier's buying price" }),
  })
  .strict();
export type AcceptInvoiceLineBody = z.infer<typeof AcceptInvoiceLineBody>;

export const InvoiceLineResponse = InvoiceLineDoc.extend({ decided_at: IsoTimestamp.nullable(), rate: z.number(), amount: z.number() });
export const InvoiceResponse = z
  .object({
    id: z.string(),
    po_id: z.string(),
    ocr_engine: z.string(),
    rows_read: z.number().int(),
    lines: z.array(InvoiceLineResponse),
    missing: InvoiceDoc.shape.missing,
    created_at: IsoTimestamp,
    duplicate: z.boolean(),
  })
  .openapi("GoodsReceiptInvoice");
export type InvoiceResponse = z.infer<typeof InvoiceResponse>;
