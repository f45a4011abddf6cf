import { paiseToRupees } from "../inventory/products.schema";
import type { OrderDoc } from "../orders/orders.schema";
import { NOTIFICATION_TTL_DAYS, ChittyProcessedData, type NotificationDoc, type NotificationType, type NotificationWrite } from "./notifications.schema";
import { createMissingNotifications, shopMemberIds } from "./notifications.repository";
import { logNotificationsWritten } from "./notifications.logs";
import { AppError } from "../platform/errors";

/** A notification document of a type, created now, expiring after the TTL. */
export function notification(type: NotificationType, orderId: string | null, shopId: string | null, data: Record<string, unknown>, at: Date): NotificationDoc {
  return { type, order_id: orderId, shop_id: shopId, data, read: false, read_at: null, created_at: at, expires_at: new Date(at.getTime() + NOTIFICATION_TTL_DAYS * 86_400_000) };
}

/** The id of the notification of one order change: one per order version and type, so duplicates collapse. */
export function orderNotificationId(orderId: string, version: number, type: NotificationType): string {
  return `${orderId}-v${version}-${type}`;
}

/**
 * The notifications one order write calls for, from the event's before/after alone (so each
 * change is described as it was, whatever order events arrive in): a new order → `new_order`
 * to every shop member; a status change → `order_update` to the customer, plus `pickup_ready`
 * when it became ready; items added without a status change → `order_update`.
 */
export function notificationsForOrderWrite(orderId: string, before: OrderDoc | null, after: OrderDoc | null, memberIds: string[], at: Date): NotificationWrite[] {
  if (!after) return [];
  const out: NotificationWrite[] = [];
  if (!before) {
    const data = {
      order_id: orderId,
      customer_name: after.customer_name,
      order_type: after.order_type,
      scheduled_pickup_time: after.scheduled_pickup_time?.toISOString() ?? null,
      total_amount: paiseToRupees(after.total_paise),
      item_count: after.item_count,
      has_chitty: after.has_chitty,
    };
    for (const uid of memberIds) out.push({ uid, id: orderNotificationId(orderId, after.version, "new_order"), doc: notification("new_order", orderId, after.shop_id, data, at) });
    return out;
  }
  if (after.version === before.version) return out;
  const statusChanged = before.status !== after.status;
  if (statusChanged || before.total_paise !== after.total_paise) {
    const data = { order_id: orderId, shop_id: after.shop_id, status: after.status, total_amount: paiseToRupees(after.total_paise), estimated_preparation_minutes: after.estimated_preparation_minutes };
    out.push({ uid: after.customer_id, id: orderNotificationId(orderId, after.version, "order_update"), doc: notification("order_update", orderId, after.shop_id, data, at) });
  }
  if (statusChanged && after.status === "ready") {
    const data = { order_id: orderId, shop_id: after.shop_id, status: after.status, estimated_preparation_minutes: after.estimated_preparation_minutes };
    out.push({ uid: after.customer_id, id: orderNotificationId(orderId, after.version, "pickup_ready"), doc: notification("pickup_ready", orderId, after.shop_id, data, at) });
  }
  return out;
}

/** Writes the notifications of one order write exactly once (deterministic ids, create-if-missing). */
export async function notifyOrderWrite(eventId: string | null, orderId: string, before: OrderDoc | null, after: OrderDoc | null, at: Date): Promise<number> {
  const members = after && !before ? await shopMemberIds(after.shop_id) : [];
  const writes = notificationsForOrderWrite(orderId, before, after, members, at);
  if (writes.length === 0) return 0;
  const created = await createMissingNotifications(writes);
  logNotificationsWritten({ eventId, orderId, types: [...new Set(writes.map((w) => w.doc.type))], recipients: new Set(writes.map((w) => w.uid)).size, created });
  return created;
}

/** What the chitty flow reports when it has read a chitty. */
export interface ChittyProcessed {
  orderId: string;
  shopId: string;
  itemsFound: number;
  totalLines: number;
  message: string;
  /** Names this processing run: the same run notifies once, however often it is called. */
  runId: string;
}

/**
 * Tells the shop's members a chitty was processed (`chitty_processed`, the seed's payload). The
 * chitty flow calls this; calling it again with the same `runId` writes nothing new.
 */
export async function notifyChittyProcessed(input: ChittyProcessed, at: Date = new Date()): Promise<number> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.runId)) throw new AppError("INVALID_DATA", "runId must be 1–64 letters, digits, '-' or '_'");
  const data = ChittyProcessedData.parse({ order_id: input.orderId, items_found: input.itemsFound, total_lines: input.totalLines, message: input.message.slice(0, 300) });
  const members = await shopMemberIds(input.shopId);
  const writes = members.map((uid) => ({ uid, id: `${input.orderId}-chitty-${input.runId}`, doc: notification("chitty_processed", input.orderId, input.shopId, data, at) }));
  const created = await createMissingNotifications(writes);
  logNotificationsWritten({ eventId: null, orderId: input.orderId, types: ["chitty_processed"], recipients: members.length, created });
  return created;
}
