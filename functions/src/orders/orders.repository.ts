import { FieldPath, FieldValue, Timestamp, type Query, type Transaction } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { parseSnapshot, timestampsToDates } from "../platform/firestore";
import { ShopDoc } from "../identity/identity.schema";
import { ProductDoc } from "../inventory/products.schema";
import { oneAtATime, productRef, writeMutation, type QueryShape } from "../inventory/products.repository";
import { OrderDoc, OrderKpiStateDoc, OrderRequestDoc, type OrderContribution, type OrderStatus, type OrderType } from "./orders.schema";
import type { OrderKpiCounts, OrderPosition, StockChange } from "./orders.service";

/** Firestore paths of the orders domain (every one of them lives here). */
export const ordersCol = () => db().collection("orders");
export const orderRef = (orderId: string) => ordersCol().doc(orderId);
export const orderRequestsCol = () => db().collection("order_requests");
const shopDocRef = (shopId: string) => db().collection("shops").doc(shopId);
const orderKpiStateRef = (shopId: string, orderId: string) => shopDocRef(shopId).collection("order_kpi_state").doc(orderId);
/** The order KPIs of one IST day live beside the stock KPIs, so the same rule lets members read them. */
export const orderKpiDayRef = (shopId: string, day: string) => shopDocRef(shopId).collection("kpis").doc(`orders-${day}`);

/** Orders of one product wait behind each other; give the transaction room to retry. */
const TX_MAX_ATTEMPTS = 30;

/** A fresh random order id. */
export function newOrderId(): string {
  return ordersCol().doc().id;
}

/** What a decision inside an order transaction wants written. */
export interface OrderMutation<T> {
  /** The order to write (create when it did not exist), or undefined to leave it. */
  order?: OrderDoc;
  /** Product stock changes with their ledger movements, written with the order. */
  stock?: StockChange[];
  result: T;
}

function writeStock(tx: Transaction, shopId: string, changes: StockChange[]): void {
  // The inventory's own writer: product and movement in the same transaction as the order.
  for (const c of changes) writeMutation(tx, shopId, productRef(shopId, c.productId), { product: c.product, movement: c.movement });
}

/**
 * Reads an order (which may not exist yet), its shop and some products in one transaction, lets
 * `decide` (pure rules) choose, and writes the order and its stock changes atomically. A
 * concurrent writer of any of them makes Firestore rerun the whole function, so stock is
 * always decided on the latest quantities: it can never go below zero.
 * `productIds` may depend on the order as read (e.g. the lines a cancellation returns).
 */
export async function mutateOrder<T>(
  orderId: string,
  shopIdHint: string | null,
  productIds: (order: OrderDoc | null) => string[],
  decide: (order: OrderDoc | null, shop: ShopDoc | null, products: Map<string, ProductDoc | null>) => OrderMutation<T>,
): Promise<T> {
  const ref = orderRef(orderId);
  // Within one instance, writers of one shop's stock (or of one order) queue instead of aborting
  // each other's transactions; across instances the transaction alone keeps the stock right.
  return oneAtATime(shopIdHint ? `orders:shop:${shopIdHint}` : `orders:order:${orderId}`, () => db().runTransaction(
    async (tx) => {
      const orderSnap = await tx.get(ref);
      const order = parseSnapshot(OrderDoc, orderSnap);
      const shopId = order?.shop_id ?? shopIdHint;
      const ids = productIds(order);
      const refs = shopId ? [shopDocRef(shopId), ...ids.map((id) => productRef(shopId, id))] : [];
      const snaps = refs.length ? await tx.getAll(...refs) : [];
      const shop = snaps.length ? parseSnapshot(ShopDoc, snaps[0]) : null;
      const products = new Map<string, ProductDoc | null>();
      ids.forEach((id, i) => products.set(id, parseSnapshot(ProductDoc, snaps[i + 1])));
      const mutation = decide(order, shop, products);
      if (mutation.order) tx.set(ref, mutation.order);
      if (mutation.stock?.length && shopId) writeStock(tx, shopId, mutation.stock);
      return mutation.result;
    },
    { maxAttempts: TX_MAX_ATTEMPTS },
  ));
}

/** Reads one order, or null. */
export async function getOrder(orderId: string): Promise<OrderDoc | null> {
  return parseSnapshot(OrderDoc, await orderRef(orderId).get());
}

// ---------- lists ----------

/** The customer's orders, newest first. */
export const MY_ORDERS_QUERY: QueryShape = {
  collectionGroup: "orders",
  filters: [{ field: "customer_id", op: "==" }],
  orderBy: [{ field: "created_at", direction: "desc" }],
};

/** Filters a shop's order list may combine. */
export interface ShopOrderFilters {
  status?: OrderStatus;
  orderType?: OrderType;
  day?: string;
}

/** The shape of a shop order list query with these filters. */
export function describeShopOrdersQuery(f: { status: boolean; orderType: boolean; day: boolean }): QueryShape {
  const filters: QueryShape["filters"] = [{ field: "shop_id", op: "==" }];
  if (f.status) filters.push({ field: "status", op: "==" });
  if (f.orderType) filters.push({ field: "order_type", op: "==" });
  if (f.day) filters.push({ field: "ist_date", op: "==" });
  return { collectionGroup: "orders", filters, orderBy: [{ field: "created_at", direction: "desc" }] };
}

/** Every query shape the orders code (and a web client following the README) can run. */
export const ORDER_QUERY_SHAPES: QueryShape[] = (() => {
  const shapes = [MY_ORDERS_QUERY];
  for (const status of [false, true]) for (const orderType of [false, true]) for (const day of [false, true]) shapes.push(describeShopOrdersQuery({ status, orderType, day }));
  return shapes;
})();

async function page(query: Query, after: OrderPosition | null, limit: number): Promise<{ items: Array<{ id: string; doc: OrderDoc }>; next: OrderPosition | null; skipped: string[] }> {
  let q = query.orderBy("created_at", "desc").orderBy(FieldPath.documentId(), "desc").limit(limit + 1);
  if (after) q = q.startAfter(Timestamp.fromMillis(after.createdAt), after.id);
  const snap = await q.get();
  const docs = snap.docs.slice(0, limit);
  const items: Array<{ id: string; doc: OrderDoc }> = [];
  const skipped: string[] = [];
  for (const d of docs) {
    const parsed = OrderDoc.safeParse(timestampsToDates(d.data()));
    // One malformed document must not fail the whole list: skip it (the caller logs it).
    if (parsed.success) items.push({ id: d.id, doc: parsed.data });
    else skipped.push(d.ref.path);
  }
  const last = docs[docs.length - 1];
  const more = snap.size > limit && last !== undefined;
  return { items, next: more ? { createdAt: (last.get("created_at") as Timestamp).toMillis(), id: last.id } : null, skipped };
}


/** A page of the customer's orders, newest first. */
export async function listCustomerOrders(customerId: string, after: OrderPosition | null, limit: number) {
  return page(ordersCol().where("customer_id", "==", customerId), after, limit);
}

/** A page of a shop's orders, newest first, with optional filters. */
export async function listShopOrders(shopId: string, filters: ShopOrderFilters, after: OrderPosition | null, limit: number) {
  let q: Query = ordersCol().where("shop_id", "==", shopId);
  if (filters.status) q = q.where("status", "==", filters.status);
  if (filters.orderType) q = q.where("order_type", "==", filters.orderType);
  if (filters.day) q = q.where("ist_date", "==", filters.day);
  return page(q, after, limit);
}

// ---------- offline order requests ----------

/** Reads an order request's raw data (validated by the caller), or null. */
export async function getOrderRequestData(requestId: string): Promise<Record<string, unknown> | null> {
  const snap = await orderRequestsCol().doc(requestId).get();
  return snap.exists ? (snap.data() as Record<string, unknown>) : null;
}

/**
 * Records a request's outcome only if it is still pending (a transaction), so of two deliveries
 * of its event exactly one answers it. Returns false when it was already answered.
 */
export async function resolveOrderRequest(requestId: string, outcome: Pick<OrderRequestDoc, "status" | "order_id" | "refusal">, at: Date): Promise<boolean> {
  const ref = orderRequestsCol().doc(requestId);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists || snap.get("status") !== "pending") return false;
    tx.update(ref, { ...outcome, resolved_at: at });
    return true;
  });
}

// ---------- KPIs ----------

function incrementsOf(c: OrderKpiCounts, day: string): Record<string, unknown> {
  const byStatus: Record<string, unknown> = {};
  for (const [s, n] of Object.entries(c.by_status)) byStatus[s] = FieldValue.increment(n);
  return {
    day,
    orders: FieldValue.increment(c.orders),
    revenue_paise: FieldValue.increment(c.revenue_paise),
    prep_seconds_total: FieldValue.increment(c.prep_seconds_total),
    prep_count: FieldValue.increment(c.prep_count),
    by_status: byStatus,
  };
}

/**
 * Brings a shop's order KPIs in line with an order as it is now, in one transaction: reads the
 * order fresh and the contribution last applied for it, and adds the difference to its day's
 * counters (blind increments). A duplicate or out-of-order event adds nothing.
 */
export async function applyOrderKpis(
  orderId: string,
  contributionOf: (order: OrderDoc | null) => OrderContribution | null,
  deltaOf: (before: OrderContribution | null, after: OrderContribution | null) => Map<string, OrderKpiCounts>,
  at: Date,
): Promise<{ changed: boolean; shopId: string | null }> {
  return db().runTransaction(async (tx) => {
    const orderSnap = await tx.get(orderRef(orderId));
    const order = orderSnap.exists ? OrderDoc.safeParse(timestampsToDates(orderSnap.data())) : null;
    if (!order?.success) return { changed: false, shopId: null };
    const shopId = order.data.shop_id;
    const stateSnap = await tx.get(orderKpiStateRef(shopId, orderId));
    const state = stateSnap.exists ? OrderKpiStateDoc.safeParse(timestampsToDates(stateSnap.data())) : null;
    const before = state?.success ? state.data.contribution : null;
    const after = contributionOf(order.data);
    const delta = deltaOf(before, after);
    if (delta.size === 0) return { changed: false, shopId };
    for (const [day, counts] of delta) tx.set(orderKpiDayRef(shopId, day), incrementsOf(counts, day), { merge: true });
    const doc: OrderKpiStateDoc = { contribution: after, version: order.data.version, applied_at: at };
    tx.set(orderKpiStateRef(shopId, orderId), doc);
    return { changed: true, shopId };
  });
}


/** The stored counters of some shops for one day (missing → zeros). */
export async function readOrderKpiDays(shopIds: string[], day: string): Promise<Array<Record<string, unknown> | null>> {
  if (shopIds.length === 0) return [];
  const snaps = await db().getAll(...shopIds.map((id) => orderKpiDayRef(id, day)));
  return snaps.map((s) => (s.exists ? (s.data() as Record<string, unknown>) : null));
}
