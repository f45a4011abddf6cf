/**
 * The orders board's pure model: which column an order sits in, in what order, and which
 * status changes the signed-in role may offer. The server stays the authority (it re-checks
 * every transition and role); this only decides which buttons to show.
 */

export type OrderStatus = "pending" | "confirmed" | "preparing" | "ready" | "picked_up" | "delivered" | "cancelled";
export type OrderType = "instant" | "pre_order";
export type BoardRole = "owner" | "staff" | "customer";

/** One line of an order, as stored (money in integer paise). */
export interface OrderLine {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_paise: number;
  line_total_paise: number;
  special_instructions: string | null;
}

/** An order as the board shows it (`orders/{id}`, timestamps turned into Dates). */
export interface BoardOrder {
  id: string;
  shop_id: string;
  customer_name: string;
  order_type: OrderType;
  scheduled_pickup_time: Date | null;
  items: OrderLine[];
  item_count: number;
  total_paise: number;
  order_notes: string | null;
  has_chitty: boolean;
  awaiting_chitty: boolean;
  status: OrderStatus;
  estimated_preparation_minutes: number | null;
  cancel_reason: string | null;
  ist_date: string;
  version: number;
  created_at: Date | null;
  updated_at: Date | null;
}

/** The working columns, left to right. */
export const ACTIVE_STATUSES = ["pending", "confirmed", "preparing", "ready"] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];
/** Final states: shown together, today's only, collapsed. */
export const FINAL_STATUSES: readonly OrderStatus[] = ["picked_up", "delivered", "cancelled"];

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Pending",
  confirmed: "Confirmed",
  preparing: "Preparing",
  ready: "Ready for pickup",
  picked_up: "Picked up",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/** The allowed status transitions (the backend's `TRANSITIONS`, functions/src/orders/orders.service.ts). */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["preparing", "ready", "cancelled"],
  preparing: ["ready"],
  ready: ["picked_up", "delivered"],
  picked_up: [],
  delivered: [],
  cancelled: [],
};

/** A button on an order card: the status it moves to and what it must ask first. */
export interface BoardAction {
  to: OrderStatus;
  label: string;
  /** "minutes": preparation minutes (confirming); "reason": a cancel reason (required). */
  asks: "minutes" | "reason" | null;
}

const ACTION_LABEL: Record<OrderStatus, string> = {
  pending: "Pending",
  confirmed: "Confirm",
  preparing: "Start preparing",
  ready: "Mark ready",
  picked_up: "Picked up",
  delivered: "Delivered",
  cancelled: "Cancel order",
};

/**
 * The status changes a role may make from a status, as the backend's `assertRoleMayChange`
 * allows: the shop's owner and staff move orders forward and cancel (pending or confirmed,
 * with a reason); a customer may only cancel while the order is pending.
 */
export function allowedActions(status: OrderStatus, role: BoardRole | null): BoardAction[] {
  if (!role) return [];
  const targets = TRANSITIONS[status].filter((to) => (role === "customer" ? status === "pending" && to === "cancelled" : true));
  return targets.map((to) => ({
    to,
    label: ACTION_LABEL[to],
    asks: to === "confirmed" ? "minutes" : to === "cancelled" && role !== "customer" ? "reason" : null,
  }));
}

/**
 * When an order is due, for sorting: a pre-order at its pickup time, an instant order at the
 * time it was placed (so instant orders line up by age, oldest first, and a pre-order for
 * tomorrow sinks below today's work).
 */
export function dueAt(order: BoardOrder): number {
  if (order.order_type === "pre_order" && order.scheduled_pickup_time) return order.scheduled_pickup_time.getTime();
  return order.created_at?.getTime() ?? Number.MAX_SAFE_INTEGER;
}

export interface BoardColumns {
  pending: BoardOrder[];
  confirmed: BoardOrder[];
  preparing: BoardOrder[];
  ready: BoardOrder[];
  /** Picked up, delivered or cancelled today (IST), most recent first. */
  done: BoardOrder[];
}

/**
 * Orders into columns: the four working statuses sorted by `dueAt` (earliest first, ties by
 * id so the order never jumps), and today's finished orders newest first. Finished orders of
 * other days are left out.
 */
export function buildColumns(orders: Iterable<BoardOrder>, today: string): BoardColumns {
  const columns: BoardColumns = { pending: [], confirmed: [], preparing: [], ready: [], done: [] };
  for (const order of orders) {
    if ((ACTIVE_STATUSES as readonly string[]).includes(order.status)) columns[order.status as ActiveStatus].push(order);
    else if (order.ist_date === today || (order.updated_at && istDay(order.updated_at) === today)) columns.done.push(order);
  }
  const byDue = (a: BoardOrder, b: BoardOrder) => dueAt(a) - dueAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const s of ACTIVE_STATUSES) columns[s].sort(byDue);
  columns.done.sort((a, b) => (b.updated_at?.getTime() ?? 0) - (a.updated_at?.getTime() ?? 0));
  return columns;
}

/** Merges orders from several listeners: per id, the copy with the higher version wins. */
export function mergeOrders(...lists: Iterable<BoardOrder>[]): Map<string, BoardOrder> {
  const out = new Map<string, BoardOrder>();
  for (const list of lists)
    for (const o of list) {
      const cur = out.get(o.id);
      if (!cur || o.version > cur.version) out.set(o.id, o);
    }
  return out;
}

const IST_OFFSET_MS = 330 * 60_000;

/** The Asia/Kolkata calendar day of an instant, YYYY-MM-DD (the orders' `ist_date`). */
export function istDay(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Which orders are new to this screen: ids not seen before that are still pending. `seen` is
 * updated in place; the first call (the baseline) reports nothing, so opening the board does
 * not ring for orders that were already waiting.
 */
export function detectNewOrders(seen: Set<string>, orders: Iterable<BoardOrder>, baseline: boolean): string[] {
  const fresh: string[] = [];
  for (const o of orders) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    if (!baseline && o.status === "pending") fresh.push(o.id);
  }
  return fresh;
}

/** "3 min ago", "1 h 5 min ago", "just now" (the age of an instant order). */
export function formatAge(from: Date | null, now: Date): string {
  if (!from) return "";
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const h = Math.floor(minutes / 60);
  return `${h} h ${minutes % 60} min ago`;
}

/** The browser tab's title with a count of new orders in front ("(2) Orders · Kirana Cloud"). */
export function titleWithBadge(base: string, newCount: number): string {
  return newCount > 0 ? `(${newCount}) ${base}` : base;
}
