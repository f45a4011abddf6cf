import { z, DocId, IsoTimestamp } from "../platform/schema";

/**
 * Order contracts. Storage:
 * - orders/{orderId}              OrderDoc: server-written; the customer and the shop's members read it (rules)
 * - order_requests/{requestId}    OrderRequestDoc: a customer's offline order request (rules-validated create),
 *                                 turned into an order or a refusal by onOrderRequestCreated
 * - shops/{shopId}/kpis/orders-{YYYY-MM-DD}   OrderKpiDayDoc: the shop's order KPIs of one IST day
 * - shops/{shopId}/order_kpi_state/{orderId}  what the KPI trigger last applied for an order
 */

/** Lines an order may carry. */
export const MAX_ORDER_LINES = 100;
/** Units of one product in one order line. */
export const MAX_LINE_QUANTITY = 999;
/** Largest order total (₹1 crore): keeps every sum far below 2^53. */
export const MAX_ORDER_TOTAL_PAISE = 1_000_000_000;

export const ORDER_STATUSES = ["pending", "confirmed", "preparing", "ready", "picked_up", "delivered", "cancelled"] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderType = z.enum(["instant", "pre_order"]);
export type OrderType = z.infer<typeof OrderType>;

/** Who made a status change. */
export const ActorRole = z.enum(["customer", "owner", "staff", "system"]);
export type ActorRole = z.infer<typeof ActorRole>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a person typed: trimmed, bounded, and well-formed Unicode (a lone surrogate is a 400). */
export function personText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !LONE_SURROGATE.test(s), "must be valid Unicode text (no lone surrogates)");
}

/** One line of an order as a client sends it. */
export const OrderItemInput = z
  .object({
    product_id: DocId.max(64),
    quantity: z.number().int("quantity must be an integer").min(1, "quantity must be at least 1").max(MAX_LINE_QUANTITY, `quantity must be at most ${MAX_LINE_QUANTITY}`),
    special_instructions: personText(200).optional(),
  })
  .strict()
  .openapi("OrderItemInput");
export type OrderItemInput = z.infer<typeof OrderItemInput>;

/** A list of order lines in which each product appears at most once. */
export const OrderItems = z
  .array(OrderItemInput)
  .max(MAX_ORDER_LINES, `an order has at most ${MAX_ORDER_LINES} lines`)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.product_id)) ctx.addIssue({ code: "custom", path: [i, "product_id"], message: `product ${item.product_id} appears more than once; put the whole quantity on one line` });
      seen.add(item.product_id);
    });
  });

/** `POST /v1/orders` (also the body of an offline order request). */
export const PlaceOrderBody = z
  .object({
    shop_id: DocId,
    order_type: OrderType.default("instant"),
    scheduled_pickup_time: z.iso.datetime({ offset: true }).optional().openapi({ description: "pre_order only: a future time within opening hours (ISO-8601)" }),
    items: OrderItems.default([]),
    order_notes: personText(500).optional(),
    has_chitty: z.boolean().default(false).openapi({ description: "A chitty photo will follow; the order may then have no items yet" }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.order_type === "pre_order" && !b.scheduled_pickup_time) ctx.addIssue({ code: "custom", path: ["scheduled_pickup_time"], message: "a pre_order needs scheduled_pickup_time" });
    if (b.order_type === "instant" && b.scheduled_pickup_time) ctx.addIssue({ code: "custom", path: ["scheduled_pickup_time"], message: "only a pre_order has scheduled_pickup_time" });
    if (b.items.length === 0 && !b.has_chitty) ctx.addIssue({ code: "custom", path: ["items"], message: "an order needs 1 to 100 items, or has_chitty: true when a chitty photo will follow" });
  })
  .openapi("PlaceOrderRequest");
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

/** The Idempotency-Key header: what makes a retried placement return the same order. */
export const IdempotencyKey = z
  .string()
  .min(8, "Idempotency-Key must be 8 to 128 characters")
  .max(128, "Idempotency-Key must be 8 to 128 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "Idempotency-Key may contain only letters, digits, '_', '.', ':' and '-'");

/** A stored order line: name and price captured when it was added. */
export const OrderLineDoc = z.object({
  product_id: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  unit_price_paise: z.number().int().min(0),
  line_total_paise: z.number().int().min(0),
  special_instructions: z.string().nullable(),
});
export type OrderLineDoc = z.infer<typeof OrderLineDoc>;

/** One status change: who, when, from, to. */
export const OrderHistoryEntry = z.object({
  from: OrderStatus.nullable(),
  to: OrderStatus,
  by: z.string(),
  role: ActorRole,
  at: z.date(),
  reason: z.string().nullable(),
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;

/** Stored `orders/{orderId}`. */
export const OrderDoc = z.object({
  shop_id: z.string(),
  shop_name: z.string(),
  customer_id: z.string(),
  customer_name: z.string(),
  order_type: OrderType,
  scheduled_pickup_time: z.date().nullable(),
  items: z.array(OrderLineDoc),
  /** Number of lines. */
  item_count: z.number().int().min(0),
  total_paise: z.number().int().min(0),
  order_notes: z.string().nullable(),
  has_chitty: z.boolean(),
  /** True while a chitty order has no items yet (the chitty flow fills them through addItemsToOrder). */
  awaiting_chitty: z.boolean(),
  status: OrderStatus,
  estimated_preparation_minutes: z.number().int().nullable(),
  cancel_reason: z.string().nullable(),
  history: z.array(OrderHistoryEntry),
  /** Hash of the placement request, so a replay with a different body is told apart (409). */
  request_hash: z.string(),
  /** The Idempotency-Key or offline request id the order was placed under, if any. */
  idempotency_key: z.string().nullable(),
  source: z.enum(["api", "order_request", "seed"]),
  /** Operations (addItemsToOrder calls) already applied, so a retried one adds nothing. */
  applied_operations: z.array(z.string()),
  /** The Asia/Kolkata calendar day the order was placed (YYYY-MM-DD): the date filter and the KPIs use it. */
  ist_date: z.string(),
  /** +1 on every change; notifications are keyed by it. */
  version: z.number().int().min(1),
  created_at: z.date(),
  updated_at: z.date(),
  confirmed_at: z.date().nullable(),
  ready_at: z.date().nullable(),
});
export type OrderDoc = z.infer<typeof OrderDoc>;

/** Stored `order_requests/{requestId}`: written by a customer's SDK (offline), answered by the trigger. */
export const OrderRequestDoc = z.object({
  customer_id: z.string(),
  status: z.enum(["pending", "placed", "refused"]),
  created_at: z.date(),
  /** The order, once placed. */
  order_id: z.string().nullable().default(null),
  /** Why it was refused: the same message and details the API would answer. */
  refusal: z
    .object({ status: z.number().int(), error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).nullable() })
    .nullable()
    .default(null),
  resolved_at: z.date().nullable().default(null),
});
export type OrderRequestDoc = z.infer<typeof OrderRequestDoc>;

/** The request fields of an order request document (everything the customer wrote but its bookkeeping). */
export const ORDER_REQUEST_BOOKKEEPING = ["customer_id", "status", "created_at"] as const;

// ---------- HTTP ----------

export const OrderLineResponse = z
  .object({
    product_id: z.string(),
    sku: z.string(),
    product_name: z.string(),
    quantity: z.number().int(),
    unit_price: z.number().openapi({ description: "Rupees, captured at order time" }),
    line_total: z.number(),
    special_instructions: z.string().nullable(),
  })
  .openapi("OrderLine");

export const OrderHistoryResponse = z
  .object({ from: OrderStatus.nullable(), to: OrderStatus, by: z.string(), role: ActorRole, at: IsoTimestamp, reason: z.string().nullable() })
  .openapi("OrderStatusChange");

export const OrderResponse = z
  .object({
    id: z.string(),
    shop_id: z.string(),
    shop_name: z.string(),
    customer_id: z.string(),
    customer_name: z.string(),
    order_type: OrderType,
    scheduled_pickup_time: IsoTimestamp.nullable(),
    items: z.array(OrderLineResponse),
    item_count: z.number().int(),
    total_amount: z.number().openapi({ description: "Rupees" }),
    total_amount_paise: z.number().int(),
    order_notes: z.string().nullable(),
    has_chitty: z.boolean(),
    awaiting_chitty: z.boolean(),
    status: OrderStatus,
    estimated_preparation_minutes: z.number().int().nullable(),
    cancel_reason: z.string().nullable(),
    history: z.array(OrderHistoryResponse),
    version: z.number().int(),
    created_at: IsoTimestamp,
    updated_at: IsoTimestamp,
  })
  .openapi("Order");
export type OrderResponse = z.infer<typeof OrderResponse>;

export const OrderPage = z.object({ items: z.array(OrderResponse), next_cursor: z.string().nullable() }).openapi("OrderPage");

/** `PATCH /v1/orders/{id}`. */
export const UpdateOrderStatusBody = z
  .object({
    status: OrderStatus,
    estimated_preparation_minutes: z.number().int().min(1).max(24 * 60).optional().openapi({ description: "When confirming; defaults to the shop's setting" }),
    reason: personText(300).pipe(z.string().min(1, "reason must not be empty")).optional().openapi({ description: "Required when the shop cancels" }),
  })
  .strict()
  .openapi("UpdateOrderStatusRequest");
export type UpdateOrderStatusBody = z.infer<typeof UpdateOrderStatusBody>;

export const OrderIdParams = z.object({ id: DocId }).strict();
export const ShopOrdersParams = z.object({ id: DocId }).strict();

const Limit = z.coerce.number().int().min(1).max(100).default(20);
const Cursor = z.string().max(500).optional();

export const MyOrdersQuery = z.object({ limit: Limit, cursor: Cursor }).strict();
export type MyOrdersQuery = z.infer<typeof MyOrdersQuery>;

export const ShopOrdersQuery = z
  .object({
    status: OrderStatus.optional(),
    order_type: OrderType.optional(),
    date: z.iso.date().optional().openapi({ description: "Asia/Kolkata calendar day the orders were placed, YYYY-MM-DD" }),
    limit: Limit,
    cursor: Cursor,
  })
  .strict();
export type ShopOrdersQuery = z.infer<typeof ShopOrdersQuery>;

// ---------- KPIs ----------

/** What one order adds to its shop's KPIs of its day. */
export const OrderContribution = z.object({
  day: z.string(),
  status: OrderStatus,
  revenue_paise: z.number().int(),
  /** Confirmed → ready, in whole seconds; null until ready. */
  prep_seconds: z.number().int().nullable(),
});
export type OrderContribution = z.infer<typeof OrderContribution>;

/** Stored `shops/{shopId}/order_kpi_state/{orderId}`. */
export const OrderKpiStateDoc = z.object({ contribution: OrderContribution.nullable(), version: z.number().int(), applied_at: z.date() });
export type OrderKpiStateDoc = z.infer<typeof OrderKpiStateDoc>;

export const OrderKpisResponse = z
  .object({
    date: z.string().openapi({ description: "Today in Asia/Kolkata" }),
    orders_today: z.number().int(),
    revenue_today: z.number().openapi({ description: "Rupees: totals of today's orders that were not cancelled" }),
    revenue_today_paise: z.number().int(),
    by_status: z.record(z.string(), z.number().int()),
    average_preparation_minutes: z.number().nullable().openapi({ description: "Confirmed → ready, over today's orders that became ready" }),
  })
  .openapi("OrderKpis");
export type OrderKpisResponse = z.infer<typeof OrderKpisResponse>;
