import { z, DocId, IsoTimestamp } from "../platform/schema";
import { PRODUCT_BOUNDS, Rupees } from "../inventory/products.schema";

/**
 * Purchase orders of a shop: `shops/{shopId}/purchase_orders/{poId}`, written only by the
 * server. Lines, receipts and the invoice readings live in the document or beside it; every
 * number is bounded so no sum nears 2^53.
 */

export const PO_BOUNDS = {
  maxLines: 100,
  /** Units of one line (ordered or received at once). */
  maxLineQuantity: 100_000,
  /** Receipts booked against one order. */
  maxReceipts: 100,
  /** An order's value: ₹1 crore. */
  maxTotalPaise: 1_000_000_000,
} as const;

export const PoStatus = z.enum(["draft", "sent", "partly_received", "received", "closed", "cancelled"]);
export type PoStatus = z.infer<typeof PoStatus>;

/** The transitions a person can ask for; receipts move sent → partly_received → received themselves. */
export const PO_TRANSITIONS: Record<PoStatus, PoStatus[]> = {
  draft: ["sent", "cancelled"],
  sent: ["partly_received", "received", "cancelled"],
  partly_received: ["partly_received", "received", "closed"],
  received: ["closed"],
  closed: [],
  cancelled: [],
};

export const PoLineDoc = z.object({
  line_id: z.string(),
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  ordered_qty: z.number().int().min(0).max(PO_BOUNDS.maxLineQuantity),
  received_qty: z.number().int().min(0).max(PO_BOUNDS.maxLineQuantity * 2),
  unit_cost_paise: z.number().int().min(0).max(PRODUCT_BOUNDS.maxPricePaise),
  pack_size: z.number().int().min(1),
  /** A line that arrived without being ordered (booked from the bill). */
  added_on_receipt: z.boolean().default(false),
});
export type PoLineDoc = z.infer<typeof PoLineDoc>;

export const ReceiptLineDoc = z.object({ line_id: z.string(), product_id: z.string(), quantity: z.number().int(), unit_cost_paise: z.number().int(), previous_cost_paise: z.number().int() });
export const ReceiptDoc = z.object({
  receipt_id: z.string(),
  at: z.date(),
  by: z.string(),
  lines: z.array(ReceiptLineDoc),
  updated_buying_price: z.boolean(),
});
export type ReceiptDoc = z.infer<typeof ReceiptDoc>;

export const HistoryEntry = z.object({ from: PoStatus.nullable(), to: PoStatus, by: z.string(), at: z.date() });

/** Stored `shops/{shopId}/purchase_orders/{poId}`. */
export const PurchaseOrderDoc = z.object({
  shop_id: z.string(),
  owner_uid: z.string(),
  supplier_id: z.string(),
  supplier_name: z.string(),
  supplier_phone: z.string(),
  /** The supplier's minimum order when the draft was made (the order says when it falls below). */
  supplier_min_order_paise: z.number().int().min(0),
  status: PoStatus,
  lines: z.array(PoLineDoc),
  total_paise: z.number().int().min(0),
  notes: z.string().nullable(),
  source: z.enum(["manual", "suggestions"]),
  receipts: z.array(ReceiptDoc),
  history: z.array(HistoryEntry),
  created_by: z.string(),
  created_at: z.date(),
  updated_at: z.date(),
  sent_at: z.date().nullable(),
  received_at: z.date().nullable(),
  version: z.number().int().min(1),
});
export type PurchaseOrderDoc = z.infer<typeof PurchaseOrderDoc>;


const Quantity = z.number().int("quantity must be a whole number").min(1, "quantity must be ≥ 1").max(PO_BOUNDS.maxLineQuantity, `quantity must be at most ${PO_BOUNDS.maxLineQuantity}`);
const Notes = z.string().trim().max(500, "notes must be at most 500 characters");

export const PoLineInput = z
  .object({
    product_id: DocId,
    quantity: Quantity,
    unit_cost: Rupees.optional().openapi({ description: "Buying price per unit in rupees; defaults to the supplier's price" }),
  })
  .strict();
const Lines = z
  .array(PoLineInput)
  .min(1, "an order needs at least one line")
  .max(PO_BOUNDS.maxLines, `an order has at most ${PO_BOUNDS.maxLines} lines`)
  .refine((ls) => new Set(ls.map((l) => l.product_id.toUpperCase())).size === ls.length, "lines must not repeat a product");

/** `POST /v1/purchase-orders`. */
export const CreatePoBody = z.object({ supplier_id: DocId, lines: Lines, notes: Notes.nullable().optional() }).strict();
export type CreatePoBody = z.infer<typeof CreatePoBody>;

/** `PATCH /v1/purchase-orders/{id}` (drafts only). */
export const UpdatePoBody = z.object({ version: z.number().int().min(1), lines: Lines.optional(), notes: Notes.nullable().optional() }).strict();
export type UpdatePoBody = z.infer<typeof UpdatePoBody>;

/** `POST /v1/purchase-orders/{id}/{send|cancel|close}`: an optional version check. */
export const TransitionBody = z.object({ version: z.number().int().min(1).optional() }).strict();

/** `POST /v1/purchase-orders/{id}/receipts`. */
export const ReceiveBody = z
  .object({
    receipt_id: DocId.optional().openapi({ description: "Client-chosen id (or the Idempotency-Key header): a retry books nothing twice" }),
    lines: z
      .array(
        z
          .object({
            line_id: z.string().max(64).optional(),
            product_id: DocId.optional().openapi({ description: "For a product not on the order (arrived extra)" }),
            quantity: Quantity,
            unit_cost: Rupees.optional().openapi({ description: "The billed price per unit, when it differs" }),
          })
          .strict()
          .refine((l) => Boolean(l.line_id) !== Boolean(l.product_id), "give line_id or product_id (one of them)"),
      )
      .min(1)
      .max(PO_BOUNDS.maxLines),
    allow_over_receipt: z.boolean().default(false),
    update_buying_price: z.boolean().default(false).openapi({ description: "Owners only: the billed price becomes the supplier's buying price" }),
  })
  .strict();
export type ReceiveBody = z.infer<typeof ReceiveBody>;

export const PoIdParams = z.object({ id: DocId }).strict();
export const ListPoQuery = z.object({ status: PoStatus.optional(), supplier_id: DocId.optional() }).strict();

export const PoLineResponse = z.object({
  line_id: z.string(),
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  ordered_qty: z.number().int(),
  received_qty: z.number().int(),
  outstanding_qty: z.number().int(),
  pack_size: z.number().int(),
  packs: z.number(),
  unit_cost: z.number(),
  unit_cost_paise: z.number().int(),
  line_total: z.number(),
  added_on_receipt: z.boolean(),
});
export const PurchaseOrderResponse = z
  .object({
    id: z.string(),
    shop_id: z.string(),
    supplier_id: z.string(),
    supplier_name: z.string(),
    status: PoStatus,
    lines: z.array(PoLineResponse),
    total: z.number(),
    total_paise: z.number().int(),
    below_minimum_order: z.boolean(),
    notes: z.string().nullable(),
    source: z.enum(["manual", "suggestions"]),
    receipts: z.array(z.object({ receipt_id: z.string(), at: IsoTimestamp, by: z.string(), lines: z.array(z.object({ line_id: z.string(), product_id: z.string(), quantity: z.number().int(), unit_cost_paise: z.number().int() })) })),
    history: z.array(z.object({ from: PoStatus.nullable(), to: PoStatus, by: z.string(), at: IsoTimestamp })),
    created_at: IsoTimestamp,
    updated_at: IsoTimestamp,
    sent_at: IsoTimestamp.nullable(),
    received_at: IsoTimestamp.nullable(),
    version: z.number().int(),
  })
  .openapi("PurchaseOrder");
export type PurchaseOrderResponse = z.infer<typeof PurchaseOrderResponse>;
export const PurchaseOrderList = z.object({ items: z.array(PurchaseOrderResponse) });

export const SendResponse = PurchaseOrderResponse.extend({ message: z.string().openapi({ description: "The order as plain text, ready to forward on WhatsApp" }), whatsapp_url: z.string() });

export const ReceiveResponse = z.object({ purchase_order: PurchaseOrderResponse, receipt_id: z.string(), replayed: z.boolean() });

export const FromSuggestionsResponse = z.object({
  created: z.array(PurchaseOrderResponse),
  existing: z.array(PurchaseOrderResponse),
  skipped: z.array(z.object({ product_id: z.string(), name: z.string(), reason: z.string() })),
});
