import { AppError } from "../platform/errors";
import { isWellFormedText, z } from "../platform/schema";
import { readSummary } from "../kpis/kpis.repository";
import { msSince, now } from "../platform/clock";
import type { ShopRole } from "../identity/identity.schema";
import { getProduct, insertProduct, listMovements, mutateProduct, newMovementId, scanProducts, shopExists, type ListPosition } from "./products.repository";
import { logProductCreated, logProductDeleted, logProductUpdateConflicted, logProductUpdated, logStockAdjusted } from "./products.logs";
import {
  isLowStock,
  newStoredProduct,
  productBoundsProblem,
  PRODUCT_BOUNDS,
  EDITABLE_FIELDS,
  paiseToRupees,
  productIdForSku,
  rupeesToPaise,
  searchTokens,
  type AuditDoc,
  type CreateProductBody,
  type EditableField,
  type ProductChanges,
  type ProductDoc,
  type ProductResponse,
  type StockMovementDoc,
  type StockReason,
  type UpdateProductBody,
  type AdjustStockBody,
  type AdjustmentReason,
  type ListProductsQuery,
  type StockMovementResponse,
  ProductIdParams,
} from "./products.schema";

/**
 * The business rules of products as plain functions: no Firestore, no HTTP. The repository
 * runs them inside transactions; the CSV import reuses `applyProductChanges`.
 */

/** Who makes a change and through which path. */
export interface ChangeContext {
  actorId: string;
  at: Date;
  source: StockMovementDoc["source"];
  /** The request, edit or import that caused it. */
  ref: string | null;
}

/** Renders a stored product for the API (money in rupees, dates as ISO strings). */
export function toProductResponse(id: string, doc: ProductDoc): ProductResponse {
  return {
    id,
    sku: doc.sku,
    name: doc.name,
    category: doc.category,
    quantity: doc.quantity,
    unit_price: paiseToRupees(doc.unit_price_paise),
    low_stock_threshold: doc.low_stock_threshold,
    low_stock: isLowStock(doc),
    mrp: doc.mrp_paise === null ? null : paiseToRupees(doc.mrp_paise),
    unit: doc.unit,
    barcode: doc.barcode,
    version: doc.version,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString(),
    updated_by: doc.updated_by,
  };
}


/** A new stored product from a create request, at version 1. */
export function newProductDoc(body: CreateProductBody, actorId: string, at: Date): ProductDoc {
  assertWithinBounds(body.quantity, rupeesToPaise(body.unit_price), body.mrp == null ? null : rupeesToPaise(body.mrp), body.low_stock_threshold);
  return newStoredProduct(
    {
      ...body,
      unit_price_paise: rupeesToPaise(body.unit_price),
      mrp_paise: body.mrp === undefined || body.mrp === null ? null : rupeesToPaise(body.mrp),
    },
    actorId,
    at,
  );
}

/**
 * Turns an update request (rupees, echoed read-only fields) into stored-field changes. `id`
 * and `sku` may be echoed back but never changed: the SKU is the product's identity.
 */
export function changesFromUpdateBody(productId: string, current: Pick<ProductDoc, "sku">, body: UpdateProductBody): ProductChanges {
  if (body.id !== undefined && body.id !== productId) {
    throw new AppError("INVALID_DATA", `id is immutable (this product is ${productId})`);
  }
  if (body.sku !== undefined && productIdForSku(body.sku) !== productIdForSku(current.sku)) {
    throw new AppError("INVALID_DATA", `sku is immutable (this product is ${current.sku}); create a new product instead`);
  }
  const changes: ProductChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.category !== undefined) changes.category = body.category;
  if (body.quantity !== undefined) changes.quantity = body.quantity;
  if (body.unit_price !== undefined) changes.unit_price_paise = rupeesToPaise(body.unit_price);
  if (body.low_stock_threshold !== undefined) changes.low_stock_threshold = body.low_stock_threshold;
  if (body.mrp !== undefined) changes.mrp_paise = body.mrp === null ? null : rupeesToPaise(body.mrp);
  if (body.unit !== undefined) changes.unit = body.unit;
  if (body.barcode !== undefined) changes.barcode = body.barcode;
  return changes;
}

/**
 * Refuses (422) products that would take the shop past PRODUCT_BOUNDS.maxCatalogProducts. The
 * count is the KPI summary's (it may lag by about a second, so a burst can overshoot by a few;
 * the sums stay exact far beyond: 2^53 / ₹1 crore is 9 million products).
 */
export async function assertCatalogHasRoom(shopId: string, adding: number): Promise<void> {
  const count = (await readSummary(shopId))?.totals?.products ?? 0;
  if (count + adding > PRODUCT_BOUNDS.maxCatalogProducts) {
    throw new AppError("UNPROCESSABLE", `This shop already has ${count.toLocaleString("en-IN")} products; a shop holds at most ${PRODUCT_BOUNDS.maxCatalogProducts.toLocaleString("en-IN")}`, { bounds: PRODUCT_BOUNDS });
  }
}

/** Refuses (400) a product whose numbers break PRODUCT_BOUNDS; -0 never gets this far (see route.ts). */
export function assertWithinBounds(quantity: number, unitPricePaise: number, mrpPaise: number | null, threshold: number, kind: "INVALID_DATA" | "UNPROCESSABLE" = "INVALID_DATA"): void {
  const problem = productBoundsProblem({ quantity, unit_price_paise: unitPricePaise, mrp_paise: mrpPaise, low_stock_threshold: threshold });
  if (problem) throw new AppError(kind, problem, { bounds: PRODUCT_BOUNDS });
}

/** The fields whose requested value differs from the stored one. */
export function diffProduct(current: ProductDoc, changes: ProductChanges): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== current[field]);
}

/** The result of applying changes: what changed and the next stored document. */
export interface AppliedChanges {
  changed: EditableField[];
  /** The next document (version + 1), or the current one untouched when nothing changed. */
  next: ProductDoc;
}

/**
 * Applies field changes to a stored product: diff → changed fields → a new document with
 * `version + 1`, `updated_*` set and `search_tokens` recomputed. A change that changes nothing
 * returns the current document as-is (no version bump). Reused by the CSV import.
 */
export function applyProductChanges(current: ProductDoc, changes: ProductChanges, by: { actorId: string; at: Date }): AppliedChanges {
  const changed = diffProduct(current, changes);
  if (changed.length === 0) return { changed, next: current };
  const next: ProductDoc = { ...current };
  for (const field of changed) (next as Record<string, unknown>)[field] = changes[field];
  assertWithinBounds(next.quantity, next.unit_price_paise, next.mrp_paise, next.low_stock_threshold);
  next.search_tokens = searchTokens(next.name, next.sku);
  next.version = current.version + 1;
  next.updated_at = by.at;
  next.updated_by = by.actorId;
  return { changed, next };
}

/** Refuses a change made against another version; the error carries the current product. */
export function assertVersion(productId: string, current: ProductDoc, expected: number | undefined): void {
  if (expected === undefined || expected === current.version) return;
  throw new AppError("CONFLICT", `Product ${productId} was changed by someone else: you edited version ${expected}, it is now version ${current.version}`, {
    current: toProductResponse(productId, current),
    your_version: expected,
  });
}

/** The staff price tripwire: staff may change anything but the price (an unchanged price is fine). */
export function assertPriceChangeAllowed(role: ShopRole, current: ProductDoc, changes: ProductChanges): void {
  if (role === "owner") return;
  if (changes.unit_price_paise !== undefined && changes.unit_price_paise !== current.unit_price_paise) {
    throw new AppError("FORBIDDEN", "Only the shop owner can change unit_price");
  }
}

/** The stock movement a quantity change leaves, or null when the quantity did not change. */
export function movementFor(productId: string, before: number, after: ProductDoc, reason: StockReason, ctx: ChangeContext): StockMovementDoc | null {
  const delta = after.quantity - before;
  if (delta === 0) return null;
  return { product_id: productId, sku: after.sku, delta, reason, quantity_after: after.quantity, actor_id: ctx.actorId, source: ctx.source, ref: ctx.ref, at: ctx.at };
}

/** The audit record of a price change, or null when the price did not change. */
export function priceAuditFor(productId: string, before: ProductDoc, after: ProductDoc, ctx: ChangeContext): AuditDoc | null {
  if (before.unit_price_paise === after.unit_price_paise && before.mrp_paise === after.mrp_paise) return null;
  return {
    action: "product.price-changed",
    product_id: productId,
    sku: after.sku,
    actor_id: ctx.actorId,
    source: ctx.source,
    before: { unit_price_paise: before.unit_price_paise, mrp_paise: before.mrp_paise, version: before.version },
    after: { unit_price_paise: after.unit_price_paise, mrp_paise: after.mrp_paise, version: after.version },
    ref: ctx.ref,
    at: ctx.at,
  };
}

/** The audit record of a deletion, keeping the whole product as it was. */
export function deletionAuditFor(productId: string, before: ProductDoc, ctx: ChangeContext): AuditDoc {
  const { search_tokens: _tokens, ...kept } = before;
  return {
    action: "product.deleted",
    product_id: productId,
    sku: before.sku,
    actor_id: ctx.actorId,
    source: ctx.source,
    before: { ...kept, created_at: before.created_at.toISOString(), updated_at: before.updated_at.toISOString() },
    after: null,
    ref: ctx.ref,
    at: ctx.at,
  };
}

/** Applies a relative stock change; refuses to go below zero. Adjustments never conflict. */
export function applyStockAdjustment(current: ProductDoc, delta: number, by: { actorId: string; at: Date }): ProductDoc {
  const quantity = current.quantity + delta;
  if (quantity < 0) {
    throw new AppError("UNPROCESSABLE", `Not enough stock: ${current.quantity} in stock, cannot remove ${-delta}`, { quantity: current.quantity, delta });
  }
  assertWithinBounds(quantity, current.unit_price_paise, null, 0, "UNPROCESSABLE");
  return { ...current, quantity, version: current.version + 1, updated_at: by.at, updated_by: by.actorId };
}

/** The ETag of a product version (strong: a version names exactly one content). */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version named by an `If-Match` header (`"3"`, `W/"3"` or `3`); `*` means "any version"
 * and yields undefined. Anything else is a 400.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "" || header.trim() === "*") return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new AppError("INVALID_DATA", `If-Match must be an ETag this API gave out, like "3" (got ${header})`);
  return Number(match[1]);
}

/** Merges the body's `version` with `If-Match`; they must agree when both are given. */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number | undefined {
  const fromHeader = versionFromIfMatch(ifMatch);
  if (bodyVersion !== undefined && fromHeader !== undefined && bodyVersion !== fromHeader) {
    throw new AppError("INVALID_DATA", `version ${bodyVersion} and If-Match ${ifMatch} disagree`);
  }
  return bodyVersion ?? fromHeader;
}

/** Renders a stored movement for the API. */
export function toMovementResponse(id: string, doc: StockMovementDoc): StockMovementResponse {
  return { id, ...doc, at: doc.at.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Use cases: each runs the rules above inside one repository transaction or batch.
// ---------------------------------------------------------------------------------------------

/** Most products a plain (unpaginated) list returns; the MSME client expects one array. */
export const MAX_PLAIN_LIST = 1000;

/** A cursor is opaque to clients: the sort, and the position of the last product returned. */
export function encodeCursor(query: Pick<ListProductsQuery, "sort" | "order">, position: ListPosition): string {
  return Buffer.from(JSON.stringify({ s: query.sort, o: query.order, v: position.value, i: position.id })).toString("base64url");
}

/** What a cursor decodes to: checked field by field, so no decoded value can reach a query unchecked. */
const CursorContents = z
  .object({
    s: z.string(),
    o: z.string(),
    // Numbers stay within what a Firestore Timestamp can hold (updated_at cursors are epoch ms).
    v: z.union([z.string().max(1000), z.number().finite().min(-62_135_596_800_000).max(253_402_300_799_999)]),
    i: ProductIdParams.shape.id,
  })
  .strict();

/** Reads a cursor back; it must come from a list with the same sort. Anything else is a 400. */
export function decodeCursor(query: Pick<ListProductsQuery, "sort" | "order">, cursor: string): ListPosition {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  }
  const parsed = CursorContents.safeParse(raw);
  if (!parsed.success || !isWellFormedText(JSON.stringify(raw))) throw new AppError("INVALID_DATA", "cursor is not one this API gave out");
  if (parsed.data.s !== query.sort || parsed.data.o !== query.order || (typeof parsed.data.v === "number") !== NUMERIC_SORTS.has(query.sort)) {
    throw new AppError("INVALID_DATA", "cursor does not belong to this sort order; start again without it");
  }
  return { value: parsed.data.v, id: parsed.data.i };
}

/** Sorts whose cursor value is a number (updated_at is stored in the cursor as epoch ms). */
const NUMERIC_SORTS = new Set<ListProductsQuery["sort"]>(["quantity", "price", "updated_at"]);

/** Search words, lower-cased and cut like the stored tokens (prefixes of at most 20 characters). */
export function searchWords(search: string | undefined): string[] {
  if (!search) return [];
  return search.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => w.slice(0, 20));
}

/** Lists a shop's products: search, filters, sort, and cursor pagination when asked for. */
export async function listProducts(shopId: string, query: ListProductsQuery): Promise<{ items: ProductResponse[]; next_cursor: string | null; paginated: boolean }> {
  const words = searchWords(query.search);
  const paginated = query.limit !== undefined || query.cursor !== undefined;
  const want = paginated ? (query.limit ?? 50) : MAX_PLAIN_LIST;
  const after = query.cursor ? decodeCursor(query, query.cursor) : null;
  // The longest word narrows most in Firestore; the others are checked in memory.
  const searchToken = [...words].sort((a, b) => b.length - a.length)[0];
  const keep = (doc: ProductDoc): boolean =>
    words.every((w) => doc.search_tokens.includes(w)) &&
    (query.low_stock === undefined || isLowStock(doc) === query.low_stock) &&
    (query.in_stock === undefined || doc.quantity > 0 === query.in_stock);
  const { items, next } = await scanProducts(shopId, { categories: query.category, searchToken, sort: query.sort, order: query.order }, after, want, keep);
  return {
    items: items.map(({ id, doc }) => toProductResponse(id, doc)),
    next_cursor: paginated && next ? encodeCursor(query, next) : null,
    paginated,
  };
}

/** A shop's catalog may be read by its members and, with an explicit shop id, by any signed-in user. */
export async function assertCatalogReadable(shopId: string): Promise<void> {
  if (!(await shopExists(shopId))) throw new AppError("NOT_FOUND", `No shop ${shopId}`);
}

/** Reads one product for the API, or 404. */
export async function readProduct(shopId: string, productId: string): Promise<ProductResponse> {
  const doc = await getProduct(shopId, productId);
  if (!doc) throw new AppError("NOT_FOUND", `No product ${productId} in this shop`);
  return toProductResponse(productId, doc);
}

/** Creates a product at version 1; a duplicate SKU is a 409, decided atomically by the id. */
export async function createProduct(shopId: string, body: CreateProductBody, actorId: string): Promise<ProductResponse> {
  const start = process.hrtime.bigint();
  const at = now();
  const productId = productIdForSku(body.sku);
  const doc = newProductDoc(body, actorId, at);
  const ctx: ChangeContext = { actorId, at, source: "api", ref: null };
  await assertCatalogHasRoom(shopId, 1);
  const movement = movementFor(productId, 0, doc, "create", ctx);
  await insertProduct(shopId, productId, doc, { movement: movement ? { doc: movement } : null });
  logProductCreated({ shopId, productId, actorId, quantity: doc.quantity, latencyMs: msSince(start) });
  return toProductResponse(productId, doc);
}

/**
 * Updates a product against the version the client saw, atomically: stale → 409 with the
 * current product; staff changing the price → 403; nothing changed → no write, no bump.
 */
export async function updateProduct(
  shopId: string,
  role: ShopRole,
  productId: string,
  body: UpdateProductBody,
  version: number | undefined,
  actorId: string,
): Promise<{ product: ProductResponse; changed: EditableField[] }> {
  const start = process.hrtime.bigint();
  if (version === undefined) throw new AppError("INVALID_DATA", "Send the version you last saw (in the body as `version`, or as an If-Match header)");
  const ctx: ChangeContext = { actorId, at: now(), source: "api", ref: null };
  try {
    const { next, changed } = await mutateProduct(shopId, productId, (current) => {
      if (!current) throw new AppError("NOT_FOUND", `No product ${productId} in this shop`);
      assertVersion(productId, current, version);
      const changes = changesFromUpdateBody(productId, current, body);
      assertPriceChangeAllowed(role, current, changes);
      const applied = applyProductChanges(current, changes, ctx);
      if (applied.changed.length === 0) return { result: applied };
      const movement = movementFor(productId, current.quantity, applied.next, "edit", ctx);
      return {
        product: applied.next,
        movement: movement ? { doc: movement } : null,
        audit: priceAuditFor(productId, current, applied.next, ctx),
        result: applied,
      };
    });
    if (changed.length) logProductUpdated({ shopId, productId, actorId, version: next.version, changed, source: "api", latencyMs: msSince(start) });
    return { product: toProductResponse(productId, next), changed };
  } catch (err) {
    if (err instanceof AppError && err.kind === "CONFLICT") {
      const current = err.details?.current as ProductResponse | undefined;
      logProductUpdateConflicted({ shopId, productId, actorId, expectedVersion: version, currentVersion: current?.version ?? -1 });
    }
    throw err;
  }
}

/** Deletes a product (owners), version-checked when a version is given; leaves an audit record. */
export async function deleteProduct(shopId: string, productId: string, version: number | undefined, actorId: string): Promise<void> {
  const start = process.hrtime.bigint();
  const ctx: ChangeContext = { actorId, at: now(), source: "api", ref: null };
  const deleted = await mutateProduct(shopId, productId, (current) => {
    if (!current) throw new AppError("NOT_FOUND", `No product ${productId} in this shop`);
    assertVersion(productId, current, version);
    const emptied = { ...current, quantity: 0 };
    const movement = movementFor(productId, current.quantity, emptied, "delete", ctx);
    return { product: "delete", movement: movement ? { doc: movement } : null, audit: deletionAuditFor(productId, current, ctx), result: current };
  });
  logProductDeleted({ shopId, productId, actorId, version: deleted.version, latencyMs: msSince(start) });
}

/**
 * Movement id of a client-chosen adjustment id, so a replay applies once. Scoped to the product:
 * the same client id on another product is another adjustment.
 */
export function adjustmentMovementId(productId: string, clientId: string): string {
  return `adj-${productId}-${clientId}`;
}

/** A replayed adjustment id must carry the request it was first used with; anything else is a 409. */
export function assertSameAdjustment(productId: string, clientId: string, stored: StockMovementDoc, body: Pick<AdjustStockBody, "delta" | "reason">): void {
  if (stored.product_id === productId && stored.delta === body.delta && stored.reason === body.reason) return;
  throw new AppError("CONFLICT", `Adjustment id ${clientId} was already used for a different adjustment (${stored.delta > 0 ? "+" : ""}${stored.delta}, ${stored.reason}); choose a new id`, {
    id: clientId,
    stored: { delta: stored.delta, reason: stored.reason },
  });
}

/**
 * Applies a relative stock change. Adjustments commute, so they take no version and never
 * conflict; one that would take stock below zero (or past the bounds) is refused (422) and
 * changes nothing. A replayed client id answers the first outcome (`applied: false`), or 409
 * when the replay asks for something else.
 */
export async function adjustStock(
  shopId: string,
  productId: string,
  body: AdjustStockBody,
  actorId: string,
): Promise<{ product: ProductResponse; movement: StockMovementResponse; applied: boolean }> {
  const start = process.hrtime.bigint();
  const ctx: ChangeContext = { actorId, at: now(), source: "api", ref: body.id ?? null };
  const movementId = body.id ? adjustmentMovementId(productId, body.id) : newMovementId(shopId);
  const outcome = await mutateProduct(
    shopId,
    productId,
    (current, { alreadyApplied }) => {
      if (!current) throw new AppError("NOT_FOUND", `No product ${productId} in this shop`);
      if (alreadyApplied) {
        assertSameAdjustment(productId, body.id!, alreadyApplied, body);
        return { result: { product: current, movement: alreadyApplied, applied: false } };
      }
      const next = applyStockAdjustment(current, body.delta, ctx);
      const movement = movementFor(productId, current.quantity, next, body.reason as AdjustmentReason, ctx) as StockMovementDoc;
      return { product: next, movement: { id: movementId, doc: movement }, result: { product: next, movement, applied: true } };
    },
    // Only a client-chosen id can be replayed; a fresh random id needs no lookup.
    { movementId: body.id ? movementId : undefined },
  );
  const product = toProductResponse(productId, outcome.product);
  if (outcome.applied) {
    logStockAdjusted({ shopId, productId, actorId, delta: body.delta, reason: body.reason, quantityAfter: outcome.product.quantity, source: "api", latencyMs: msSince(start) });
  }
  return { product, movement: toMovementResponse(movementId, outcome.movement), applied: outcome.applied };
}

/** The latest stock movements of a product, newest first. */
export async function productMovements(shopId: string, productId: string, limit: number): Promise<StockMovementResponse[]> {
  return (await listMovements(shopId, productId, limit)).map(({ id, doc }) => toMovementResponse(id, doc));
}
