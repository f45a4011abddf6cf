import { now } from "../platform/clock";
import type { ProductWrittenInput } from "../kpis/kpis.handlers";
import { notification } from "../notifications/notifications.service";
import { createMissingNotifications, shopMemberIds } from "../notifications/notifications.repository";
import type { NotificationWrite } from "../notifications/notifications.schema";
import { getUser } from "../identity/identity.repository";
import { istDate, istDay } from "./demand";
import { openStockAlerts, recordStockAlertState, usersWantingDigest, usersWantingInstantAlerts } from "./replenishment.repository";
import { alertView, crossingType, nextAlertState, stockNotificationData, stockNotificationId } from "./stock-alerts.service";
import { logStockAlertProductMalformed, logStockAlertRaised, logStockDigestSent } from "./replenishment.logs";

/** What the product trigger hands to alerts: the same event view the KPI handler gets. */
export type StockAlertInput = ProductWrittenInput;

/** What handling one event did (for tests). */
export interface StockAlertResult {
  type: string | null;
  created: number;
  stateWritten: boolean;
}

/**
 * Alerts the shop's owner and staff (those who want instant alerts) when a product write
 * crosses into low or out of stock or back, once per crossing: the notification ids come from
 * the product's incarnation, version and new state, and are created only when missing, so a
 * redelivered event writes nothing. Then records the product's alert state, unless a newer
 * write already did (out-of-order events). Called by `onProductWritten` (kpis.triggers.ts).
 */
export async function handleStockAlert(input: StockAlertInput, at: Date = now()): Promise<StockAlertResult> {
  const path = `shops/${input.shopId}/products/${input.productId}`;
  const before = alertView(input.before);
  const after = alertView(input.after);
  if (after === "malformed") {
    // A permanent fault of the document, not of the event: log it and let the event go.
    logStockAlertProductMalformed({ eventId: input.eventId, path, shopId: input.shopId, productId: input.productId });
    return { type: null, created: 0, stateWritten: false };
  }
  if (!after) {
    const stateWritten = await recordStockAlertState(input.shopId, input.productId, null, () => null);
    return { type: null, created: 0, stateWritten };
  }
  const type = crossingType(before === "malformed" ? null : before, after);
  let created = 0;
  let notificationId: string | null = null;
  if (type) {
    notificationId = stockNotificationId(input.productId, after, type);
    const recipients = await usersWantingInstantAlerts(await shopMemberIds(input.shopId));
    const data = stockNotificationData(input.shopId, input.productId, after, type);
    const writes: NotificationWrite[] = recipients.map((uid) => ({ uid, id: notificationId as string, doc: notification(type, null, input.shopId, data, at) }));
    created = await createMissingNotifications(writes);
    logStockAlertRaised({ eventId: input.eventId, path, shopId: input.shopId, productId: input.productId, type, quantity: after.quantity, threshold: after.low_stock_threshold, version: after.version, recipients: recipients.length, created });
  }
  const stateWritten = await recordStockAlertState(input.shopId, input.productId, { incarnation: after.incarnation, version: after.version }, (current) =>
    nextAlertState(input.productId, after, notificationId, current && current.incarnation === after.incarnation ? { state: current.state, notificationId: current.notification_id } : null, at),
  );
  return { type, created, stateWritten };
}

/** Most items one digest lists (the rest are counted). */
export const DIGEST_MAX_ITEMS = 100;

/**
 * Sends each user who asked for it one digest notification for the India day `at` falls on,
 * listing the low and out-of-stock products of every shop they are a member of (from the alert
 * states, not a scan of the catalog). Id `stock-digest-YYYY-MM-DD`: a rerun the same day writes
 * nothing. Users with nothing low get nothing.
 */
export async function sendDailyDigests(at: Date = now()): Promise<{ users: number; created: number }> {
  const started = Date.now();
  const day = istDate(istDay(at));
  const uids = await usersWantingDigest();
  let created = 0;
  let skippedEmpty = 0;
  for (const uid of uids) {
    const user = await getUser(uid);
    const shopIds = Object.keys(user?.shops ?? {}).sort();
    const items: Array<Record<string, unknown>> = [];
    let total = 0;
    for (const shopId of shopIds) {
      const open = await openStockAlerts(shopId, DIGEST_MAX_ITEMS + 1);
      total += open.length;
      for (const a of open) {
        if (items.length < DIGEST_MAX_ITEMS) items.push({ shop_id: shopId, product_id: a.product_id, sku: a.sku, name: a.name, state: a.state, quantity: a.quantity, threshold: a.threshold });
      }
    }
    if (total === 0) {
      skippedEmpty++;
      continue;
    }
    const data = { day, items, low_count: items.filter((i) => i.state === "low").length, out_count: items.filter((i) => i.state === "out").length, more: Math.max(0, total - items.length) };
    created += await createMissingNotifications([{ uid, id: `stock-digest-${day}`, doc: notification("stock_digest", null, null, data, at) }]);
  }
  logStockDigestSent({ day, users: uids.length, created, skippedEmpty, latencyMs: Date.now() - started });
  return { users: uids.length, created };
}
