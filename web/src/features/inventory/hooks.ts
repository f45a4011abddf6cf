import { useEffect, useMemo, useState } from "react";
import type { DocumentData, QueryDocumentSnapshot } from "firebase/firestore";
import { loadFirestore, type FirestoreHandle } from "../../lib/firebase";
import { readEdits, readRows, writeEdits, writeRows } from "./device-snapshot";
import { markFirstRows } from "../../lib/first-rows";
import { bootFirstPage, mergeFresher } from "./first-page";
import type { Product, ProductEdit } from "./types";

function toProduct(d: QueryDocumentSnapshot<DocumentData> | { id: string; data(): DocumentData | undefined }): Product {
  return { id: d.id, ...(d.data() as Omit<Product, "id">) };
}

/**
 * Starts `listen` once the Firestore SDK has loaded (it is not in the first download) and returns
 * the clean-up for a `useEffect`: it stops the listener, or cancels one not started yet.
 */
function whenFirestore(listen: (fs: FirestoreHandle) => () => void, onError?: (e: Error) => void): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  loadFirestore().then(
    (fs) => {
      if (!cancelled) stop = listen(fs);
    },
    (e: Error) => onError?.(e),
  );
  return () => {
    cancelled = true;
    stop?.();
  };
}

/** Rows shown while the whole catalog streams in: the first screenful arrives in one small answer. */
const FIRST_PAGE = 40;

export interface ProductsState {
  products: Product[];
  /** True until the first answer (boot request, cache or server). */
  loading: boolean;
  /** The whole catalog has arrived (not only the first page). */
  complete: boolean;
  fromCache: boolean;
  error: string | null;
}

/**
 * Live catalog of a shop: one listener on its products (served from the offline cache first).
 * A small first-page listener answers at once so the first rows show before the whole catalog
 * (thousands of products on a slow line) has arrived. Before either (`uid` given: the signed-in
 * user's): the rows this device last had from the server (device-snapshot.ts) and the first page
 * index.html asked the REST API for at page load — see first-page.ts for why the merge never
 * shows a product older than the cache would.
 */
export function useProducts(shopId: string | null, uid: string | null = null): ProductsState {
  const [state, setState] = useState<ProductsState>(() => initialProducts(shopId, uid));
  useEffect(() => {
    if (!shopId) return;
    // Until a listener answers from the server, rows come from sources that may be behind it —
    // this device's snapshot, the boot request, the offline cache — merged so that per product
    // the newest version shows (first-page.ts). The server's answer replaces them all.
    const initial = initialProducts(shopId, uid);
    setState(initial);
    let provisional = initial.products; // snapshot + boot rows
    let complete = false;
    let fromServer = false;
    let stopped = false;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    if (initial.products.length) markFirstRows("device");
    if (uid)
      void bootFirstPage(uid, shopId).then((rows) => {
        if (stopped || fromServer || !rows?.length) return;
        provisional = mergeFresher(provisional, rows);
        markFirstRows("boot");
        setState((s) => ({ ...s, products: mergeFresher(s.products, rows), loading: false }));
      });
    /** A listener's rows: the server's as they are (and kept for the next load); the cache's merged. */
    const rowsOf = (docs: QueryDocumentSnapshot<DocumentData>[], cached: boolean) => {
      const rows = docs.map(toProduct);
      if (rows.length) markFirstRows(cached ? "cache" : "server");
      if (cached) return mergeFresher(rows, provisional);
      fromServer = true;
      if (uid) {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => writeRows(uid, shopId, rows, FIRST_PAGE), 1000);
      }
      return rows;
    };
    const stop = whenFirestore(
      ({ db, sdk }) => {
        const col = sdk.collection(db, "shops", shopId, "products");
        let stopAll: (() => void) | null = null;
        // The whole catalog is asked for only once the first page has answered: on one slow line
        // the two would otherwise share the bandwidth and the first rows would wait for thousands.
        const listenToAll = () =>
          sdk.onSnapshot(
            col,
            (snap) => {
              // An answer from the cache on a first visit says nothing yet; wait for the server.
              // Nor does a cache holding only the first page (it would read "40 of 40 products").
              if (snap.metadata.fromCache && snap.size <= FIRST_PAGE) return;
              complete = true;
              stopFirst();
              const products = rowsOf(snap.docs, snap.metadata.fromCache);
              setState({ products, loading: false, complete: true, fromCache: snap.metadata.fromCache, error: null });
            },
            (e) => setState((s) => ({ ...s, loading: false, error: e.message })),
          );
        const stopFirst = sdk.onSnapshot(
          sdk.query(col, sdk.orderBy("name"), sdk.limit(FIRST_PAGE)),
          (snap) => {
            const nothingYet = snap.empty && snap.metadata.fromCache; // first visit: wait for the server
            if (!stopAll && !nothingYet) stopAll = listenToAll();
            if (complete || nothingYet) return;
            const products = rowsOf(snap.docs, snap.metadata.fromCache);
            setState((s) => ({ ...s, products, loading: false, fromCache: snap.metadata.fromCache }));
          },
          () => {
            if (!stopAll) stopAll = listenToAll();
          },
        );
        return () => {
          stopFirst();
          stopAll?.();
        };
      },
      (e) => setState((s) => ({ ...s, loading: false, error: `The app could not load its data code: ${e.message}` })),
    );
    return () => {
      stopped = true;
      clearTimeout(saveTimer);
      stop();
    };
  }, [shopId, uid]);
  return state;
}

function initialProducts(shopId: string | null, uid: string | null): ProductsState {
  const saved = shopId && uid ? readRows(uid, shopId) : null;
  return { products: saved ?? [], loading: !saved?.length, complete: false, fromCache: true, error: null };
}

/** One product, live; null while loading, undefined when it does not exist. */
export function useProduct(shopId: string | null, productId: string): Product | null | undefined {
  const [product, setProduct] = useState<Product | null | undefined>(null);
  useEffect(() => {
    if (!shopId) return;
    return whenFirestore(({ db, sdk }) =>
      sdk.onSnapshot(sdk.doc(db, "shops", shopId, "products", productId), (snap) => setProduct(snap.exists() ? toProduct(snap) : undefined)),
    );
  }, [shopId, productId]);
  return product;
}

/**
 * This user's offline edits that still need attention (pending or conflicted), live, including
 * those still queued on this device (their `unsynced` flag is set).
 */
export function useMyOpenEdits(shopId: string | null, uid: string | null): ProductEdit[] {
  // As this device last saw them until the listener answers (it answers from the cache first).
  const [edits, setEdits] = useState<ProductEdit[]>(() => (shopId && uid ? (readEdits(uid, shopId) ?? []) : []));
  useEffect(() => {
    if (!shopId || !uid) return;
    setEdits(readEdits(uid, shopId) ?? []);
    return whenFirestore(({ db, sdk }) => {
      const q = sdk.query(
        sdk.collection(db, "shops", shopId, "product_edits"),
        sdk.where("created_by", "==", uid),
        sdk.where("status", "in", ["pending", "conflict"]),
      );
      return sdk.onSnapshot(
        q,
        { includeMetadataChanges: true },
        (snap) => {
          const open = snap.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<ProductEdit, "id" | "unsynced">), unsynced: d.metadata.hasPendingWrites }));
          setEdits(open);
          writeEdits(uid, shopId, open);
        },
        () => setEdits([]),
      );
    });
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
    return whenFirestore(({ db, sdk }) => {
      const q = sdk.query(
        sdk.collection(db, "shops", shopId, collectionName),
        sdk.where("product_id", "==", productId),
        sdk.orderBy("at", "desc"),
        sdk.limit(50),
      );
      return sdk.onSnapshot(
        q,
        (snap) => setRows(snap.docs.map((d) => ({ id: d.id, ...d.data() }) as T)),
        () => setRows([]),
      );
    });
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
