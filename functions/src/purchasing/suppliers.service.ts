import { AppError } from "../platform/errors";
import { now } from "../platform/clock";
import { requireShop, type Actor } from "../identity/actor";
import { getShop } from "../identity/identity.repository";
import { paiseToRupees, productIdForSku, rupeesToPaise } from "../inventory/products.schema";
import { getSupplier, getSupplierItems, listSuppliers, mutateSupplier, newSupplierId } from "./suppliers.repository";
import type { CreateSupplierBody, SupplierDoc, SupplierItemDoc, SupplierItemInput, SupplierResponse, UpdateSupplierBody } from "./suppliers.schema";
import { logSupplierChanged } from "./purchasing.logs";

/**
 * Suppliers belong to a chain: the owner of the shop a request acts on. The owner manages them;
 * the shop's staff may read them. Someone else's supplier is a 404, never a 403 (ids stay secret).
 */

/** The chain a request acts on: the acting shop's owner, and whether the caller is that owner. */
export async function chainOf(actor: Actor, shopId: string | undefined, roles: Array<"owner" | "staff"> = ["owner", "staff"]): Promise<{ shopId: string; ownerUid: string; isOwner: boolean }> {
  const { shopId: shop, role } = requireShop(actor, shopId, roles);
  const doc = await getShop(shop);
  if (!doc) throw new AppError("NOT_FOUND", `Shop ${shop} not found`);
  return { shopId: shop, ownerUid: doc.owner_id, isOwner: role === "owner" && doc.owner_id === actor.uid };
}

/** Only the chain's owner manages its suppliers. */
export function assertChainOwner(chain: { isOwner: boolean }): void {
  if (!chain.isOwner) throw new AppError("FORBIDDEN", "Only the owner of the chain manages its suppliers");
}

function itemDocs(items: SupplierItemInput[], at: Date): Map<string, SupplierItemDoc> {
  return new Map(items.map((i) => [productIdForSku(i.sku), { sku: i.sku, name: i.name, buying_price_paise: rupeesToPaise(i.buying_price), pack_size: i.pack_size, updated_at: at }]));
}

/** Renders a stored supplier (money in rupees too, dates as ISO strings). */
export function toSupplierResponse(id: string, doc: SupplierDoc, items?: Map<string, SupplierItemDoc>): SupplierResponse {
  return {
    id,
    owner_uid: doc.owner_uid,
    name: doc.name,
    phone: doc.phone,
    gstin: doc.gstin,
    lead_time_days: doc.lead_time_days,
    min_order: paiseToRupees(doc.min_order_paise),
    min_order_paise: doc.min_order_paise,
    active: doc.active,
    version: doc.version,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString(),
    ...(items
      ? {
          items: [...items.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([productId, i]) => ({ sku: i.sku, product_id: productId, name: i.name, buying_price: paiseToRupees(i.buying_price_paise), buying_price_paise: i.buying_price_paise, pack_size: i.pack_size })),
        }
      : {}),
  };
}

/** A supplier of the caller's chain, or 404. */
export async function supplierOfChain(ownerUid: string, supplierId: string): Promise<SupplierDoc> {
  const doc = await getSupplier(supplierId);
  if (!doc || doc.owner_uid !== ownerUid) throw new AppError("NOT_FOUND", `Supplier ${supplierId} not found`);
  return doc;
}

/** Creates a supplier at version 1 with its items. */
export async function createSupplier(ownerUid: string, actorId: string, body: CreateSupplierBody): Promise<SupplierResponse> {
  const at = now();
  const id = newSupplierId();
  const doc: SupplierDoc = {
    owner_uid: ownerUid,
    name: body.name,
    phone: body.phone,
    gstin: body.gstin ?? null,
    lead_time_days: body.lead_time_days,
    min_order_paise: rupeesToPaise(body.min_order),
    active: body.active,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const items = itemDocs(body.items, at);
  await mutateSupplier(id, (current) => {
    if (current) throw new AppError("CONFLICT", "Supplier id collision; try again");
    return { supplier: doc, items, result: null };
  });
  logSupplierChanged({ event: "created", supplierId: id, ownerUid, actorId, version: 1, items: items.size });
  return toSupplierResponse(id, doc, items);
}

function assertVersion(supplierId: string, current: SupplierDoc, expected: number): void {
  if (current.version !== expected) {
    throw new AppError("CONFLICT", `Supplier ${supplierId} was changed by someone else (now version ${current.version})`, { current_version: current.version });
  }
}

/** Applies a version-checked change; `items` replaces the whole list. 409 with the current supplier when stale. */
export async function updateSupplier(ownerUid: string, actorId: string, supplierId: string, body: UpdateSupplierBody): Promise<SupplierResponse> {
  const at = now();
  const result = await mutateSupplier(supplierId, (current, currentItems) => {
    if (!current || current.owner_uid !== ownerUid) throw new AppError("NOT_FOUND", `Supplier ${supplierId} not found`);
    if (current.version !== body.version) {
      throw new AppError("CONFLICT", `Supplier ${supplierId} was changed by someone else (now version ${current.version})`, { current: toSupplierResponse(supplierId, current, currentItems) });
    }
    const next: SupplierDoc = {
      ...current,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
      ...(body.gstin !== undefined ? { gstin: body.gstin } : {}),
      ...(body.lead_time_days !== undefined ? { lead_time_days: body.lead_time_days } : {}),
      ...(body.min_order !== undefined ? { min_order_paise: rupeesToPaise(body.min_order) } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      version: current.version + 1,
      updated_at: at,
    };
    const items = body.items ? itemDocs(body.items, at) : undefined;
    return { supplier: next, items, result: { doc: next, items: items ?? currentItems } };
  });
  logSupplierChanged({ event: "updated", supplierId, ownerUid, actorId, version: result.doc.version, items: result.items.size });
  return toSupplierResponse(supplierId, result.doc, result.items);
}

/** Deletes a supplier and its items (version-checked); its purchase orders keep their copy of its name. */
export async function deleteSupplier(ownerUid: string, actorId: string, supplierId: string, version: number): Promise<void> {
  const deleted = await mutateSupplier(supplierId, (current) => {
    if (!current || current.owner_uid !== ownerUid) throw new AppError("NOT_FOUND", `Supplier ${supplierId} not found`);
    assertVersion(supplierId, current, version);
    return { supplier: "delete", result: current };
  });
  logSupplierChanged({ event: "deleted", supplierId, ownerUid, actorId, version: deleted.version, items: 0 });
}

/** A supplier with its items. */
export async function readSupplier(ownerUid: string, supplierId: string): Promise<SupplierResponse> {
  const doc = await supplierOfChain(ownerUid, supplierId);
  return toSupplierResponse(supplierId, doc, await getSupplierItems(supplierId));
}

/** The chain's suppliers (without items). */
export async function listChainSuppliers(ownerUid: string): Promise<SupplierResponse[]> {
  return (await listSuppliers(ownerUid)).map((s) => toSupplierResponse(s.id, s.doc));
}
