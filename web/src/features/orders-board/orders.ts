import type { DocumentData, DocumentSnapshot } from "firebase/firestore";
import type { BoardOrder } from "./board";

type TimestampLike = { toDate(): Date } | Date | null | undefined;

function toDate(v: TimestampLike): Date | null {
  if (!v) return null;
  return v instanceof Date ? v : typeof v.toDate === "function" ? v.toDate() : null;
}

/** A stored `orders/{id}` document as the board's model (timestamps as Dates, missing fields defaulted). */
export function orderFromSnapshot(snap: DocumentSnapshot<DocumentData>): BoardOrder | null {
  const d = snap.data();
  if (!d) return null;
  return {
    id: snap.id,
    shop_id: String(d.shop_id ?? ""),
    customer_name: String(d.customer_name ?? ""),
    order_type: d.order_type === "pre_order" ? "pre_order" : "instant",
    scheduled_pickup_time: toDate(d.scheduled_pickup_time),
    items: Array.isArray(d.items) ? d.items : [],
    item_count: Number(d.item_count ?? 0),
    total_paise: Number.isSafeInteger(d.total_paise) ? d.total_paise : 0,
    order_notes: d.order_notes ?? null,
    has_chitty: Boolean(d.has_chitty),
    awaiting_chitty: Boolean(d.awaiting_chitty),
    status: d.status,
    estimated_preparation_minutes: d.estimated_preparation_minutes ?? null,
    cancel_reason: d.cancel_reason ?? null,
    ist_date: String(d.ist_date ?? ""),
    version: Number(d.version ?? 0),
    created_at: toDate(d.created_at),
    updated_at: toDate(d.updated_at),
  };
}
