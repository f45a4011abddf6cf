/** The storefront's data hooks: the listeners live here, never in components. */
import { useCallback, useEffect, useRef, useState } from "react";
import { collection, doc, limit, onSnapshot, orderBy, query, serverTimestamp, setDoc, updateDoc, type Timestamp } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import { cartKey, emptyCart, parseCart, type Cart } from "./cart";
import type { Point } from "./geo";
import type { NotificationView, OrderStatus, OrderView, PlaceOrderBody } from "./types";

const toDate = (v: unknown): Date | null => (v && typeof (v as Timestamp).toDate === "function" ? (v as Timestamp).toDate() : null);

/** The user's cart at a shop, kept in localStorage so it survives reloads. */
export function useCart(uid: string, shopId: string): [Cart, (next: Cart) => void] {
  const key = cartKey(uid, shopId);
  const [cart, setCart] = useState<Cart>(() => (typeof localStorage === "undefined" ? emptyCart(shopId) : parseCart(localStorage.getItem(key), shopId)));
  useEffect(() => setCart(parseCart(localStorage.getItem(key), shopId)), [key, shopId]);
  const save = useCallback(
    (next: Cart) => {
      setCart(next);
      if (next.lines.length) localStorage.setItem(key, JSON.stringify(next));
      else localStorage.removeItem(key);
    },
    [key],
  );
  return [cart, save];
}

export interface ChosenPlace extends Point {
  label: string;
}

const placeKey = (uid: string) => `kirana.place.${uid}`;

/** Where the customer is looking for shops (typed locality or geolocation), remembered per user. */
export function usePlace(uid: string): [ChosenPlace | null, (p: ChosenPlace) => void] {
  const [place, setPlace] = useState<ChosenPlace | null>(() => {
    try {
      const v = JSON.parse(localStorage.getItem(placeKey(uid)) ?? "null") as ChosenPlace | null;
      return v && Number.isFinite(v.lat) && Number.isFinite(v.lng) ? v : null;
    } catch {
      return null;
    }
  });
  const choose = useCallback(
    (p: ChosenPlace) => {
      localStorage.setItem(placeKey(uid), JSON.stringify(p));
      setPlace(p);
    },
    [uid],
  );
  return [place, choose];
}

export type OrderState = { status: "loading" } | { status: "ready"; order: OrderView } | { status: "not-found" } | { status: "error"; message: string };

/** Live `orders/{id}`: the rules let only its customer and the shop's members read it. */
export function useOrder(orderId: string): OrderState {
  const [state, setState] = useState<OrderState>({ status: "loading" });
  useEffect(() => {
    setState({ status: "loading" });
    return onSnapshot(
      doc(firebase().db, "orders", orderId),
      (snap) => {
        if (!snap.exists()) {
          // A cache miss while offline is not an answer yet; the server's "absent" is.
          if (!snap.metadata.fromCache) setState({ status: "not-found" });
          return;
        }
        const d = snap.data();
        setState({
          status: "ready",
          order: {
            id: snap.id,
            shop_id: d.shop_id,
            shop_name: d.shop_name,
            order_type: d.order_type,
            scheduled_pickup_time: toDate(d.scheduled_pickup_time),
            items: (d.items ?? []) as OrderView["items"],
            total_paise: d.total_paise ?? 0,
            status: d.status as OrderStatus,
            estimated_preparation_minutes: d.estimated_preparation_minutes ?? null,
            cancel_reason: d.cancel_reason ?? null,
            has_chitty: !!d.has_chitty,
            awaiting_chitty: !!d.awaiting_chitty,
            created_at: toDate(d.created_at),
            history: ((d.history ?? []) as { to: OrderStatus; at: unknown }[]).map((h) => ({ to: h.to, at: toDate(h.at) })),
          },
        });
      },
      (error) => setState(error.code === "permission-denied" ? { status: "not-found" } : { status: "error", message: error.message }),
    );
  }, [orderId]);
  return state;
}

export type RequestState =
  | { status: "waiting"; pendingWrite: boolean }
  | { status: "placed"; orderId: string }
  | { status: "refused"; message: string }
  | { status: "error"; message: string };

/** Live `order_requests/{id}` (offline orders): waiting in the device's queue, then placed or refused. */
export function useOrderRequest(requestId: string): RequestState {
  const [state, setState] = useState<RequestState>({ status: "waiting", pendingWrite: true });
  useEffect(() => {
    let unsubscribe = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    const listen = () => {
      unsubscribe = onSnapshot(
        doc(firebase().db, "order_requests", requestId),
        { includeMetadataChanges: true },
        (snap) => {
          const d = snap.data();
          if (d?.status === "placed" && typeof d.order_id === "string") setState({ status: "placed", orderId: d.order_id });
          else if (d?.status === "refused") setState({ status: "refused", message: String(d.refusal?.message ?? "The shop could not take this order.") });
          else setState({ status: "waiting", pendingWrite: snap.metadata.hasPendingWrites || !snap.exists() });
        },
        (error) => {
          // Back online, the listen can reach the server before the queued write does: the rules
          // then refuse to read a request that does not exist yet. Listen again shortly.
          if (error.code === "permission-denied" && attempts++ < 30) timer = setTimeout(listen, 1000);
          else setState({ status: "error", message: error.message });
        },
      );
    };
    listen();
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [requestId]);
  return state;
}

/**
 * Queues an order as `order_requests/{requestId}` through the Firestore offline cache: the SDK
 * keeps the write (IndexedDB) and sends it when the connection returns; the trigger places it
 * exactly once (the request id is the idempotency key). Does not wait for the server.
 */
export function queueOrderRequest(requestId: string, uid: string, body: PlaceOrderBody): void {
  const data: Record<string, unknown> = { shop_id: body.shop_id, order_type: body.order_type, items: body.items, customer_id: uid, status: "pending", created_at: serverTimestamp() };
  if (body.scheduled_pickup_time) data.scheduled_pickup_time = body.scheduled_pickup_time;
  if (body.order_notes) data.order_notes = body.order_notes;
  if (body.has_chitty) data.has_chitty = true;
  // Not awaited: offline, the promise resolves only once the server has the write.
  void setDoc(doc(firebase().db, "order_requests", requestId), data).catch(() => undefined);
}

/** The user's latest notifications, live; `fresh` reports each one that arrives after the first answer. */
export function useNotifications(uid: string, fresh: (n: NotificationView) => void) {
  const [items, setItems] = useState<NotificationView[]>([]);
  const freshRef = useRef(fresh);
  freshRef.current = fresh;
  useEffect(() => {
    let first = true;
    const q = query(collection(firebase().db, "users", uid, "notifications"), orderBy("created_at", "desc"), limit(50));
    return onSnapshot(
      q,
      (snap) => {
        const list: NotificationView[] = [];
        for (const d of snap.docs) {
          const v = d.data();
          if (typeof v.type !== "string") continue; // one malformed document never hides the others
          list.push({ id: d.id, type: v.type as NotificationView["type"], order_id: v.order_id, data: (v.data ?? {}) as Record<string, unknown>, read: !!v.read, created_at: toDate(v.created_at) });
        }
        if (!first)
          for (const change of snap.docChanges())
            if (change.type === "added") {
              const n = list.find((x) => x.id === change.doc.id);
              if (n && !n.read) freshRef.current(n);
            }
        first = false;
        setItems(list);
      },
      () => setItems([]),
    );
  }, [uid]);
  const markRead = useCallback(
    (id: string) => updateDoc(doc(firebase().db, "users", uid, "notifications", id), { read: true, read_at: serverTimestamp() }),
    [uid],
  );
  return { items, unread: items.filter((n) => !n.read).length, markRead };
}

/** Words for one notification. */
export function notificationText(n: NotificationView): string {
  const shop = n.data.shop_name ? ` at ${String(n.data.shop_name)}` : "";
  switch (n.type) {
    case "pickup_ready":
      return `Your order is ready for pickup${shop}.`;
    case "order_update": {
      const status = String(n.data.status ?? "");
      const minutes = n.data.estimated_preparation_minutes;
      if (status === "confirmed") return `Your order was confirmed${typeof minutes === "number" ? `: ready in about ${minutes} min` : ""}.`;
      if (status === "preparing") return "Your order is being prepared.";
      if (status === "cancelled") return "Your order was cancelled.";
      if (status === "picked_up") return "Your order was picked up. Thank you!";
      if (status === "ready") return "Your order is ready for pickup.";
      return `Your order was updated (${status}).`;
    }
    case "chitty_processed":
      return String(n.data.message ?? "Your chitty was read.");
    default:
      return "New order.";
  }
}
