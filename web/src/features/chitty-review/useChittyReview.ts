import { useEffect, useState } from "react";
import { collection, doc, onSnapshot } from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import { orderFromSnapshot, type BoardOrder } from "../orders-board";
import { sortByLine, type Chitty, type Suggestion } from "./review";

export interface ChittyReview {
  order: BoardOrder | null;
  chitties: Chitty[];
  suggestions: Suggestion[];
  loaded: boolean;
  error: string | null;
}

/**
 * The order, its chitties and their suggestions, live (the rules let the shop's members read
 * all three): a decision shows up as the order's items and total change.
 */
export function useChittyReview(orderId: string): ChittyReview {
  const [order, setOrder] = useState<BoardOrder | null>(null);
  const [chitties, setChitties] = useState<Chitty[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const { db } = firebase();
    const fail = (e: Error) => setError(e.message);
    const stops = [
      onSnapshot(
        doc(db, "orders", orderId),
        (snap) => {
          setOrder(orderFromSnapshot(snap));
          setLoaded(true);
        },
        (e) => {
          fail(e);
          setLoaded(true);
        },
      ),
      onSnapshot(collection(db, "orders", orderId, "chitties"), (snap) => setChitties(snap.docs.map((d) => ({ ...(d.data() as Omit<Chitty, "id">), id: d.id }))), fail),
      onSnapshot(
        collection(db, "orders", orderId, "chitty_suggestions"),
        (snap) => setSuggestions(sortByLine(snap.docs.map((d) => ({ ...(d.data() as Omit<Suggestion, "id">), id: d.id })))),
        fail,
      ),
    ];
    return () => stops.forEach((stop) => stop());
  }, [orderId]);
  return { order, chitties, suggestions, loaded, error };
}
