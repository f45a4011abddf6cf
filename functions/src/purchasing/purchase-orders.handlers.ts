import { AppError } from "../platform/errors";
import { allSuggestions } from "../replenishment/replenishment.repository";
import { now } from "../platform/clock";
import type { ShopRole } from "../identity/identity.schema";
import { getShop } from "../identity/identity.repository";
import { productIdForSku } from "../inventory/products.schema";
import { getSupplier, getSupplierItems } from "./suppliers.repository";
import { supplierOfChain } from "./suppliers.service";
import { supplierPerformance } from "./suppliers.performance";
import type { SupplierPerformance } from "./suppliers.schema";
import {
  createDraftsOnce,
  getPurchaseOrder,
  listPurchaseOrders,
  listSupplierPurchaseOrders,
  mutatePurchaseOrder,
  newPurchaseOrderId,
  suggestionDraftId,
} from "./purchase-orders.repository";
import type { CreatePoBody, PurchaseOrderDoc, PurchaseOrderResponse, ReceiveBody, UpdatePoBody } from "./purchase-orders.schema";
import {
  bookReceipt,
  editDraft,
  groupSuggestions,
  linesFromInput,
  linesFromSuggestions,
  newDraft,
  receiptProductIds,
  toPurchaseOrderResponse,
  transition,
} from "./purchase-orders.service";
import { logGoodsReceived, logPurchaseOrderTransitioned, logSuggestionSkipped } from "./purchasing.logs";

/**
 * The purchase order workflows: each reads what it needs through the repositories, lets the
 * pure rules of purchase-orders.service decide inside one transaction, and logs the outcome.
 */

/** The chain a request acts on (see suppliers.service `chainOf`). */
export interface Chain {
  shopId: string;
  ownerUid: string;
  isOwner: boolean;
}

/** An order of the shop, or 404. */
export async function purchaseOrderOf(shopId: string, poId: string): Promise<PurchaseOrderDoc> {
  const po = await getPurchaseOrder(shopId, poId);
  if (!po) throw new AppError("NOT_FOUND", `Purchase order ${poId} not found`);
  return po;
}

/** Drafts an order by hand: the supplier's prices unless the body gives one. */
export async function createPurchaseOrder(chain: Chain, actorId: string, body: CreatePoBody): Promise<PurchaseOrderResponse> {
  const supplier = await supplierOfChain(chain.ownerUid, body.supplier_id);
  const poId = newPurchaseOrderId();
  const at = now();
  const doc = await mutatePurchaseOrder(
    chain.shopId,
    poId,
    () => body.lines.map((l) => productIdForSku(l.product_id)),
    (existing, products, items) => {
      if (existing) throw new AppError("CONFLICT", "Purchase order id collision; try again");
      const po = newDraft({ shopId: chain.shopId, supplierId: body.supplier_id, supplier, lines: linesFromInput(body.lines, products, items), notes: body.notes ?? null, source: "manual", actorId, at });
      return { po, result: po };
    },
    body.supplier_id,
  );
  logPurchaseOrderTransitioned({ shopId: chain.shopId, poId, from: null, to: "draft", actorId, version: 1 });
  return toPurchaseOrderResponse(poId, doc);
}

/**
 * One draft per supplier from the shop's current suggestions. The draft's id is derived from the
 * shop, the supplier and the suggestions' run ids, so a double tap (or a retry) finds the drafts
 * the first tap made instead of making a second set.
 */
export async function draftFromSuggestions(chain: Chain, actorId: string): Promise<{ created: PurchaseOrderResponse[]; existing: PurchaseOrderResponse[]; skipped: Array<{ product_id: string; name: string; reason: string }> }> {
  const { bySupplier, skipped } = groupSuggestions(await allSuggestions(chain.shopId));
  const at = now();
  const drafts: Array<{ id: string; doc: PurchaseOrderDoc }> = [];
  for (const [supplierId, suggestions] of [...bySupplier.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const supplier = await getSupplier(supplierId);
    if (!supplier || supplier.owner_uid !== chain.ownerUid) {
      for (const s of suggestions) {
        skipped.push({ product_id: s.product_id, name: s.name, reason: "supplier not found" });
        logSuggestionSkipped({ shopId: chain.shopId, productId: s.product_id, reason: "supplier not found" });
      }
      continue;
    }
    const lines = linesFromSuggestions(suggestions, await getSupplierItems(supplierId));
    for (const s of suggestions.slice(lines.length)) skipped.push({ product_id: s.product_id, name: s.name, reason: "order line limit" });
    const id = suggestionDraftId(chain.shopId, supplierId, suggestions.map((s) => s.run_id));
    drafts.push({ id, doc: newDraft({ shopId: chain.shopId, supplierId, supplier, lines, notes: null, source: "suggestions", actorId, at }) });
  }
  const { created, existing } = await createDraftsOnce(chain.shopId, drafts);
  for (const c of created) logPurchaseOrderTransitioned({ shopId: chain.shopId, poId: c.id, from: null, to: "draft", actorId, version: 1 });
  return { created: created.map((c) => toPurchaseOrderResponse(c.id, c.doc)), existing: existing.map((e) => toPurchaseOrderResponse(e.id, e.doc)), skipped };
}

/** The shop's orders, newest first. */
export async function listShopPurchaseOrders(shopId: string, filter: { status?: string; supplierId?: string }): Promise<PurchaseOrderResponse[]> {
  return (await listPurchaseOrders(shopId, filter)).map((p) => toPurchaseOrderResponse(p.id, p.doc));
}

/** Edits a draft's lines or notes (version-checked). */
export async function updateDraft(shopId: string, poId: string, actorId: string, body: UpdatePoBody): Promise<PurchaseOrderResponse> {
  const at = now();
  const doc = await mutatePurchaseOrder(shopId, poId, () => (body.lines ?? []).map((l) => productIdForSku(l.product_id)), (po, products, items) => {
    if (!po) throw new AppError("NOT_FOUND", `Purchase order ${poId} not found`);
    const next = editDraft(poId, po, body, body.lines ? linesFromInput(body.lines, products, items) : null, at);
    return { po: next, result: next };
  });
  logPurchaseOrderTransitioned({ shopId, poId, from: "draft", to: "draft", actorId, version: doc.version });
  return toPurchaseOrderResponse(poId, doc);
}

/** Sends, cancels or closes an order along the allowed transitions. */
export async function transitionPurchaseOrder(shopId: string, poId: string, to: "sent" | "cancelled" | "closed", actorId: string, version?: number): Promise<{ id: string; doc: PurchaseOrderDoc }> {
  const by = { actorId, at: now() };
  const { from, doc } = await mutatePurchaseOrder(shopId, poId, () => [], (po) => {
    if (!po) throw new AppError("NOT_FOUND", `Purchase order ${poId} not found`);
    const next = transition(poId, po, to, by, version);
    return { po: next, result: { from: po.status, doc: next } };
  });
  logPurchaseOrderTransitioned({ shopId, poId, from, to, actorId, version: doc.version });
  return { id: poId, doc };
}

/** Books a receipt exactly once per receipt id; owners alone may change buying prices. */
export async function receiveGoods(shopId: string, poId: string, role: ShopRole, actorId: string, receiptId: string, body: ReceiveBody): Promise<{ doc: PurchaseOrderDoc; replayed: boolean }> {
  if (body.update_buying_price && role !== "owner") throw new AppError("FORBIDDEN", "Only the owner changes buying prices");
  const started = performance.now();
  const ctx = { actorId, at: now(), source: "api" as const, ref: null };
  const out = await mutatePurchaseOrder(
    shopId,
    poId,
    (po) => receiptProductIds(po, body),
    (po, products, items) => {
      const decision = bookReceipt({ poId, po, receiptId, body, products, items, ctx });
      if (decision.replayed) return { result: { doc: decision.po, replayed: true } };
      return { po: decision.po, stock: decision.stock, buyingPrices: decision.buyingPrices, result: { doc: decision.po, replayed: false } };
    },
  );
  logGoodsReceived({ shopId, poId, receiptId, actorId, lines: body.lines.length, units: body.lines.reduce((s, l) => s + l.quantity, 0), replayed: out.replayed, latencyMs: Math.round(performance.now() - started) });
  return out;
}

/** The shop's name, for the message and the PDF. */
export async function shopNameOf(shopId: string): Promise<string> {
  return (await getShop(shopId))?.name ?? shopId;
}

/** A supplier's figures over the chain's orders. */
export async function performanceOf(ownerUid: string, supplierId: string): Promise<SupplierPerformance> {
  const supplier = await supplierOfChain(ownerUid, supplierId);
  const orders = (await listSupplierPurchaseOrders(supplierId)).filter((o) => o.doc.owner_uid === ownerUid);
  return supplierPerformance(supplierId, supplier.lead_time_days, orders);
}
