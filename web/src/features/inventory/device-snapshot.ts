/**
 * The inventory's first screen as this device last saw it from the server (localStorage), so a
 * reload paints rows at once — before the Firestore SDK (160 kB to parse) has opened its
 * IndexedDB cache and answered, which takes seconds on a slow phone. It is the same data the
 * offline cache would show first, only cheaper to read, and it is merged exactly like the
 * cache's answers (first-page.ts: per product the higher `version`; the server replaces all).
 * Written for the first page (by name) and this user's open edits, so pending and conflicted
 * edits show with the rows; cleared at sign-out.
 */
import type { Product, ProductEdit } from "./types";

const PREFIX = "kirana.device.";
const key = (kind: "rows" | "edits", uid: string, shopId: string) => `${PREFIX}${kind}.${uid}.${shopId}`;

type StoredProduct = Omit<Product, "updated_at"> & { updated_at_ms: number | null };

function read<T>(k: string): T | null {
  try {
    const text = localStorage.getItem(k);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(k: string, value: unknown): void {
  try {
    localStorage.setItem(k, JSON.stringify(value));
  } catch {
    // full or disabled storage: the Firestore cache still serves the next load, only later
  }
}

/** The first rows this device last had from the server for this shop (null: none). */
export function readRows(uid: string, shopId: string): Product[] | null {
  const stored = read<StoredProduct[]>(key("rows", uid, shopId));
  if (!Array.isArray(stored)) return null;
  return stored.map(({ updated_at_ms, ...p }) => ({
    ...p,
    updated_at: updated_at_ms == null ? null : { toMillis: () => updated_at_ms, toDate: () => new Date(updated_at_ms) },
  }));
}

/** Keeps the first `count` rows by name (the inventory's default order) of a server answer. */
export function writeRows(uid: string, shopId: string, products: Product[], count: number): void {
  const first = [...products].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).slice(0, count);
  write(
    key("rows", uid, shopId),
    first.map(({ updated_at, ...p }): StoredProduct => ({ ...p, updated_at_ms: updated_at ? updated_at.toMillis() : null })),
  );
}

/** This user's open edits as last seen (pending ones still queued on the device included). */
export function readEdits(uid: string, shopId: string): ProductEdit[] | null {
  const stored = read<ProductEdit[]>(key("edits", uid, shopId));
  return Array.isArray(stored) ? stored : null;
}

export function writeEdits(uid: string, shopId: string, edits: ProductEdit[]): void {
  write(key("edits", uid, shopId), edits);
}

/** Forgets every shop's snapshot of this user (at sign-out). */
export function clearDeviceSnapshots(uid: string): void {
  for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX) && k.includes(`.${uid}.`)) localStorage.removeItem(k);
}
