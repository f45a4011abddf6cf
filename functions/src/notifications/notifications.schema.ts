import { z } from "../platform/schema";

/**
 * Per-user notification documents: users/{uid}/notifications/{notificationId}. Written only by
 * the server (order trigger, chitty flow) with deterministic ids, so a redelivered event writes
 * nothing new; the user may only mark one read. `expires_at` is the Firestore TTL field.
 * They replace Smart Kirana's WebSocket events, with the same payload fields in `data`.
 */

export const NOTIFICATION_TYPES = [
  "new_order",
  "order_update",
  "pickup_ready",
  "chitty_processed",
  // Replenishment (issue 13): a product went low / out of stock, came back, and the daily digest.
  "stock_low",
  "stock_out",
  "stock_back",
  "stock_digest",
] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationType>;

/** How long a notification is kept before Firestore's TTL policy removes it. */
export const NOTIFICATION_TTL_DAYS = 30;

/** Seed payloads, field for field. */
export const NewOrderData = z.object({
  order_id: z.string(),
  customer_name: z.string(),
  order_type: z.enum(["instant", "pre_order"]),
  scheduled_pickup_time: z.string().nullable(),
  total_amount: z.number(),
  item_count: z.number().int(),
  has_chitty: z.boolean(),
});
export const OrderUpdateData = z.object({
  order_id: z.string(),
  shop_id: z.string(),
  status: z.string(),
  total_amount: z.number(),
  estimated_preparation_minutes: z.number().int().nullable(),
});
export const PickupReadyData = z.object({
  order_id: z.string(),
  shop_id: z.string(),
  status: z.string(),
  estimated_preparation_minutes: z.number().int().nullable(),
});
export const ChittyProcessedData = z.object({
  order_id: z.string(),
  items_found: z.number().int().min(0),
  total_lines: z.number().int().min(0),
  message: z.string(),
});

/** Stored `users/{uid}/notifications/{id}`. */
export const NotificationDoc = z.object({
  type: NotificationType,
  /** The order concerned; null for stock notifications. */
  order_id: z.string().nullable(),
  /** The shop concerned; null for a digest that spans the user's shops. */
  shop_id: z.string().nullable(),
  /** The seed's payload fields for this type. */
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  read_at: z.date().nullable(),
  created_at: z.date(),
  /** Firestore TTL: the document is deleted some time after this instant. */
  expires_at: z.date(),
});
export type NotificationDoc = z.infer<typeof NotificationDoc>;

/** One notification to write: to whom, under which id. */
export interface NotificationWrite {
  uid: string;
  id: string;
  doc: NotificationDoc;
}
