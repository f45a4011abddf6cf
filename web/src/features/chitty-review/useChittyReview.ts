import { useEffect, useState } from "react";
import { Bytes, collection, doc, getDoc, onSnapshot } from "firebase/firestore";
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

/**
 * The small JPEG of a chitty's photo that the server keeps beside it (`chitty_previews`), as an
 * object URL for an <img>: null while loading, false when there is none (a typed list, or none kept).
 */
export function useChittyPreview(orderId: string, chittyId: string, isPhoto: boolean): string | null | false {
  const [url, setUrl] = useState<string | null | false>(isPhoto ? null : false);
  useEffect(() => {
    if (!isPhoto) return;
    let objectUrl: string | null = null;
    let live = true;
    getDoc(doc(firebase().db, "orders", orderId, "chitty_previews", chittyId))
      .then((snap) => {
        const bytes = snap.get("bytes");
        if (!live) return;
        if (!(bytes instanceof Bytes)) return setUrl(false);
        objectUrl = URL.createObjectURL(new Blob([bytes.toUint8Array() as BlobPart], { type: "image/jpeg" }));
        setUrl(objectUrl);
      })
      .catch(() => live && setUrl(false)); // the lines as read still show
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [orderId, chittyId, isPhoto]);
  return url;
}
