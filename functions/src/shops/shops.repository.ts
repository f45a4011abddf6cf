import { db } from "../platform/firebase";
import { parseStoredOrSkip, parseSnapshot } from "../platform/firestore";
import { shopsCol } from "../identity/identity.repository";
import { ShopDoc } from "../identity/identity.schema";

/** A stored shop with its id. */
export interface StoredShop {
  id: string;
  doc: ShopDoc;
}

/** Parses a listed shop, skipping (and logging) a malformed one. */
function parseOrSkip(data: unknown, id: string, path: string): StoredShop | null {
  const doc = parseStoredOrSkip(ShopDoc, data, path);
  return doc ? { id, doc } : null;
}

/**
 * Shops whose geohash lies in any of the ranges (inclusive), each range read with
 * `orderBy(geohash).startAt(start).endAt(end)` in parallel, at most `capPerRange` documents a
 * range. Shops without a location have no geohash and are never returned.
 */
export async function shopsInGeohashRanges(ranges: Array<[string, string]>, capPerRange: number): Promise<{ shops: StoredShop[]; read: number; capped: boolean }> {
  const snaps = await Promise.all(ranges.map(([start, end]) => shopsCol().orderBy("geohash").startAt(start).endAt(end).limit(capPerRange).get()));
  const shops: StoredShop[] = [];
  let read = 0;
  for (const snap of snaps) {
    read += snap.size;
    for (const d of snap.docs) {
      const shop = parseOrSkip(d.data(), d.id, d.ref.path);
      if (shop) shops.push(shop);
    }
  }
  return { shops, read, capped: snaps.some((s) => s.size >= capPerRange) };
}

/** Every shop (the baseline the nearby query is measured against, and nothing else). */
export async function allShops(): Promise<StoredShop[]> {
  const snap = await shopsCol().get();
  return snap.docs.map((d) => parseOrSkip(d.data(), d.id, d.ref.path)).filter((s): s is StoredShop => s !== null);
}

/**
 * Reads a shop in a transaction, lets `decide` compute the next document (or refuse), and
 * writes it when it changed. Returns what `decide` returned.
 */
export async function mutateShop<T>(shopId: string, decide: (current: ShopDoc | null) => { next?: ShopDoc; result: T }): Promise<T> {
  return db().runTransaction(async (tx) => {
    const ref = shopsCol().doc(shopId);
    const { next, result } = decide(parseSnapshot(ShopDoc, await tx.get(ref)));
    if (next) tx.set(ref, next);
    return result;
  });
}
