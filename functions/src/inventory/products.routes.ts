import { z } from "../platform/schema";
import { defineRoute } from "../platform/http/route";
import { requireShop, roleIn, type Actor } from "../identity/actor";
import {
  AdjustStockBody,
  AdjustStockResponse,
  CreateProductBody,
  DeleteProductQuery,
  ListProductsQuery,
  ProductIdParams,
  ProductPage,
  ProductResponse,
  StockMovementResponse,
  UpdateProductBody,
} from "./products.schema";
import {
  adjustStock,
  assertCatalogReadable,
  createProduct,
  deleteProduct,
  etagFor,
  expectedVersion,
  listProducts,
  productMovements,
  readProduct,
  updateProduct,
} from "./products.service";

const SHOP_NOTE = "Acts on the caller's only shop, or the one named by `?shopId=` / `X-Shop-Id`.";

/** The shop whose catalog a caller reads: their own, or (with an explicit id) any shop's. */
async function readableShop(actor: Actor, shopId: string | undefined): Promise<string> {
  if (shopId && !roleIn(actor, shopId)) {
    await assertCatalogReadable(shopId);
    return shopId;
  }
  return requireShop(actor, shopId).shopId;
}

const updateSpec = (method: "put" | "patch") =>
  ({
    method,
    path: "/v1/products/{id}",
    summary: method === "put" ? "Update a product (the MSME client's call)" : "Update some fields of a product",
    description:
      "Send the changed fields and the `version` you last saw, or an `If-Match` header with the ETag. " +
      "200 with the product at `version + 1`; a stale version is a 409 whose `details.current` is the current product; " +
      "staff changing `unit_price` get a 403 (an unchanged price is not a change); a change that changes nothing keeps the version. " +
      SHOP_NOTE,
    tags: ["inventory"],
    auth: "user" as const,
    shopScope: "caller" as const,
    operation: "update" as const,
    params: ProductIdParams,
    body: UpdateProductBody,
    headers: { "If-Match": "The ETag (version) the change was made against" },
    responses: { 200: { description: "Updated (or unchanged)", schema: ProductResponse } },
    errors: [400, 403, 404, 409, 415],
  });

/** HTTP routes of products and their stock. */
export const productRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/products",
      summary: "List, search and filter products",
      description:
        "Without `limit` or `cursor` the answer is a plain array (the MSME client's shape, at most 1000 products); " +
        "with either, a page `{items, next_cursor}`. Customers read a shop's catalog by naming it with `?shopId=`. " +
        SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      query: ListProductsQuery,
      responses: { 200: { description: "Products", schema: z.union([z.array(ProductResponse), ProductPage]) } },
      errors: [400, 403, 404],
    },
    async ({ actor, shopId, query }) => {
      const shop = await readableShop(actor, shopId);
      const list = await listProducts(shop, query);
      return { status: 200, body: list.paginated ? { items: list.items, next_cursor: list.next_cursor } : list.items };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/products",
      summary: "Create a product",
      description: "201 with `version: 1`. A SKU that exists in the shop (case-insensitively) is a 409. " + SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "create",
      body: CreateProductBody,
      responses: { 201: { description: "Created", schema: ProductResponse } },
      errors: [400, 403, 409, 415],
    },
    async ({ actor, shopId, body }) => {
      const shop = requireShop(actor, shopId).shopId;
      const product = await createProduct(shop, body, actor.uid);
      return { status: 201, body: product, headers: { ETag: etagFor(product.version), Location: `/v1/products/${encodeURIComponent(product.id)}` } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/products/{id}",
      summary: "Read a product",
      description: "The `ETag` header is the product's version. " + SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: ProductIdParams,
      responses: { 200: { description: "The product", schema: ProductResponse } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const product = await readProduct(await readableShop(actor, shopId), params.id);
      return { status: 200, body: product, headers: { ETag: etagFor(product.version) } };
    },
  ),
  ...(["put", "patch"] as const).map((method) =>
    defineRoute(updateSpec(method), async ({ actor, shopId, params, body, req }) => {
      const { shopId: shop, role } = requireShop(actor, shopId);
      const version = expectedVersion(body.version, req.get("if-match"));
      const { product } = await updateProduct(shop, role, params.id, body, version, actor.uid);
      return { status: 200, body: product, headers: { ETag: etagFor(product.version) } };
    }),
  ),
  defineRoute(
    {
      method: "delete",
      path: "/v1/products/{id}",
      summary: "Delete a product (owners)",
      description: "Version-checked when `?version=` or `If-Match` is given (409 when stale). Leaves an audit record. " + SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "delete",
      params: ProductIdParams,
      query: DeleteProductQuery,
      responses: { 204: { description: "Deleted" } },
      errors: [400, 403, 404, 409],
    },
    async ({ actor, shopId, params, query, req }) => {
      const shop = requireShop(actor, shopId, ["owner"]).shopId;
      await deleteProduct(shop, params.id, expectedVersion(query.version, req.get("if-match")), actor.uid);
      return { status: 204 };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/products/{id}/adjustments",
      summary: "Adjust stock by a delta (sale, receipt, count, damage, return)",
      description:
        "Adjustments commute: they take no version and never conflict. Taking stock below zero is a 422 and changes nothing. " +
        "A client-chosen `id` makes a replay harmless (`applied: false`). " +
        SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: ProductIdParams,
      body: AdjustStockBody,
      responses: { 200: { description: "Applied (or already applied)", schema: AdjustStockResponse } },
      errors: [400, 403, 404, 415, 422],
    },
    async ({ actor, shopId, params, body }) => {
      const shop = requireShop(actor, shopId).shopId;
      const result = await adjustStock(shop, params.id, body, actor.uid);
      return { status: 200, body: result, headers: { ETag: etagFor(result.product.version) } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/products/{id}/movements",
      summary: "The stock ledger of a product, newest first",
      description: SHOP_NOTE,
      tags: ["inventory"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: ProductIdParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
      responses: { 200: { description: "Movements", schema: z.array(StockMovementResponse) } },
      errors: [400, 403],
    },
    async ({ actor, shopId, params, query }) => {
      const shop = requireShop(actor, shopId).shopId;
      return { status: 200, body: await productMovements(shop, params.id, query.limit) };
    },
  ),
];
