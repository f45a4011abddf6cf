import { FieldPath, Timestamp, type DocumentReference, type Query, type QueryDocumentSnapshot, type Transaction, type WriteBatch } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { AppError } from "../platform/errors";
import { parseListed, parseSnapshot, parseStored } from "../platform/firestore";
import { AuditDoc, ProductDoc, StockMovementDoc, type ProductSort } from "./products.schema";

/** Firestore paths of the inventory domain (every one of them lives here). */
export const productsCol = (shopId: string) => db().collection("shops").doc(shopId).collection("products");
export const productRef = (shopId: string, productId: string) => productsCol(shopId).doc(productId);
export const movementsCol = (shopId: string) => db().collection("shops").doc(shopId).collection("stock_movements");
export const auditCol = (shopId: string) => db().collection("shops").doc(shopId).collection("audit");
export const shopRef = (shopId: string) => db().collection("shops").doc(shopId);

/** A transaction on one product may wait behind many writers; give it room to retry. */
const TX_MAX_ATTEMPTS = 30;

/** gRPC ALREADY_EXISTS, as the Admin SDK reports a create() of an existing document. */
const ALREADY_EXISTS = 6;

/** Reads one product, or null. */
export async function getProduct(shopId: string, productId: string): Promise<ProductDoc | null> {
  return parseSnapshot(ProductDoc, await productRef(shopId, productId).get());
}

/** True when the shop exists. */
export async function shopExists(shopId: string): Promise<boolean> {
  return (await shopRef(shopId).get()).exists;
}

/** Side records written with a product change, in the same atomic commit. */
export interface SideRecords {
  movement?: { id?: string; doc: StockMovementDoc } | null;
  audit?: AuditDoc | null;
}

/**
 * Creates a product (and its opening stock movement) atomically with create(): the document id
 * is the SKU-derived product id, so of two concurrent creates of one SKU exactly one wins.
 */
export async function insertProduct(shopId: string, productId: string, doc: ProductDoc, side: SideRecords): Promise<void> {
  const batch = db().batch();
  batch.create(productRef(shopId, productId), doc);
  writeSideRecords(batch, shopId, side);
  try {
    await batch.commit();
  } catch (err) {
    if ((err as { code?: number }).code === ALREADY_EXISTS) {
      const existing = await getProduct(shopId, productId);
      throw new AppError("CONFLICT", `A product with SKU ${productId} already exists in this shop`, existing ? { existing_version: existing.version } : undefined);
    }
    throw err;
  }
}

/** What a decision inside a product transaction wants written. */
export interface ProductMutation<T> extends SideRecords {
  /** The next product document, "delete" to remove it, or undefined to leave it. */
  product?: ProductDoc | "delete";
  result: T;
}

/**
 * Reads a product in a transaction, lets `decide` (pure rules) choose what to write, and writes
 * it atomically. A concurrent writer makes Firestore retry the whole function, so the version
 * check inside `decide` always sees the latest version: no update is ever lost.
 */
export async function mutateProduct<T>(
  shopId: string,
  productId: string,
  decide: (current: ProductDoc | null, ctx: { alreadyApplied: boolean }) => ProductMutation<T>,
  options: { movementId?: string } = {},
): Promise<T> {
  const ref = productRef(shopId, productId);
  return oneAtATime(ref.path, () => db().runTransaction(
    async (tx) => {
      const movementRef = options.movementId ? movementsCol(shopId).doc(options.movementId) : undefined;
      const [snap, movementSnap] = movementRef ? await tx.getAll(ref, movementRef) : [await tx.get(ref)];
      // A replay of a client-chosen movement id: `decide` answers, nothing more is written.
      const alreadyApplied = Boolean(movementSnap?.exists);
      const mutation = decide(parseSnapshot(ProductDoc, snap), { alreadyApplied });
      if (!alreadyApplied) writeMutation(tx, shopId, ref, mutation);
      return mutation.result;
    },
    { maxAttempts: TX_MAX_ATTEMPTS },
  ));
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key in this process has finished. Writers of
 * one product inside one instance then queue instead of aborting each other's transactions
 * (200 at once otherwise exhaust the retries). Correctness never depends on it: across
 * instances the transaction alone keeps every update.
 */
export function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/** A fresh random stock movement id. */
export function newMovementId(shopId: string): string {
  return movementsCol(shopId).doc().id;
}

/** Reads a movement, or null. */
export async function getMovement(shopId: string, movementId: string): Promise<StockMovementDoc | null> {
  return parseSnapshot(StockMovementDoc, await movementsCol(shopId).doc(movementId).get());
}

/** Writes a product mutation inside a transaction (also used by the edit trigger). */
export function writeMutation(tx: Transaction, shopId: string, ref: DocumentReference, mutation: SideRecords & { product?: ProductDoc | "delete" }): void {
  if (mutation.product === "delete") tx.delete(ref);
  else if (mutation.product) tx.set(ref, mutation.product);
  writeSideRecords(tx, shopId, mutation);
}

function writeSideRecords(writer: Pick<WriteBatch, "create"> | Pick<Transaction, "create">, shopId: string, side: SideRecords): void {
  if (side.movement) {
    const ref = side.movement.id ? movementsCol(shopId).doc(side.movement.id) : movementsCol(shopId).doc();
    (writer as Pick<WriteBatch, "create">).create(ref, side.movement.doc);
  }
  if (side.audit) (writer as Pick<WriteBatch, "create">).create(auditCol(shopId).doc(), side.audit);
}

/** The latest stock movements of one product, newest first. */
export async function listMovements(shopId: string, productId: string, limit: number): Promise<Array<{ id: string; doc: StockMovementDoc }>> {
  const shape = MOVEMENTS_BY_PRODUCT_QUERY;
  const snap = await movementsCol(shopId).where(shape.filters[0].field, "==", productId).orderBy(shape.orderBy[0].field, "desc").limit(limit).get();
  return snap.docs.map((d) => ({ id: d.id, doc: parseStored(StockMovementDoc, d.data(), d.ref.path) }));
}

// ---------------------------------------------------------------------------------------------
// Queries. Every query the code runs is built from a `QueryShape`, and every shape the code can
// produce is listed in QUERY_SHAPES, which a test checks against firestore.indexes.json.
// ---------------------------------------------------------------------------------------------

/** A filter or ordering of a query, in the vocabulary of firestore.indexes.json. */
export interface QueryShape {
  collectionGroup: string;
  filters: Array<{ field: string; op: "==" | "in" | "array-contains" }>;
  orderBy: Array<{ field: string; direction: "asc" | "desc" }>;
}

/** The stored field each API sort key orders by. */
export const SORT_FIELDS: Record<ProductSort, string> = {
  name: "name",
  quantity: "quantity",
  price: "unit_price_paise",
  updated_at: "updated_at",
};

/** What a product list asks of Firestore (the rest is filtered in memory). */
export interface ProductQueryOptions {
  categories: string[];
  /** The search token that goes into `array-contains`, if any. */
  searchToken?: string;
  sort: ProductSort;
  order: "asc" | "desc";
}

/** The shape of the query `options` builds. */
export function describeProductQuery(options: Pick<ProductQueryOptions, "sort" | "order"> & { categoryCount: number; search: boolean }): QueryShape {
  const filters: QueryShape["filters"] = [];
  if (options.categoryCount === 1) filters.push({ field: "category", op: "==" });
  if (options.categoryCount > 1) filters.push({ field: "category", op: "in" });
  if (options.search) filters.push({ field: "search_tokens", op: "array-contains" });
  return { collectionGroup: "products", filters, orderBy: [{ field: SORT_FIELDS[options.sort], direction: options.order }] };
}

/** The stock ledger of one product, newest first. */
export const MOVEMENTS_BY_PRODUCT_QUERY: QueryShape = {
  collectionGroup: "stock_movements",
  filters: [{ field: "product_id", op: "==" }],
  orderBy: [{ field: "at", direction: "desc" }],
};

/** Every query shape the inventory code can run. */
export const QUERY_SHAPES: QueryShape[] = (() => {
  const shapes: QueryShape[] = [MOVEMENTS_BY_PRODUCT_QUERY];
  for (const sort of Object.keys(SORT_FIELDS) as ProductSort[]) {
    for (const order of ["asc", "desc"] as const) {
      for (const categoryCount of [0, 1, 2]) {
        for (const search of [false, true]) shapes.push(describeProductQuery({ sort, order, categoryCount, search }));
      }
    }
  }
  return shapes;
})();

/** A position in a sorted list: the sort value and the document id (ties broken by id). */
export interface ListPosition {
  value: string | number;
  id: string;
}

function buildProductQuery(shopId: string, options: ProductQueryOptions): Query {
  const shape = describeProductQuery({ ...options, categoryCount: options.categories.length, search: Boolean(options.searchToken) });
  let query: Query = productsCol(shopId);
  for (const f of shape.filters) {
    const value = f.field === "category" ? (f.op === "in" ? options.categories : options.categories[0]) : options.searchToken;
    query = query.where(f.field, f.op, value);
  }
  for (const o of shape.orderBy) query = query.orderBy(o.field, o.direction);
  return query.orderBy(FieldPath.documentId(), options.order);
}

function positionOf(snap: QueryDocumentSnapshot, sort: ProductSort): ListPosition {
  const raw = snap.get(SORT_FIELDS[sort]);
  const value = raw instanceof Timestamp ? raw.toMillis() : (raw as string | number);
  return { value, id: snap.id };
}

function startValue(position: ListPosition, sort: ProductSort): unknown {
  return sort === "updated_at" ? Timestamp.fromMillis(Number(position.value)) : position.value;
}

/**
 * Lists products in order from `after`, keeping those `keep` accepts, until `want` are found or
 * the shop runs out. Filters Firestore cannot express (low stock compares two fields; further
 * search words) run in memory, scanning in batches. Returns what was found and, when more may
 * follow, the position of the last product returned.
 */
export async function scanProducts(
  shopId: string,
  options: ProductQueryOptions,
  after: ListPosition | null,
  want: number,
  keep: (doc: ProductDoc) => boolean,
): Promise<{ items: Array<{ id: string; doc: ProductDoc }>; next: ListPosition | null }> {
  const base = buildProductQuery(shopId, options);
  const batchSize = Math.min(500, Math.max(50, want + 1));
  const found: Array<{ id: string; doc: ProductDoc; position: ListPosition }> = [];
  let cursor = after;
  for (;;) {
    let query = base.limit(batchSize);
    if (cursor) query = query.startAfter(startValue(cursor, options.sort), cursor.id);
    const snap = await query.get();
    for (const d of snap.docs) {
      const doc = parseListed(ProductDoc, d.data(), d.ref.path);
      if (doc && keep(doc)) found.push({ id: d.id, doc, position: positionOf(d, options.sort) });
      if (found.length > want) break;
    }
    if (found.length > want || snap.size < batchSize) break;
    cursor = positionOf(snap.docs[snap.docs.length - 1], options.sort);
  }
  const more = found.length > want;
  const items = found.slice(0, want);
  return { items: items.map(({ id, doc }) => ({ id, doc })), next: more && items.length ? items[items.length - 1].position : null };
}
