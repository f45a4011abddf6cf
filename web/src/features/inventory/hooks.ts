import { useEffect, useMemo, useState } from "react";
import {
  collection,
  doc,
  limit,
  onSnapshot,
  orderBy,
  query,
  where,
  type DocumentData,
  type QueryDocumentSnapshot,
} from "firebase/firestore";
import { firebase } from "../../lib/firebase";
import type { Product, ProductEdit } from "./types";

function toProduct(d: QueryDocumentSnapshot<DocumentData> | { id: string; data(): DocumentData | undefined }): Product {
  return { id: d.id, ...(d.data() as Omit<Product, "id">) };
}

/** Rows shown while the whole catalog streams in: the first screenful arrives in one small answer. */
const FIRST_PAGE = 40;

export interface ProductsState {
  products: Product[];
  /** True until the first answer (cache or server). */
  loading: boolean;
  /** The whole catalog has arrived (not only the first page). */
  complete: boolean;
  fromCache: boolean;
  error: string | null;
}

/**
 * Live catalog of a shop: one listener on its products (served from the offline cache first).
 * A small first-page listener answers at once so the first rows show before the whole catalog
 * (thousands of products on a slow line) has arrived.
 */
export function useProducts(shopId: string | null): ProductsState {
  const [state, setState] = useState<ProductsState>({ products: [], loading: true, complete: false, fromCache: false, error: null });
  useEffect(() => {
    if (!shopId) return;
    setState({ products: [], loading: true, complete: false, fromCache: false, error: null });
    const { db } = firebase();
    const col = collection(db, "shops", shopId, "products");
    let complete = false;
    let stopAll: (() => void) | null = null;
    // The whole catalog is asked for only once the first page has answered: on one slow line
    // the two would otherwise share the bandwidth and the first rows would wait for thousands.
    const listenToAll = () =>
      onSnapshot(
        col,
        (snap) => {
          // An answer from the cache on a first visit says nothing yet; wait for the server.
          // Nor does a cache holding only the first page (it would read "40 of 40 products").
          if (snap.metadata.fromCache && snap.size <= FIRST_PAGE) return;
          complete = true;
          stopFirst();
          setState({ products: snap.docs.map(toProduct), loading: false, complete: true, fromCache: snap.metadata.fromCache, error: null });
        },
        (e) => setState((s) => ({ ...s, loading: false, error: e.message })),
      );
    const stopFirst = onSnapshot(
      query(col, orderBy("name"), limit(FIRST_PAGE)),
      (snap) => {
        const nothingYet = snap.empty && snap.metadata.fromCache; // first visit: wait for the server
        if (!stopAll && !nothingYet) stopAll = listenToAll();
        if (complete || nothingYet) return;
        setState((s) => ({ ...s, products: snap.docs.map(toProduct), loading: false, fromCache: snap.metadata.fromCache }));
      },
      () => {
        if (!stopAll) stopAll = listenToAll();
      },
    );
    return () => {
      stopFirst();
      stopAll?.();
    };
  }, [shopId]);
  return state;
}

/** One product, live; null while loading, undefined when it does not exist. */
export function useProduct(shopId: string | null, productId: string): Product | null | undefined {
  const [product, setProduct] = useState<Product | null | undefined>(null);
  useEffect(() => {
    if (!shopId) return;
    return onSnapshot(doc(firebase().db, "shops", shopId, "products", productId), (snap) =>
      setProduct(snap.exists() ? toProduct(snap) : undefined),
    );
  }, [shopId, productId]);
  return product;
}

/**
 * This user's offline edits that still need attention (pending or conflicted), live, including
 * those still queued on this device (their `unsynced` flag is set).
 */
export function useMyOpenEdits(shopId: string | null, uid: string | null): ProductEdit[] {
  const [edits, setEdits] = useState<ProductEdit[]>([]);
  useEffect(() => {
    if (!shopId || !uid) return;
    const q = query(
      collection(firebase().db, "shops", shopId, "product_edits"),
      where("created_by", "==", uid),
      where("status", "in", ["pending", "conflict"]),
    );
    return onSnapshot(
      q,
      { includeMetadataChanges: true },
      (snap) =>
        setEdits(
          snap.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<ProductEdit, "id" | "unsynced">), unsynced: d.metadata.hasPendingWrites })),
        ),
      () => setEdits([]),
    );
  }, [shopId, uid]);
  return edits;
}

/** Pending stock deltas per product (adjustments not yet applied), for the "pending" badges. */
export function usePendingDeltas(edits: ProductEdit[]): Map<string, number> {
  return useMemo(() => {
    const map = new Map<string, number>();
    for (const e of edits) {
      if (e.status === "pending" && e.kind === "adjustment" && e.delta) map.set(e.product_id, (map.get(e.product_id) ?? 0) + e.delta);
    }
    return map;
  }, [edits]);
}

export interface Movement {
  id: string;
  delta: number;
  reason: string;
  quantity_after: number;
  actor_id: string;
  source: string;
  at: { toDate(): Date } | null;
}

export interface AuditRecord {
  id: string;
  action: string;
  actor_id: string;
  source: string;
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  at: { toDate(): Date } | null;
}

function useRecent<T>(shopId: string | null, collectionName: string, productId: string, enabled = true): T[] | null {
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!shopId || !enabled) return;
    const q = query(
      collection(firebase().db, "shops", shopId, collectionName),
      where("product_id", "==", productId),
      orderBy("at", "desc"),
      limit(50),
    );
    return onSnapshot(
      q,
      (snap) => setRows(snap.docs.map((d) => ({ id: d.id, ...d.data() }) as T)),
      () => setRows([]),
    );
  }, [shopId, collectionName, productId, enabled]);
  return rows;
}

/** A product's stock ledger, newest first (50). */
export function useMovements(shopId: string | null, productId: string): Movement[] | null {
  return useRecent<Movement>(shopId, "stock_movements", productId);
}

/** A product's price audit, newest first (owners only: the rules hide it from staff). */
export function useAudit(shopId: string | null, productId: string, isOwner: boolean): AuditRecord[] | null {
  return useRecent<AuditRecord>(shopId, "audit", productId, isOwner);
}
