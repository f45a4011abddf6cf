import { defineRoute } from "../platform/http/route";
import { fromZodError } from "../platform/errors";
import {
  IdempotencyKey,
  MyOrdersQuery,
  OrderIdParams,
  OrderPage,
  OrderResponse,
  PlaceOrderBody,
  ShopOrdersParams,
  ShopOrdersQuery,
  UpdateOrderStatusBody,
} from "./orders.schema";
import { changeOrderStatus, listMyOrders, listShopOrders, placeOrder, readOrder } from "./orders.service";

/** The Idempotency-Key header, validated; absent → null. */
function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) throw fromZodError(parsed.error, "Idempotency-Key header");
  return parsed.data;
}

/** HTTP routes of orders. `/v1/orders/me` comes before `/v1/orders/{id}`. */
export const orderRoutes = [
  defineRoute(
    {
      method: "post",
      path: "/v1/orders",
      summary: "Place an order",
      description:
        "Prices and names are captured from the shop's products now; stock is taken through the ledger (reason `order`, ref = order id) " +
        "in the same transaction, all or nothing: unknown products 400, short items 409 with `details.short_items` " +
        "(`product_id, product_name, requested, available`). Closed, inactive or not-accepting shops 422. " +
        "Send an `Idempotency-Key` header: a replay answers 200 with the same order (header `Idempotent-Replayed: true`) and takes nothing; " +
        "the same key with a different body is a 409. `has_chitty: true` allows an order with no items yet.",
      tags: ["orders"],
      auth: "user",
      operation: "create",
      body: PlaceOrderBody,
      headers: { "Idempotency-Key": "8–128 characters; the same key returns the same order" },
      responses: { 201: { description: "Placed", schema: OrderResponse }, 200: { description: "A replay: the order placed earlier with this key", schema: OrderResponse } },
      errors: [400, 404, 409, 415, 422],
    },
    async ({ actor, body, req }) => {
      const key = idempotencyKey(req.get("idempotency-key"));
      const { order, replayed } = await placeOrder({ uid: actor.uid, name: actor.displayName ?? actor.email }, body, { key, source: "api" });
      return { status: replayed ? 200 : 201, body: order, headers: { Location: `/v1/orders/${order.id}`, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/orders/me",
      summary: "The caller's orders, newest first",
      tags: ["orders"],
      auth: "user",
      operation: "read",
      query: MyOrdersQuery,
      responses: { 200: { description: "A page of orders", schema: OrderPage } },
      errors: [400],
    },
    async ({ actor, query }) => ({ status: 200, body: await listMyOrders(actor, query) }),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/orders/{id}",
      summary: "Read an order (its customer, or the shop's members)",
      description: "Anyone else gets a 404, as if the order did not exist.",
      tags: ["orders"],
      auth: "user",
      operation: "read",
      params: OrderIdParams,
      responses: { 200: { description: "The order", schema: OrderResponse } },
      errors: [404],
    },
    async ({ actor, params }) => ({ status: 200, body: await readOrder(actor, params.id) }),
  ),
  defineRoute(
    {
      method: "patch",
      path: "/v1/orders/{id}",
      summary: "Move an order along its status transitions",
      description:
        "pending → confirmed | cancelled; confirmed → preparing | ready | cancelled; preparing → ready; ready → picked_up | delivered. " +
        "Anything else: 400 \"Invalid status transition from 'X' to 'Y'.\". The shop's owner and staff move orders forward and may cancel " +
        "(with a `reason`); the customer may cancel while pending (403 otherwise). Confirming sets `estimated_preparation_minutes` " +
        "(default: the shop's setting). Cancelling returns the stock through the ledger. Repeating the change you just made answers 200 " +
        "and changes nothing. Someone else's order: 404.",
      tags: ["orders"],
      auth: "user",
      operation: "update",
      params: OrderIdParams,
      body: UpdateOrderStatusBody,
      responses: { 200: { description: "The order after the change", schema: OrderResponse } },
      errors: [400, 403, 404, 415],
    },
    async ({ actor, params, body }) => ({ status: 200, body: await changeOrderStatus(actor, params.id, body) }),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/shops/{id}/orders",
      summary: "A shop's orders, newest first (members)",
      description: "Filters: `status`, `order_type`, `date` (the Asia/Kolkata day the order was placed). Paginated with `limit` (≤ 100) and `cursor`.",
      tags: ["orders"],
      auth: "user",
      operation: "read",
      params: ShopOrdersParams,
      query: ShopOrdersQuery,
      responses: { 200: { description: "A page of orders", schema: OrderPage } },
      errors: [400, 403],
    },
    async ({ actor, params, query }) => ({ status: 200, body: await listShopOrders(actor, params.id, query) }),
  ),
];
