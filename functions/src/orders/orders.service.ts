import { createHash } from "node:crypto";
import { AppError } from "../platform/errors";
import { msSince, now } from "../platform/clock";
import { roleIn, requireShop, type Actor } from "../identity/actor";
import { isOpenAt, IST_OFFSET_MINUTES } from "../shops/shops.hours";
import type { ShopDoc } from "../identity/identity.schema";
import { paiseToRupees, type ProductDoc, type StockMovementDoc, type StockReason } from "../inventory/products.schema";
import { applyStockAdjustment, movementFor, type ChangeContext } from "../inventory/products.service";
import { getOrder, listCustomerOrders, listShopOrders as listShopOrderDocs, mutateOrder, newOrderId, readOrderKpiDays } from "./orders.repository";
import { logOrderItemsAdded, logOrderMalformed, logOrderPlaced, logOrderRefused, logOrderReplayed, logOrderStatusChanged } from "./orders.logs";
import {
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  MAX_ORDER_TOTAL_PAISE,
  OrderItems,
  ORDER_STATUSES,
  type MyOrdersQuery,
  type OrderKpisResponse,
  type ShopOrdersQuery,
  type ActorRole,
  type OrderContribution,
  type OrderDoc,
  type OrderItemInput,
  type OrderLineDoc,
  type OrderResponse,
  type OrderStatus,
  type PlaceOrderBody,
  type UpdateOrderStatusBody,
} from "./orders.schema";

/**
 * The business rules of orders as plain functions (no Firestore, no HTTP): transitions, roles,
 * pricing, stock taking through the inventory's own adjustment and ledger functions, KPIs.
 */

/** Allowed status transitions, exactly as Smart Kirana's. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["preparing", "ready", "cancelled"],
  preparing: ["ready"],
  ready: ["picked_up", "delivered"],
  picked_up: [],
  delivered: [],
  cancelled: [],
};

/** A pre-order may be scheduled at most this far ahead. */
export const MAX_PREORDER_DAYS = 14;

/** Refuses a transition the seed does not allow, with the seed's message. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw new AppError("INVALID_DATA", `Invalid status transition from '${from}' to '${to}'.`, { from, to, allowed: TRANSITIONS[from] });
}

/**
 * Who may make an allowed transition: the shop's owner and staff move an order forward and may
 * cancel it before it is ready (with a reason); the customer may only cancel while it is pending.
 */
export function assertRoleMayChange(role: ActorRole, from: OrderStatus, to: OrderStatus, reason: string | undefined): void {
  if (role === "customer") {
    if (to === "cancelled" && from === "pending") return;
    if (to === "cancelled") throw new AppError("FORBIDDEN", `The shop has already ${from === "confirmed" ? "confirmed" : "taken up"} this order: ask the shop to cancel it`);
    throw new AppError("FORBIDDEN", "Customers may only cancel their own pending order; the shop moves it forward");
  }
  if (to === "cancelled" && !reason) throw new AppError("INVALID_DATA", "The shop must give a reason to cancel an order (reason)");
}

/** The Asia/Kolkata calendar day of an instant, YYYY-MM-DD. */
export function istDate(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The order id of a keyed placement: the same customer and key always name the same order. */
export function orderIdFor(customerId: string, key: string): string {
  return `o-${createHash("sha256").update(`${customerId}\n${key}`).digest("hex").slice(0, 32)}`;
}

/** A fingerprint of what a placement asks for, so a replayed key with another body is a 409. */
export function requestHash(body: PlaceOrderBody): string {
  const canonical = {
    shop_id: body.shop_id,
    order_type: body.order_type,
    scheduled_pickup_time: body.scheduled_pickup_time ? new Date(body.scheduled_pickup_time).toISOString() : null,
    items: [...body.items]
      .sort((a, b) => (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0))
      .map((i) => [i.product_id, i.quantity, i.special_instructions ?? null]),
    order_notes: body.order_notes ?? null,
    has_chitty: body.has_chitty,
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** Refuses an order a shop cannot take now (inactive, not accepting, closed) or at the asked pickup time. */
export function assertShopTakesOrder(shopId: string, shop: ShopDoc | null, body: Pick<PlaceOrderBody, "order_type" | "scheduled_pickup_time">, at: Date): void {
  if (!shop) throw new AppError("NOT_FOUND", `No shop ${shopId}`);
  if (!shop.active) throw new AppError("UNPROCESSABLE", `${shop.name} is not active on the marketplace and takes no orders`, { reason: "shop_inactive" });
  if (!shop.order_settings.accepting_orders) throw new AppError("UNPROCESSABLE", `${shop.name} is not accepting orders right now`, { reason: "not_accepting_orders" });
  if (body.order_type === "instant") {
    if (!isOpenAt(shop.opening_hours, at)) throw new AppError("UNPROCESSABLE", `${shop.name} is closed now; place a pre_order for when it is open`, { reason: "shop_closed", opening_hours: shop.opening_hours });
    return;
  }
  const pickup = new Date(body.scheduled_pickup_time as string);
  if (pickup.getTime() <= at.getTime()) throw new AppError("INVALID_DATA", "scheduled_pickup_time must be in the future", { scheduled_pickup_time: pickup.toISOString() });
  if (pickup.getTime() > at.getTime() + MAX_PREORDER_DAYS * 86_400_000) throw new AppError("INVALID_DATA", `scheduled_pickup_time must be within ${MAX_PREORDER_DAYS} days`);
  if (!isOpenAt(shop.opening_hours, pickup)) {
    throw new AppError("UNPROCESSABLE", `${shop.name} is closed at the requested pickup time`, { reason: "closed_at_pickup_time", opening_hours: shop.opening_hours });
  }
}

/** One product's stock change: the next product document and its ledger movement. */
export interface StockChange {
  productId: string;
  product: ProductDoc;
  movement: { id: string; doc: StockMovementDoc };
}

/** Ledger id of the stock an order (or one addItemsToOrder operation) took from a product. */
export function orderMovementId(orderId: string, productId: string, operationId?: string): string {
  return operationId ? `order-${orderId}-${operationId}-${productId}` : `order-${orderId}-${productId}`;
}

/** Ledger id of the stock a cancelled order returned to a product. */
export function cancelMovementId(orderId: string, productId: string): string {
  return `cancel-${orderId}-${productId}`;
}

/**
 * Prices lines from the products as they are now and takes their stock, all or nothing: unknown
 * products are a 400, short ones a 409 listing every short line with what is available. The
 * stock change goes through the inventory's `applyStockAdjustment` and `movementFor`, so an
 * order's movements are ordinary ledger entries (reason "order", ref = order id).
 */
export function takeStock(
  items: OrderItemInput[],
  products: Map<string, ProductDoc | null>,
  ctx: ChangeContext,
  movementId: (productId: string) => string,
): { lines: OrderLineDoc[]; changes: StockChange[] } {
  const unknown = items.filter((i) => !products.get(i.product_id)).map((i) => i.product_id);
  if (unknown.length) throw new AppError("INVALID_DATA", `Not sold in this shop: ${unknown.join(", ")}`, { unknown_products: unknown });
  const short = items
    .map((i) => ({ item: i, product: products.get(i.product_id) as ProductDoc }))
    .filter(({ item, product }) => product.quantity < item.quantity)
    .map(({ item, product }) => ({ product_id: item.product_id, product_name: product.name, requested: item.quantity, available: product.quantity }));
  if (short.length) {
    throw new AppError("CONFLICT", `Not enough stock for ${short.map((s) => `${s.product_name} (${s.available} left, ${s.requested} asked)`).join(", ")}; nothing was taken`, { short_items: short });
  }
  const lines: OrderLineDoc[] = [];
  const changes: StockChange[] = [];
  for (const item of items) {
    const product = products.get(item.product_id) as ProductDoc;
    const next = applyStockAdjustment(product, -item.quantity, ctx);
    const movement = movementFor(item.product_id, product.quantity, next, "order", ctx) as StockMovementDoc;
    changes.push({ productId: item.product_id, product: next, movement: { id: movementId(item.product_id), doc: movement } });
    lines.push({
      product_id: item.product_id,
      sku: product.sku,
      name: product.name,
      quantity: item.quantity,
      unit_price_paise: product.unit_price_paise,
      line_total_paise: product.unit_price_paise * item.quantity,
      special_instructions: item.special_instructions || null,
    });
  }
  return { lines, changes };
}

/** Σ of line totals, refused past the order ceiling so no sum nears 2^53. */
export function totalOf(lines: OrderLineDoc[]): number {
  const total = lines.reduce((sum, l) => sum + l.line_total_paise, 0);
  if (total > MAX_ORDER_TOTAL_PAISE) throw new AppError("INVALID_DATA", `An order may total at most ₹${paiseToRupees(MAX_ORDER_TOTAL_PAISE).toLocaleString("en-IN")}`, { total_paise: total });
  return total;
}

/** Returns the stock of a cancelled order's lines (products since deleted are skipped). */
export function returnStock(orderId: string, lines: OrderLineDoc[], products: Map<string, ProductDoc | null>, ctx: ChangeContext): { changes: StockChange[]; skipped: string[] } {
  const changes: StockChange[] = [];
  const skipped: string[] = [];
  for (const line of lines) {
    const product = products.get(line.product_id);
    if (!product) {
      skipped.push(line.product_id);
      continue;
    }
    const next = applyStockAdjustment(product, line.quantity, ctx);
    const movement = movementFor(line.product_id, product.quantity, next, "order_cancelled" satisfies StockReason, ctx) as StockMovementDoc;
    changes.push({ productId: line.product_id, product: next, movement: { id: cancelMovementId(orderId, line.product_id), doc: movement } });
    // Keep the running quantity right when a product appears in several lines (it cannot today).
    products.set(line.product_id, next);
  }
  return { changes, skipped };
}

/** A new order document at version 1. */
export function newOrderDoc(args: {
  body: PlaceOrderBody;
  shopName: string;
  customer: { uid: string; name: string };
  lines: OrderLineDoc[];
  key: string | null;
  source: OrderDoc["source"];
  at: Date;
}): OrderDoc {
  const { body, lines, at } = args;
  return {
    shop_id: body.shop_id,
    shop_name: args.shopName,
    customer_id: args.customer.uid,
    customer_name: args.customer.name,
    order_type: body.order_type,
    scheduled_pickup_time: body.scheduled_pickup_time ? new Date(body.scheduled_pickup_time) : null,
    items: lines,
    item_count: lines.length,
    total_paise: totalOf(lines),
    order_notes: body.order_notes || null,
    has_chitty: body.has_chitty,
    awaiting_chitty: body.has_chitty && lines.length === 0,
    status: "pending",
    estimated_preparation_minutes: null,
    cancel_reason: null,
    history: [{ from: null, to: "pending", by: args.customer.uid, role: "customer", at, reason: null }],
    request_hash: requestHash(body),
    idempotency_key: args.key,
    source: args.source,
    applied_operations: [],
    ist_date: istDate(at),
    version: 1,
    created_at: at,
    updated_at: at,
    confirmed_at: null,
    ready_at: null,
  };
}

/** Orders whose items can still change (the chitty flow adds them). */
export const ITEMS_EDITABLE: readonly OrderStatus[] = ["pending", "confirmed"];

/** Most addItemsToOrder operations an order remembers (each one adds lines; 100 lines at most anyway). */
export const MAX_APPLIED_OPERATIONS = 100;

/** Merges added lines into an order: a product already in it gets its quantity raised. */
export function mergeLines(existing: OrderLineDoc[], added: OrderLineDoc[]): OrderLineDoc[] {
  const out = existing.map((l) => ({ ...l }));
  for (const line of added) {
    const same = out.find((l) => l.product_id === line.product_id);
    if (same) {
      same.quantity += line.quantity;
      same.line_total_paise = same.quantity * same.unit_price_paise;
      if (line.special_instructions) same.special_instructions = line.special_instructions;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** The order after a status change by `who` (history, timestamps, version). */
export function applyStatusChange(order: OrderDoc, body: UpdateOrderStatusBody, who: { uid: string; role: ActorRole }, defaultPrepMinutes: number, at: Date): OrderDoc {
  const to = body.status;
  if (body.estimated_preparation_minutes !== undefined && to !== "confirmed" && to !== "preparing") {
    throw new AppError("INVALID_DATA", "estimated_preparation_minutes is set when confirming (or preparing) an order");
  }
  const next: OrderDoc = {
    ...order,
    status: to,
    history: [...order.history, { from: order.status, to, by: who.uid, role: who.role, at, reason: body.reason ?? null }],
    version: order.version + 1,
    updated_at: at,
  };
  if (to === "confirmed") {
    next.confirmed_at = at;
    next.estimated_preparation_minutes = body.estimated_preparation_minutes ?? defaultPrepMinutes;
  }
  if (to === "preparing" && body.estimated_preparation_minutes !== undefined) next.estimated_preparation_minutes = body.estimated_preparation_minutes;
  if (to === "ready") next.ready_at = at;
  if (to === "cancelled") next.cancel_reason = body.reason ?? null;
  return next;
}

/** A replay of the status change the same person just made (a flaky phone retrying): answer, change nothing. */
export function isRepeatedChange(order: OrderDoc, to: OrderStatus, uid: string): boolean {
  const last = order.history[order.history.length - 1];
  return order.status === to && last !== undefined && last.to === to && last.by === uid;
}

/** Renders a stored order for the API (rupees, ISO times). */
export function toOrderResponse(id: string, doc: OrderDoc): OrderResponse {
  return {
    id,
    shop_id: doc.shop_id,
    shop_name: doc.shop_name,
    customer_id: doc.customer_id,
    customer_name: doc.customer_name,
    order_type: doc.order_type,
    scheduled_pickup_time: doc.scheduled_pickup_time?.toISOString() ?? null,
    items: doc.items.map((l) => ({
      product_id: l.product_id,
      sku: l.sku,
      product_name: l.name,
      quantity: l.quantity,
      unit_price: paiseToRupees(l.unit_price_paise),
      line_total: paiseToRupees(l.line_total_paise),
      special_instructions: l.special_instructions,
    })),
    item_count: doc.item_count,
    total_amount: paiseToRupees(doc.total_paise),
    total_amount_paise: doc.total_paise,
    order_notes: doc.order_notes,
    has_chitty: doc.has_chitty,
    awaiting_chitty: doc.awaiting_chitty,
    status: doc.status,
    estimated_preparation_minutes: doc.estimated_preparation_minutes,
    cancel_reason: doc.cancel_reason,
    history: doc.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    version: doc.version,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString(),
  };
}

// ---------- list cursors ----------

/** A position in a newest-first list: creation time and id (ties broken by id). */
export interface OrderPosition {
  createdAt: number;
  id: string;
}

/** An opaque cursor bound to the list it came from (`scope` names the filters). */
export function encodeOrderCursor(scope: string, position: OrderPosition): string {
  return Buffer.from(JSON.stringify({ s: scope, t: position.createdAt, i: position.id })).toString("base64url");
}

/** Reads a cursor back; one from another list, or not from us, is a 400. */
export function decodeOrderCursor(scope: string, cursor: string): OrderPosition {
  let parsed: { s?: unknown; t?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  }
  if (parsed === null || typeof parsed !== "object" || parsed.s !== scope) throw new AppError("INVALID_DATA", "cursor belongs to another list; start again without it");
  if (typeof parsed.t !== "number" || !Number.isSafeInteger(parsed.t) || parsed.t < 0 || typeof parsed.i !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(parsed.i)) {
    throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  }
  return { createdAt: parsed.t, id: parsed.i };
}

// ---------- KPIs ----------

/** What an order adds to its shop's KPIs of the day it was placed. */
export function orderContribution(order: OrderDoc | null): OrderContribution | null {
  if (!order) return null;
  const prep = order.ready_at && order.confirmed_at ? Math.max(0, Math.round((order.ready_at.getTime() - order.confirmed_at.getTime()) / 1000)) : null;
  return { day: order.ist_date, status: order.status, revenue_paise: order.status === "cancelled" ? 0 : order.total_paise, prep_seconds: prep };
}

/** The counters of one day that a contribution moves. */
export interface OrderKpiCounts {
  orders: number;
  revenue_paise: number;
  prep_seconds_total: number;
  prep_count: number;
  by_status: Partial<Record<OrderStatus, number>>;
}

function countsOf(c: OrderContribution, sign: 1 | -1): OrderKpiCounts {
  return {
    orders: sign,
    revenue_paise: sign * c.revenue_paise,
    prep_seconds_total: sign * (c.prep_seconds ?? 0),
    prep_count: c.prep_seconds === null ? 0 : sign,
    by_status: { [c.status]: sign },
  };
}

/** Per day, what the counters change by when an order's contribution goes from `before` to `after`. */
export function orderContributionDelta(before: OrderContribution | null, after: OrderContribution | null): Map<string, OrderKpiCounts> {
  const out = new Map<string, OrderKpiCounts>();
  const add = (c: OrderContribution, sign: 1 | -1) => {
    const d = countsOf(c, sign);
    const cur = out.get(c.day) ?? { orders: 0, revenue_paise: 0, prep_seconds_total: 0, prep_count: 0, by_status: {} };
    cur.orders += d.orders;
    cur.revenue_paise += d.revenue_paise;
    cur.prep_seconds_total += d.prep_seconds_total;
    cur.prep_count += d.prep_count;
    for (const [s, n] of Object.entries(d.by_status) as Array<[OrderStatus, number]>) cur.by_status[s] = (cur.by_status[s] ?? 0) + n;
    out.set(c.day, cur);
  };
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  if (before) add(before, -1);
  if (after) add(after, 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Use cases: each runs the rules above inside one repository transaction.
// ---------------------------------------------------------------------------------------------

/** Who places an order. */
export interface OrderingCustomer {
  uid: string;
  name: string;
}

/**
 * Places an order: prices captured from the products now, stock taken through the ledger in the
 * same transaction as the order is written, all or nothing. With a key (the Idempotency-Key
 * header, or an offline request's id) the order id derives from customer and key, so a replay
 * returns the first order and takes nothing; the same key with another body is a 409.
 * The HTTP route and the offline-request trigger both call this.
 */
export async function placeOrder(customer: OrderingCustomer, body: PlaceOrderBody, options: { key: string | null; source: "api" | "order_request" }): Promise<{ order: OrderResponse; replayed: boolean }> {
  const start = process.hrtime.bigint();
  const at = now();
  const orderId = options.key ? orderIdFor(customer.uid, options.key) : newOrderId();
  const hash = requestHash(body);
  const ctx: ChangeContext = { actorId: customer.uid, at, source: options.source, ref: orderId };
  try {
    const { doc, replayed } = await mutateOrder(
      orderId,
      body.shop_id,
      (existing) => (existing ? [] : body.items.map((i) => i.product_id)),
      (existing, shop, products) => {
        if (existing) {
          if (existing.customer_id !== customer.uid || existing.request_hash !== hash) {
            throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different order; send a new key for a new order", { order_id: orderId });
          }
          return { result: { doc: existing, replayed: true } };
        }
        assertShopTakesOrder(body.shop_id, shop, body, at);
        const { lines, changes } = takeStock(body.items, products, ctx, (productId) => orderMovementId(orderId, productId));
        const order = newOrderDoc({ body, shopName: (shop as ShopDoc).name, customer, lines, key: options.key, source: options.source, at });
        return { order, stock: changes, result: { doc: order, replayed: false } };
      },
    );
    if (replayed) logOrderReplayed({ orderId, shopId: doc.shop_id, customerId: customer.uid });
    else logOrderPlaced({ orderId, shopId: doc.shop_id, customerId: customer.uid, lines: doc.items.length, totalPaise: doc.total_paise, source: options.source, latencyMs: msSince(start) });
    return { order: toOrderResponse(orderId, doc), replayed };
  } catch (err) {
    if (err instanceof AppError && err.status < 500) logOrderRefused({ shopId: body.shop_id, customerId: customer.uid, kind: err.kind, message: err.message, source: options.source });
    throw err;
  }
}

/** What the chitty flow asks of `addItemsToOrder`. */
export interface AddItemsInput {
  orderId: string;
  /** Lines to add (1–100, a product at most once); a product already in the order has its quantity raised. */
  items: OrderItemInput[];
  /** Who accepted the items (the shop member, or "system"). */
  actorId: string;
  /** Names this addition: the same id again adds nothing (a retried trigger or request). */
  operationId: string;
}

/**
 * Adds lines to a pending or confirmed order with the prices of now, taking their stock under
 * the same rules as placement (all or nothing; short → 409 with the short lines). Clears
 * `awaiting_chitty`. Idempotent by `operationId`. The chitty flow calls this.
 */
export async function addItemsToOrder(input: AddItemsInput): Promise<OrderResponse> {
  const items = OrderItems.min(1, "add at least one item").parse(input.items);
  // ':' lets a caller namespace its ids (the chitty flow's `chitty:{suggestionId}`).
  if (!/^[A-Za-z0-9_:-]{1,64}$/.test(input.operationId)) throw new AppError("INVALID_DATA", "operationId must be 1–64 letters, digits, '-', '_' or ':'");
  const at = now();
  const { doc, applied } = await mutateOrder(
    input.orderId,
    null,
    (order) => (order ? items.map((i) => i.product_id) : []),
    (order, _shop, products) => {
      if (!order) throw new AppError("NOT_FOUND", `No order ${input.orderId}`);
      if (order.applied_operations.includes(input.operationId)) return { result: { doc: order, applied: false } };
      if (!ITEMS_EDITABLE.includes(order.status)) throw new AppError("UNPROCESSABLE", `Order ${input.orderId} is ${order.status}: items can no longer be added`);
      if (order.applied_operations.length >= MAX_APPLIED_OPERATIONS) throw new AppError("UNPROCESSABLE", "This order has had too many additions");
      const ctx: ChangeContext = { actorId: input.actorId, at, source: "api", ref: input.orderId };
      const { lines, changes } = takeStock(items, products, ctx, (productId) => orderMovementId(input.orderId, productId, input.operationId));
      const merged = mergeLines(order.items, lines);
      if (merged.length > MAX_ORDER_LINES) throw new AppError("INVALID_DATA", `an order has at most ${MAX_ORDER_LINES} lines`);
      const tooMany = merged.find((l) => l.quantity > MAX_LINE_QUANTITY);
      if (tooMany) throw new AppError("INVALID_DATA", `quantity of ${tooMany.name} would exceed ${MAX_LINE_QUANTITY}`);
      const next: OrderDoc = {
        ...order,
        items: merged,
        item_count: merged.length,
        total_paise: totalOf(merged),
        awaiting_chitty: false,
        applied_operations: [...order.applied_operations, input.operationId],
        version: order.version + 1,
        updated_at: at,
      };
      return { order: next, stock: changes, result: { doc: next, applied: true } };
    },
  );
  logOrderItemsAdded({ orderId: input.orderId, shopId: doc.shop_id, actorId: input.actorId, operationId: input.operationId, lines: items.length, applied });
  return toOrderResponse(input.orderId, doc);
}

/** The caller's role towards an order: a member of its shop, its customer, or nobody (→ 404). */
function roleTowards(actor: Actor, order: OrderDoc): ActorRole | null {
  return roleIn(actor, order.shop_id) ?? (order.customer_id === actor.uid ? "customer" : null);
}

/**
 * Moves an order along an allowed transition, atomically: the order is re-read inside the
 * transaction, so of two concurrent changes from one status only one can win. Cancelling
 * returns the stock through the ledger in the same transaction.
 */
export async function changeOrderStatus(actor: Actor, orderId: string, body: UpdateOrderStatusBody): Promise<OrderResponse> {
  const start = process.hrtime.bigint();
  const at = now();
  const outcome = await mutateOrder(
    orderId,
    null,
    (order) => (order && body.status === "cancelled" && order.status !== "cancelled" ? order.items.map((l) => l.product_id) : []),
    (order, shop, products) => {
      const role = order ? roleTowards(actor, order) : null;
      if (!order || !role) throw new AppError("NOT_FOUND", `No order ${orderId}`);
      if (isRepeatedChange(order, body.status, actor.uid)) return { result: { doc: order, from: order.status, changed: false, skipped: [] as string[], role } };
      assertTransition(order.status, body.status);
      assertRoleMayChange(role, order.status, body.status, body.reason);
      const next = applyStatusChange(order, body, { uid: actor.uid, role }, shop?.order_settings.default_preparation_minutes ?? 20, at);
      let stock: StockChange[] = [];
      let skipped: string[] = [];
      if (body.status === "cancelled") {
        ({ changes: stock, skipped } = returnStock(orderId, order.items, products, { actorId: actor.uid, at, source: "api", ref: orderId }));
      }
      return { order: next, stock, result: { doc: next, from: order.status, changed: true, skipped, role } };
    },
  );
  if (outcome.changed) {
    logOrderStatusChanged({
      orderId,
      shopId: outcome.doc.shop_id,
      actorId: actor.uid,
      role: outcome.role,
      from: outcome.from,
      to: outcome.doc.status,
      version: outcome.doc.version,
      restockSkipped: outcome.skipped.length ? outcome.skipped : undefined,
      latencyMs: msSince(start),
    });
  }
  return toOrderResponse(orderId, outcome.doc);
}

/** One order, for its customer or its shop's members; anyone else gets a 404. */
export async function readOrder(actor: Actor, orderId: string): Promise<OrderResponse> {
  const order = await getOrder(orderId);
  if (!order || !roleTowards(actor, order)) throw new AppError("NOT_FOUND", `No order ${orderId}`);
  return toOrderResponse(orderId, order);
}

/** The caller's own orders, newest first. */
export async function listMyOrders(actor: Actor, query: MyOrdersQuery): Promise<{ items: OrderResponse[]; next_cursor: string | null }> {
  const scope = `me:${actor.uid}`;
  const after = query.cursor ? decodeOrderCursor(scope, query.cursor) : null;
  const found = await listCustomerOrders(actor.uid, after, query.limit);
  for (const path of found.skipped) logOrderMalformed({ path });
  return { items: found.items.map(({ id, doc }) => toOrderResponse(id, doc)), next_cursor: found.next ? encodeOrderCursor(scope, found.next) : null };
}

/** A shop's orders for its members, newest first, filtered by status, type and IST day. */
export async function listShopOrders(actor: Actor, shopId: string, query: ShopOrdersQuery): Promise<{ items: OrderResponse[]; next_cursor: string | null }> {
  requireShop(actor, shopId);
  const scope = `shop:${shopId}:${query.status ?? ""}:${query.order_type ?? ""}:${query.date ?? ""}`;
  const after = query.cursor ? decodeOrderCursor(scope, query.cursor) : null;
  const found = await listShopOrderDocs(shopId, { status: query.status, orderType: query.order_type, day: query.date }, after, query.limit);
  for (const path of found.skipped) logOrderMalformed({ path });
  return { items: found.items.map(({ id, doc }) => toOrderResponse(id, doc)), next_cursor: found.next ? encodeOrderCursor(scope, found.next) : null };
}

/** Today's order KPIs (Asia/Kolkata day) of some shops, summed: orders, revenue, by status, average preparation. */
export async function readOrderKpis(shopIds: string[], at: Date = now()): Promise<OrderKpisResponse> {
  const day = istDate(at);
  const docs = await readOrderKpiDays(shopIds, day);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const byStatus = new Map<string, number>(ORDER_STATUSES.map((s) => [s, 0]));
  let orders = 0;
  let revenue = 0;
  let prepTotal = 0;
  let prepCount = 0;
  for (const d of docs) {
    if (!d) continue;
    orders += num(d.orders);
    revenue += num(d.revenue_paise);
    prepTotal += num(d.prep_seconds_total);
    prepCount += num(d.prep_count);
    const statuses = d.by_status && typeof d.by_status === "object" ? (d.by_status as Record<string, unknown>) : {};
    for (const s of ORDER_STATUSES) byStatus.set(s, (byStatus.get(s) ?? 0) + num(statuses[s]));
  }
  return {
    date: day,
    orders_today: orders,
    revenue_today: paiseToRupees(revenue),
    revenue_today_paise: revenue,
    by_status: Object.fromEntries(byStatus),
    average_preparation_minutes: prepCount ? Math.round((prepTotal / prepCount / 60) * 10) / 10 : null,
  };
}
