import { defineRoute } from "../platform/http/route";
import { CreateSupplierBody, DeleteSupplierQuery, SupplierIdParams, SupplierList, SupplierPerformance, SupplierResponse, UpdateSupplierBody } from "./suppliers.schema";
import { assertChainOwner, chainOf, createSupplier, deleteSupplier, listChainSuppliers, readSupplier, updateSupplier } from "./suppliers.service";

const CHAIN_NOTE =
  "Suppliers belong to the chain of the shop the request acts on (the caller's current shop, or `?shopId=` / `X-Shop-Id`): its owner manages them, its staff may read them. " +
  "Another chain's supplier is a 404.";

/** HTTP routes of suppliers. */
export const supplierRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/suppliers",
      summary: "List the chain's suppliers",
      description: CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      responses: { 200: { description: "Suppliers by name", schema: SupplierList } },
      errors: [403],
    },
    async ({ actor, shopId }) => {
      const chain = await chainOf(actor, shopId);
      return { status: 200, body: { items: await listChainSuppliers(chain.ownerUid) } };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/suppliers",
      summary: "Add a supplier (owners)",
      description:
        "Phone: an Indian mobile number (stored as +91…). GSTIN: optional, 15 characters with a valid state code (01–38) and check character. " +
        "Lead time 0–90 days; minimum order in rupees; items: SKU, name, buying price (rupees per unit) and pack size (units per case). 201 with `version: 1`. " +
        CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "create",
      body: CreateSupplierBody,
      responses: { 201: { description: "Created", schema: SupplierResponse } },
      errors: [400, 403, 415],
    },
    async ({ actor, shopId, body }) => {
      const chain = await chainOf(actor, shopId);
      assertChainOwner(chain);
      const supplier = await createSupplier(chain.ownerUid, actor.uid, body);
      return { status: 201, body: supplier, headers: { Location: `/v1/suppliers/${supplier.id}` } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/suppliers/{id}",
      summary: "Read a supplier with its items",
      description: CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: SupplierIdParams,
      responses: { 200: { description: "The supplier", schema: SupplierResponse } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const chain = await chainOf(actor, shopId);
      return { status: 200, body: await readSupplier(chain.ownerUid, params.id) };
    },
  ),
  defineRoute(
    {
      method: "patch",
      path: "/v1/suppliers/{id}",
      summary: "Change a supplier (owners)",
      description: "Send the changed fields and the `version` you last saw; `items` replaces the whole list. A stale version is a 409 whose `details.current` is the supplier now. " + CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: SupplierIdParams,
      body: UpdateSupplierBody,
      responses: { 200: { description: "Updated", schema: SupplierResponse } },
      errors: [400, 403, 404, 409, 415],
    },
    async ({ actor, shopId, params, body }) => {
      const chain = await chainOf(actor, shopId);
      assertChainOwner(chain);
      return { status: 200, body: await updateSupplier(chain.ownerUid, actor.uid, params.id, body) };
    },
  ),
  defineRoute(
    {
      method: "delete",
      path: "/v1/suppliers/{id}",
      summary: "Delete a supplier (owners)",
      description: "`?version=` is required (409 when stale). Its items go with it; its purchase orders keep their copy of its name. " + CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "delete",
      params: SupplierIdParams,
      query: DeleteSupplierQuery,
      responses: { 204: { description: "Deleted" } },
      errors: [400, 403, 404, 409],
    },
    async ({ actor, shopId, params, query }) => {
      const chain = await chainOf(actor, shopId);
      assertChainOwner(chain);
      await deleteSupplier(chain.ownerUid, actor.uid, params.id, query.version);
      return { status: 204 };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/suppliers/{id}/performance",
      summary: "A supplier's on-time rate, fill rate and price changes",
      description:
        "Over the chain's purchase orders with this supplier: on-time rate = completed orders whose last receipt came by the end of the IST day of sent_at + lead time; " +
        "fill rate = units received / units ordered on finished orders (each line capped at what was ordered); price changes = billed prices that differ from the one before, oldest first. " +
        CHAIN_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: SupplierIdParams,
      responses: { 200: { description: "The figures", schema: SupplierPerformance } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const chain = await chainOf(actor, shopId);
      const { performanceOf } = await import("./purchase-orders.handlers");
      return { status: 200, body: await performanceOf(chain.ownerUid, params.id) };
    },
  ),
];
