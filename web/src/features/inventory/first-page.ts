/**
 * The first inventory rows before the Firestore SDK is loaded. index.html starts one request at
 * page load — Firestore's REST `runQuery` for the same first page the listener asks for (40
 * products by name), with the signed-in user's ID token, so the same security rules decide —
 * in parallel with the app's code. These functions turn its answer into products and merge it
 * with the listener's answers, so rows are never replaced by older ones:
 * - an answer from the server (listener) is the truth and replaces everything;
 * - an answer from the offline cache may be older than the REST page (read from the server at
 *   page load): per product, the higher `version` wins.
 * Products are only ever changed by the server (the console's edits go to `product_edits`), so a
 * cached product can never hold a local change the REST page lacks; pending edits are shown from
 * their own listener, as before.
 */
import type { Product, TimestampLike } from "./types";

/** Past this age (ms after navigation) the boot answer is not used: the listener knows better. */
const MAX_AGE_MS = 60_000;

/** The boot request's products, if it was made for this user and shop (else null). */
export async function bootFirstPage(uid: string, shopId: string): Promise<Product[] | null> {
  const pending = window.KIRANA_FIRST_PAGE;
  if (!pending || performance.now() > MAX_AGE_MS) return null;
  try {
    const boot = await pending;
    if (!boot || boot.uid !== uid || boot.shopId !== shopId) return null;
    return productsFromRunQuery(boot.body);
  } catch {
    return null;
  }
}

type RestValue = Record<string, unknown>;

function timestamp(iso: string): TimestampLike {
  const ms = Date.parse(iso);
  return { toMillis: () => ms, toDate: () => new Date(ms) };
}

/** One Firestore REST value (https://firebase.google.com/docs/firestore/reference/rest/v1/Value). */
export function decodeValue(v: RestValue): unknown {
  if ("stringValue" in v) return v.stringValue;
  if ("integerValue" in v) return Number(v.integerValue); // int64 as a string; ours are bounded well below 2^53
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("booleanValue" in v) return v.booleanValue;
  if ("nullValue" in v) return null;
  if ("timestampValue" in v) return timestamp(String(v.timestampValue));
  if ("arrayValue" in v) return ((v.arrayValue as { values?: RestValue[] }).values ?? []).map(decodeValue);
  if ("mapValue" in v) return decodeFields((v.mapValue as { fields?: Record<string, RestValue> }).fields ?? {});
  return null; // references, geo points, bytes: not in a product
}

function decodeFields(fields: Record<string, RestValue>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(fields)) out[k] = decodeValue(v);
  return out;
}

/** The products of a runQuery answer (an array of `{ document?, readTime }`); null if malformed. */
export function productsFromRunQuery(body: unknown): Product[] | null {
  if (!Array.isArray(body)) return null;
  const products: Product[] = [];
  for (const item of body as { document?: { name?: string; fields?: Record<string, RestValue> } }[]) {
    const d = item?.document;
    if (!d?.name || !d.fields) continue;
    const data = decodeFields(d.fields);
    if (typeof data.name !== "string" || typeof data.version !== "number") continue; // skip what is not a product
    products.push({ ...(data as Omit<Product, "id">), id: d.name.slice(d.name.lastIndexOf("/") + 1) });
  }
  return products;
}

/**
 * Rows from the offline cache, with the REST page's products where those are at least as new
 * (and the REST page's products the cache does not have yet).
 */
export function mergeFresher(cached: Product[], fresh: Product[]): Product[] {
  if (!fresh.length) return cached;
  const byId = new Map(fresh.map((p) => [p.id, p]));
  const merged = cached.map((p) => {
    const f = byId.get(p.id);
    if (!f) return p;
    byId.delete(p.id);
    return f.version >= p.version ? f : p;
  });
  return [...merged, ...byId.values()];
}
