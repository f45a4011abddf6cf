import { createHash } from "node:crypto";
import { chittyOcrEngine } from "../config";
import { msSince, now } from "../platform/clock";
import { ZodError } from "zod";
import { AppError, fromZodError } from "../platform/errors";
import { addItemsToOrder } from "../orders/orders.service";
import { notifyChittyProcessed } from "../notifications/notifications.service";
import { indexCatalog } from "./chitty.catalog";
import { previewJpeg } from "./chitty.image";
import { ChittyFailure } from "./chitty.failure";
import { logChittyDuplicateSkipped, logChittyFailed, logChittyProcessed, logSuggestionDecided } from "./chitty.logs";
import { type OcrEngine, getOcrEngine } from "./chitty.ocr";
import { type ChittySource, readChitty } from "./chitty.pipeline";
import * as repo from "./chitty.repository";
import type { ChittyDoc, SuggestionDoc } from "./chitty.schema";
import { type Decision, planDecision, processedMessage, suggestionsFromReading } from "./chitty.service";

/** Input of the chitty handler, shared by the HTTP route and the Storage trigger. */
export interface ProcessChittyInput {
  shopId: string;
  orderId: string;
  source: ChittySource;
  /** The Storage object the bytes came from, if any. */
  storagePath?: string | null;
  eventId?: string | null;
  /** Overrides the engine (tests, CLI); otherwise the OCR_ENGINE param decides. */
  engine?: OcrEngine;
}

export interface ProcessChittyResult {
  chittyId: string;
  /** "processed"/"failed" now, or "duplicate" when the same bytes were already handled. */
  outcome: "processed" | "failed" | "duplicate" | "busy";
  chitty: ChittyDoc | null;
}

/**
 * Reads one chitty into suggestions under the order, exactly once per uploaded content: the
 * chitty id is the hash of the bytes, claimed in a transaction, so a redelivered event or a
 * re-upload of the same bytes changes nothing. Unreadable input ends `failed` with a reason
 * (acknowledged, never retried); transient errors are rethrown and the lease lets a retry in.
 */
export async function processChitty(input: ProcessChittyInput): Promise<ProcessChittyResult> {
  const start = process.hrtime.bigint();
  const orderPath = repo.orderDocPath(input.orderId);
  const bytes = input.source.kind === "image" ? input.source.bytes : Buffer.from(input.source.text, "utf8");
  const contentHash = createHash("sha256").update(input.source.kind).update(bytes).digest("hex");
  const chittyId = repo.chittyIdFor(contentHash);
  const at = now();
  const base = { eventId: input.eventId ?? null, shopId: input.shopId, orderId: input.orderId, chittyId };
  const claim = await repo.claimChitty(
    orderPath,
    chittyId,
    { shop_id: input.shopId, order_id: input.orderId, source: input.source.kind, content_hash: contentHash, storage_path: input.storagePath ?? null, created_at: at },
    at,
  );
  if (claim.outcome !== "claimed") {
    logChittyDuplicateSkipped({ ...base, status: claim.outcome === "done" ? claim.chitty.status : "processing" });
    // A run that ended but died before notifying is told now; one that did notify writes nothing new.
    if (claim.outcome === "done") await notifyShop(input, chittyId, claim.chitty);
    return { chittyId, outcome: claim.outcome === "done" ? "duplicate" : "busy", chitty: claim.outcome === "done" ? claim.chitty : null };
  }

  const products = await repo.loadCatalog(input.shopId);
  const catalog = indexCatalog(products);
  try {
    const engine = input.source.kind === "image" ? input.engine ?? (await getOcrEngine(chittyOcrEngine())) : undefined;
    const reading = await readChitty(input.source, catalog, engine);
    const unitById = new Map(products.map((p) => [p.id ?? p.sku, p.unit ?? null]));
    const suggestions = suggestionsFromReading(reading, { shopId: input.shopId, orderId: input.orderId, chittyId }, (id) => unitById.get(id) ?? null, at);
    const message = processedMessage(reading.items_found, reading.total_lines);
    if (input.source.kind === "image") {
      const preview = await previewJpeg(input.source.bytes);
      if (preview) await repo.savePreview(orderPath, chittyId, preview, at);
    }
    await repo.saveReading(
      orderPath,
      chittyId,
      { total_lines: reading.total_lines, items_found: reading.items_found, message, ocr_engine: reading.ocr_engine },
      suggestions.map((s) => ({ id: repo.suggestionIdFor(chittyId, s.lineNo), doc: s.doc })),
      now(),
    );
    logChittyProcessed({ ...base, source: input.source.kind, engine: reading.ocr_engine, totalLines: reading.total_lines, itemsFound: reading.items_found, ocrMs: Math.round(reading.timings_ms.ocr), latencyMs: msSince(start) });
    const chitty = await repo.getChitty(orderPath, chittyId);
    await notifyShop(input, chittyId, chitty);
    return { chittyId, outcome: "processed", chitty };
  } catch (err) {
    if (!(err instanceof ChittyFailure)) throw err; // transient: the lease expires and a retry takes over
    await repo.failChitty(orderPath, chittyId, err.reason, err.message, now());
    logChittyFailed({ ...base, source: input.source.kind, reason: err.reason, latencyMs: msSince(start) });
    const chitty = await repo.getChitty(orderPath, chittyId);
    await notifyShop(input, chittyId, chitty);
    return { chittyId, outcome: "failed", chitty };
  }
}

/**
 * Tells the shop's members a chitty run ended (`chitty_processed`, processed or failed), once per
 * run: the run id is the chitty id, so a redelivery or a re-upload of the same bytes notifies no one again.
 */
async function notifyShop(input: ProcessChittyInput, chittyId: string, chitty: ChittyDoc | null): Promise<void> {
  if (!chitty || chitty.status === "processing") return;
  await notifyChittyProcessed({ orderId: input.orderId, shopId: input.shopId, itemsFound: chitty.items_found, totalLines: chitty.total_lines, message: chitty.message, runId: chittyId });
}

/**
 * The orders domain's `addItemsToOrder` as the chitty flow needs it: the suggestion's key is the
 * operation id (a retried accept adds once), and a line the order refuses (e.g. a fractional
 * quantity: orders take whole units) is a 400 AppError, so the suggestion goes back.
 */
export const addItemsThroughOrders: AddItemsToOrder = async (input) => {
  try {
    await addItemsToOrder({ orderId: input.orderId, items: input.items, actorId: input.actorId, operationId: input.idempotencyKey });
  } catch (err) {
    if (err instanceof ZodError) throw fromZodError(err, "item");
    throw err;
  }
};

/**
 * Adds items to an order with server prices, taking stock under the orders' rules. The orders
 * domain provides it; it must be idempotent per `idempotencyKey` (a retried accept adds once).
 */
export type AddItemsToOrder = (input: {
  shopId: string;
  orderId: string;
  actorId: string;
  idempotencyKey: string;
  items: Array<{ product_id: string; quantity: number; special_instructions?: string }>;
}) => Promise<void>;

export interface DecideSuggestionInput {
  shopId: string;
  orderId: string;
  suggestionId: string;
  actorId: string;
  decision: Decision;
}

/**
 * A shop member's accept / reject / correct of one suggestion. Accepting or correcting marks the
 * suggestion `accepting`, adds the item through `addItemsToOrder` (keyed by the suggestion id),
 * then marks it accepted/corrected; a correction also becomes an alias of the product for the shop.
 * Repeating the same decision changes nothing.
 */
export async function decideSuggestion(input: DecideSuggestionInput, deps: { addItemsToOrder: AddItemsToOrder } = { addItemsToOrder: addItemsThroughOrders }): Promise<SuggestionDoc> {
  const orderPath = repo.orderDocPath(input.orderId);
  const { decision } = input;
  const at = now();
  if (decision.action === "correct" && !(await repo.getProductSummary(input.shopId, decision.productId))) {
    throw new AppError("INVALID_DATA", "product_id names no product of this shop", { product_id: decision.productId });
  }
  let plan: { productId: string; quantity: number } | null = null;
  let before: SuggestionDoc | null = null;
  const claimed = await repo.updateSuggestion(orderPath, input.suggestionId, (doc) => {
    before = doc;
    plan = planDecision(doc, decision);
    if (decision.action === "reject") return doc.status === "rejected" ? null : { status: "rejected", decided_by: input.actorId, decided_at: at };
    if (["accepted", "corrected"].includes(doc.status)) return null; // the same decision again
    if (doc.status === "accepting") return null; // a retry of an interrupted accept: add again (idempotent) below
    return { status: "accepting", final_product_id: plan!.productId, final_quantity: plan!.quantity, decided_by: input.actorId, decided_at: at };
  });
  const previous = before as SuggestionDoc | null;
  if (decision.action === "reject" || !plan || (previous && ["accepted", "corrected"].includes(previous.status))) {
    if (decision.action === "reject" && previous?.status !== "rejected") logSuggestionDecided({ shopId: input.shopId, orderId: input.orderId, suggestionId: input.suggestionId, actorId: input.actorId, decision: "reject", productId: null, quantity: null, aliasId: null });
    return claimed;
  }
  const { productId, quantity } = claimed.status === "accepting" && claimed.final_product_id ? { productId: claimed.final_product_id, quantity: claimed.final_quantity! } : (plan as { productId: string; quantity: number });
  try {
    await deps.addItemsToOrder({ shopId: input.shopId, orderId: input.orderId, actorId: input.actorId, idempotencyKey: `chitty:${input.suggestionId}`, items: [{ product_id: productId, quantity }] });
  } catch (err) {
    // The order refused the item (short stock, order no longer open): the suggestion goes back.
    if (err instanceof AppError) await repo.updateSuggestion(orderPath, input.suggestionId, () => ({ status: previous!.status, final_product_id: null, final_quantity: null, decided_by: null, decided_at: null }));
    throw err;
  }
  const finalStatus = decision.action === "correct" ? "corrected" : "accepted";
  const done = await repo.updateSuggestion(orderPath, input.suggestionId, () => ({ status: finalStatus }));
  let aliasId: string | null = null;
  if (decision.action === "correct") aliasId = await repo.upsertAlias(input.shopId, previous!.name_text ?? previous!.raw_text, productId, input.actorId, at);
  logSuggestionDecided({ shopId: input.shopId, orderId: input.orderId, suggestionId: input.suggestionId, actorId: input.actorId, decision: decision.action, productId, quantity, aliasId });
  return done;
}
