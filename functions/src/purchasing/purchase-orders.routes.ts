import type { Readable } from "node:stream";
import { z } from "../platform/schema";
import { defineRoute } from "../platform/http/route";
import { readMultipartFile } from "../platform/http/multipart";
import { AppError } from "../platform/errors";
import { requireShop } from "../identity/actor";
import { MAX_IMAGE_BYTES, sniffImageType } from "../chitty/chitty.image";
import {
  CreatePoBody,
  FromSuggestionsResponse,
  ListPoQuery,
  PoIdParams,
  PurchaseOrderList,
  PurchaseOrderResponse,
  ReceiveBody,
  ReceiveResponse,
  SendResponse,
  TransitionBody,
  UpdatePoBody,
} from "./purchase-orders.schema";
import { AcceptInvoiceLineBody, InvoiceLineParams, InvoiceParams, InvoiceResponse } from "./invoice.schema";
import { chainOf } from "./suppliers.service";
import { toPurchaseOrderResponse } from "./purchase-orders.service";
import {
  createPurchaseOrder,
  draftFromSuggestions,
  listShopPurchaseOrders,
  purchaseOrderOf,
  receiveGoods,
  shopNameOf,
  transitionPurchaseOrder,
  updateDraft,
} from "./purchase-orders.handlers";
import { purchaseOrderMessage, purchaseOrderPdf, whatsappUrl } from "./purchase-orders.document";

const SHOP_NOTE = "Acts on the caller's current shop, or the one named by `?shopId=` / `X-Shop-Id`; another shop's order is a 404.";
const RECEIPT_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The receipt id of a request: `receipt_id` in the body or the Idempotency-Key header (one is required; they must agree). */
export function receiptIdOf(bodyId: string | undefined, header: string | undefined): string {
  if (header !== undefined && !RECEIPT_ID.test(header)) throw new AppError("INVALID_DATA", "Idempotency-Key must be 1–128 letters, digits, '-' or '_'");
  if (bodyId && header && bodyId !== header) throw new AppError("INVALID_DATA", "receipt_id and the Idempotency-Key header disagree");
  const id = bodyId ?? header;
  if (!id) throw new AppError("INVALID_DATA", "Give the receipt an id (receipt_id, or the Idempotency-Key header) so a retry books it once");
  return id;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function transitionRoute(action: "send" | "cancel" | "close") {
  const to = ({ send: "sent", cancel: "cancelled", close: "closed" } as const)[action];
  const description = {
    send: "draft → sent (stamps `sent_at`, from which the supplier's on-time rate counts). Answers the order with the plain-text `message` and a `whatsapp_url` to forward it.",
    cancel: "draft or sent → cancelled, while nothing has been received.",
    close: "partly_received or received → closed (a short delivery that will not be completed).",
  }[action];
  return defineRoute(
    {
      method: "post",
      path: `/v1/purchase-orders/{id}/${action}`,
      summary: `${action[0].toUpperCase()}${action.slice(1)} a purchase order (owners)`,
      description: `${description} Any other transition is a 409 \"Invalid status transition\"; an optional \`version\` is checked (409 when stale). ${SHOP_NOTE}`,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: PoIdParams,
      body: TransitionBody,
      responses: { 200: { description: "The order after the transition", schema: action === "send" ? SendResponse : PurchaseOrderResponse } },
      errors: [400, 403, 404, 409, 415],
    },
    async ({ actor, shopId, params, body }) => {
      const shop = requireShop(actor, shopId, ["owner"]).shopId;
      const { id, doc } = await transitionPurchaseOrder(shop, params.id, to, actor.uid, body.version);
      const view = toPurchaseOrderResponse(id, doc);
      if (action !== "send") return { status: 200, body: view };
      const message = purchaseOrderMessage(id, doc, await shopNameOf(shop));
      return { status: 200, body: { ...view, message, whatsapp_url: whatsappUrl(doc.supplier_phone, message) } };
    },
  );
}

function invoiceDecisionRoute(action: "accept" | "reject") {
  return defineRoute(
    {
      method: "post",
      path: `/v1/purchase-orders/{id}/invoices/{invoiceId}/lines/{lineNo}/${action}`,
      summary: action === "accept" ? "Accept a bill line: book its goods (owners)" : "Reject a bill line (owners)",
      description:
        (action === "accept"
          ? "Books the line's quantity (or `quantity`) at the billed rate as a receipt with the id `inv-{invoiceId}-{lineNo}` — a retry books nothing twice. " +
            "Unknown items need `product_id`; `update_buying_price` makes the billed rate the supplier's price. "
          : "Nothing is booked. ") +
        "Repeating the same decision answers 200 and changes nothing; the other decision on a decided line is a 409. " +
        SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: InvoiceLineParams,
      ...(action === "accept" ? { body: AcceptInvoiceLineBody } : {}),
      responses: { 200: { description: "The bill after the decision", schema: InvoiceResponse } },
      errors: [400, 403, 404, 409, 415, 422],
    },
    async ({ actor, shopId, params, body }) => {
      const shop = requireShop(actor, shopId, ["owner"]).shopId;
      const { acceptBillLine, rejectBillLine } = await import("./invoice.handlers");
      const view =
        action === "accept"
          ? await acceptBillLine(shop, params.id, params.invoiceId, params.lineNo, actor.uid, AcceptInvoiceLineBody.parse(body ?? {}))
          : await rejectBillLine(shop, params.id, params.invoiceId, params.lineNo, actor.uid);
      return { status: 200, body: view };
    },
  );
}

/** HTTP routes of purchase orders, receipts and bills. */
export const purchaseOrderRoutes = [
  defineRoute(
    {
      method: "post",
      path: "/v1/purchase-orders/from-suggestions",
      summary: "Draft purchase orders from the reorder suggestions (owners)",
      description:
        "One draft per supplier from the shop's current suggestions, priced from the supplier's items. Suggestions without a supplier are listed under `skipped` " +
        "(\"no supplier\"). Idempotent: a draft's id comes from the shop, the supplier and the suggestions' run, so tapping twice answers the first tap's drafts under `existing`. " +
        SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "create",
      responses: { 200: { description: "Drafts made now and drafts that already existed", schema: FromSuggestionsResponse } },
      errors: [403],
    },
    async ({ actor, shopId }) => {
      const chain = await chainOf(actor, shopId, ["owner"]);
      return { status: 200, body: await draftFromSuggestions(chain, actor.uid) };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/purchase-orders",
      summary: "List the shop's purchase orders",
      description: "Newest first (at most 200), optionally one status or supplier. Owners and staff. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      query: ListPoQuery,
      responses: { 200: { description: "Orders", schema: PurchaseOrderList } },
      errors: [400, 403],
    },
    async ({ actor, shopId, query }) => {
      const shop = requireShop(actor, shopId).shopId;
      return { status: 200, body: { items: await listShopPurchaseOrders(shop, { status: query.status, supplierId: query.supplier_id }) } };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/purchase-orders",
      summary: "Draft a purchase order by hand (owners)",
      description: "Lines name the shop's products; the price defaults to the supplier's buying price (422 when it lists none and no `unit_cost` is given). " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "create",
      body: CreatePoBody,
      responses: { 201: { description: "The draft", schema: PurchaseOrderResponse } },
      errors: [400, 403, 404, 415, 422],
    },
    async ({ actor, shopId, body }) => {
      const chain = await chainOf(actor, shopId, ["owner"]);
      const po = await createPurchaseOrder(chain, actor.uid, body);
      return { status: 201, body: po, headers: { Location: `/v1/purchase-orders/${po.id}` } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/purchase-orders/{id}",
      summary: "Read a purchase order",
      description: "Owners and staff. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: PoIdParams,
      responses: { 200: { description: "The order", schema: PurchaseOrderResponse } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const shop = requireShop(actor, shopId).shopId;
      return { status: 200, body: toPurchaseOrderResponse(params.id, await purchaseOrderOf(shop, params.id)) };
    },
  ),
  defineRoute(
    {
      method: "patch",
      path: "/v1/purchase-orders/{id}",
      summary: "Edit a draft's lines or notes (owners)",
      description: "Drafts only (409 otherwise); `version` is required (409 when stale); `lines` replaces the whole list. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: PoIdParams,
      body: UpdatePoBody,
      responses: { 200: { description: "The draft", schema: PurchaseOrderResponse } },
      errors: [400, 403, 404, 409, 415, 422],
    },
    async ({ actor, shopId, params, body }) => {
      const shop = requireShop(actor, shopId, ["owner"]).shopId;
      return { status: 200, body: await updateDraft(shop, params.id, actor.uid, body) };
    },
  ),
  transitionRoute("send"),
  transitionRoute("cancel"),
  transitionRoute("close"),
  defineRoute(
    {
      method: "get",
      path: "/v1/purchase-orders/{id}/message",
      summary: "The order as a plain-text message (for WhatsApp)",
      description: "Owners and staff. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: PoIdParams,
      responses: { 200: { description: "The message", contentType: "text/plain", schema: z.string() } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const shop = requireShop(actor, shopId).shopId;
      const po = await purchaseOrderOf(shop, params.id);
      return { status: 200, body: purchaseOrderMessage(params.id, po, await shopNameOf(shop)), contentType: "text/plain; charset=utf-8" };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/purchase-orders/{id}/pdf",
      summary: "The order as a PDF to share",
      description: "A4, one row per line with quantity, rate and amount. Owners and staff. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: PoIdParams,
      responses: { 200: { description: "The PDF", contentType: "application/pdf", schema: z.string().openapi({ format: "binary" }) } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const shop = requireShop(actor, shopId).shopId;
      const po = await purchaseOrderOf(shop, params.id);
      const pdf = await purchaseOrderPdf(params.id, po, await shopNameOf(shop));
      return { status: 200, body: pdf, contentType: "application/pdf", headers: { "Content-Disposition": `inline; filename="purchase-order-${params.id}.pdf"` } };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/purchase-orders/{id}/receipts",
      summary: "Book goods received against an order",
      description:
        "Each line (by `line_id`, or `product_id` for a product not on the order) adds stock through the stock ledger (`reason: \"receipt\"`, `ref: po/{id}/line/{line_id}`). " +
        "A receipt id (`receipt_id` or the `Idempotency-Key` header) is required: a retry with the same id books nothing again and answers `replayed: true`; the same id with other lines is a 409. " +
        "More than outstanding (or a product not ordered) needs `allow_over_receipt` (422 otherwise). The order becomes partly_received or received. " +
        "Owners and staff; only owners may `update_buying_price` (the billed `unit_cost` becomes the supplier's price). Only sent or partly received orders (409). " +
        SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "update",
      params: PoIdParams,
      body: ReceiveBody,
      headers: { "Idempotency-Key": "The receipt id, when the body has none" },
      responses: { 201: { description: "Booked", schema: ReceiveResponse }, 200: { description: "Already booked (a retry)", schema: ReceiveResponse } },
      errors: [400, 403, 404, 409, 415, 422],
    },
    async ({ actor, shopId, params, body, req }) => {
      const { shopId: shop, role } = requireShop(actor, shopId);
      const receiptId = receiptIdOf(body.receipt_id, req.get("idempotency-key"));
      const out = await receiveGoods(shop, params.id, role, actor.uid, receiptId, body);
      return { status: out.replayed ? 200 : 201, body: { purchase_order: toPurchaseOrderResponse(params.id, out.doc), receipt_id: receiptId, replayed: out.replayed } };
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/purchase-orders/{id}/invoices",
      summary: "Read the distributor's bill for an order (owners)",
      description:
        `multipart/form-data with a photo of the printed bill (JPEG, PNG, WebP or HEIC, at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB) in the field \`file\`. ` +
        "OCR reads its rows; item lines (item, quantity, rate, amount) are matched to the order's lines and the supplier's items, each with its differences " +
        "(short, over, extra, price_changed, unknown_item), and ordered lines the bill lacks are listed as `missing`. Nothing is booked until lines are accepted. " +
        "201; the same photo again answers 200 with `duplicate: true`. Sent or partly received orders only (409); no item lines read: 422. " +
        SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "create",
      bodyType: "multipart",
      params: PoIdParams,
      responses: { 201: { description: "Read", schema: InvoiceResponse }, 200: { description: "This photo was already read", schema: InvoiceResponse } },
      errors: [400, 403, 404, 409, 413, 415, 422],
    },
    async ({ actor, shopId, params, req }) => {
      const shop = requireShop(actor, shopId, ["owner"]).shopId;
      const bytes = await readMultipartFile({
        rawBody: req.rawBody,
        contentType: req.get("content-type"),
        field: "file",
        maxFileBytes: MAX_IMAGE_BYTES,
        what: "the photo of the bill",
        consume: collect,
        tooLarge: () => new AppError("TOO_LARGE", `The photo is larger than ${MAX_IMAGE_BYTES / (1024 * 1024)} MB`, { maxFileBytes: MAX_IMAGE_BYTES }),
      });
      if (bytes.length === 0) throw new AppError("INVALID_DATA", "The photo is empty");
      if (!sniffImageType(bytes)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The upload is not a JPEG, PNG, WebP or HEIC image");
      const { readBill } = await import("./invoice.handlers");
      const view = await readBill(shop, params.id, actor.uid, bytes);
      return { status: view.duplicate ? 200 : 201, body: view };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/purchase-orders/{id}/invoices/{invoiceId}",
      summary: "A bill read for an order, with its lines and decisions",
      description: "Owners and staff. " + SHOP_NOTE,
      tags: ["purchasing"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: InvoiceParams,
      responses: { 200: { description: "The bill", schema: InvoiceResponse } },
      errors: [403, 404],
    },
    async ({ actor, shopId, params }) => {
      const shop = requireShop(actor, shopId).shopId;
      const { readStoredBill } = await import("./invoice.handlers");
      return { status: 200, body: await readStoredBill(shop, params.id, params.invoiceId) };
    },
  ),
  invoiceDecisionRoute("accept"),
  invoiceDecisionRoute("reject"),
];
