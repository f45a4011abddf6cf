import { useEffect, useMemo, useRef, useState } from "react";
import { collection, limit, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import { ACTIVE_STATUSES, detectNewOrders, istDay, mergeOrders, type BoardOrder } from "./board";
import { orderFromSnapshot } from "./orders";

/** At most this many orders per listener (a busy kirana has a few dozen open at once). */
const LISTEN_LIMIT = 300;

export interface ShopOrders {
  orders: BoardOrder[];
  /** True once the server has answered (not only the device's cache): new arrivals are live from here. */
  live: boolean;
  error: string | null;
}

/**
 * The shop's orders, live: one listener on the working statuses (any day: a pre-order placed
 * yesterday for today is still open) and one on today's orders (IST), which brings today's
 * finished ones. Both are the queries the rules allow members (`shop_id ==` their shop) on
 * the indexes `orders (shop_id, status, created_at desc)` and `(shop_id, ist_date, created_at desc)`.
 * `onNew` is called with orders that arrive pending after the first server answer.
 */
export function useShopOrders(shopId: string | null, today: string, onNew: (ids: string[]) => void): ShopOrders {
  const [active, setActive] = useState<BoardOrder[]>([]);
  const [todays, setTodays] = useState<BoardOrder[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onNewRef = useRef(onNew);
  onNewRef.current = onNew;

  useEffect(() => {
    if (!shopId) return;
    const { db } = firebase();
    const seen = new Set<string>();
    let baselined = false;
    setLive(false);
    const orders = collection(db, "orders");
    const stopActive = onSnapshot(
      query(orders, where("shop_id", "==", shopId), where("status", "in", [...ACTIVE_STATUSES]), orderBy("created_at", "desc"), limit(LISTEN_LIMIT)),
      { includeMetadataChanges: true },
      (snap) => {
        const list = snap.docs.map(orderFromSnapshot).filter((o): o is BoardOrder => o !== null);
        setActive(list);
        setError(null);
        if (snap.metadata.fromCache) return;
        // The first server answer is the baseline: what was already waiting does not ring.
        const fresh = detectNewOrders(seen, list, !baselined);
        if (!baselined) {
          baselined = true;
          setLive(true);
        }
        if (fresh.length) onNewRef.current(fresh);
      },
      (e) => setError(e.message),
    );
    const stopToday = onSnapshot(
      query(orders, where("shop_id", "==", shopId), where("ist_date", "==", today), orderBy("created_at", "desc"), limit(LISTEN_LIMIT)),
      (snap) => setTodays(snap.docs.map(orderFromSnapshot).filter((o): o is BoardOrder => o !== null)),
      (e) => setError(e.message),
    );
    return () => {
      stopActive();
      stopToday();
    };
  }, [shopId, today]);

  const orders = useMemo(() => [...mergeOrders(active, todays).values()], [active, todays]);
  return { orders, live, error };
}

/** Today's IST day, re-read every minute so the board and the KPIs roll over at midnight IST. */
export function useIstToday(): string {
  const [today, setToday] = useState(() => istDay(new Date()));
  useEffect(() => {
    const timer = setInterval(() => setToday(istDay(new Date())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}
