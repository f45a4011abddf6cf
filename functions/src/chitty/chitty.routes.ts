import type { Readable } from "node:stream";
import { defineRoute } from "../platform/http/route";
import { readMultipartFile } from "../platform/http/multipart";
import { AppError } from "../platform/errors";
import { isWellFormedText } from "../platform/schema";
import type { Actor } from "../identity/actor";
import { roleIn } from "../identity/actor";
import { readOrder, ITEMS_EDITABLE } from "../orders/orders.service";
import type { OrderResponse } from "../orders/orders.schema";
import { MAX_IMAGE_BYTES, sniffImageType } from "./chitty.image";
import { MAX_CHITTY_TEXT } from "./chitty.pipeline";
import type { ChittySource } from "./chitty.pipeline";
import { ChittyOrderParams, ChittyView, CorrectSuggestionBody, SuggestionList, SuggestionParams, SuggestionView } from "./chitty.schema";
import type { Decision } from "./chitty.service";

/**
 * HTTP routes of the chitty flow. The order decides who may do what: its customer uploads, its
 * customer and its shop's members read the suggestions, the shop's members decide them; anyone
 * else gets a 404, as on the orders routes. The handlers (OCR, sharp, matcher) load on first use.
 */

const tooLarge = () => new AppError("TOO_LARGE", `The photo is larger than ${MAX_IMAGE_BYTES / (1024 * 1024)} MB`, { maxFileBytes: MAX_IMAGE_BYTES });

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The chitty in a request: a photo (multipart field `file`) or a typed list (text/plain); refused before anything is written. */
export async function chittySourceOf(rawBody: Buffer | undefined, contentType: string | undefined): Promise<ChittySource> {
  if (contentType && /^text\/plain\b/i.test(contentType)) {
    if (contentType && /charset=(?!"?utf-8"?\s*(;|$))/i.test(contentType)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the typed list as UTF-8 text");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(rawBody ?? Buffer.alloc(0));
    } catch {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The typed list is not UTF-8 text");
    }
    if (!isWellFormedText(text) || text.includes("\u0000")) throw new AppError("INVALID_DATA", "The typed list contains malformed characters");
    if (text.length > MAX_CHITTY_TEXT) throw new AppError("TOO_LARGE", `A typed list has at most ${MAX_CHITTY_TEXT.toLocaleString("en-IN")} characters`, { maxChars: MAX_CHITTY_TEXT });
    if (!text.trim()) throw new AppError("INVALID_DATA", "The typed list is empty");
    return { kind: "text", text };
  }
  const bytes = await readMultipartFile({ rawBody, contentType, field: "file", maxFileBytes: MAX_IMAGE_BYTES, what: "the chitty photo (or send a typed list as text/plain)", consume: collect, tooLarge });
  if (bytes.length === 0) throw new AppError("INVALID_DATA", "The photo is empty");
  if (!sniffImageType(bytes)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The upload is not a JPEG, PNG, WebP or HEIC image");
  return { kind: "image", bytes };
}

/** The order, if the caller is its customer or a member of its shop (else 404), with the caller's standing. */
async function orderFor(actor: Actor, orderId: string): Promise<{ order: OrderResponse; member: boolean; customer: boolean }> {
  const order = await readOrder(actor, orderId);
  const role = roleIn(actor, order.shop_id);
  return { order, member: role === "owner" || role === "staff", customer: order.customer_id === actor.uid };
}

function decisionRoute(action: "accept" | "reject" | "correct") {
  const summary = { accept: "Accept a chitty suggestion into the order", reject: "Reject a chitty suggestion", correct: "Correct a chitty suggestion (product and quantity) and add it" }[action];
  return defineRoute(
    {
      method: "post",
      path: `/v1/orders/{id}/suggestions/{sid}/${action}`,
      summary,
      description:
        (action === "reject"
          ? "Nothing is added to the order. "
          : "Adds the item to the order at the current price and takes its stock under the order's rules (short stock 409, order past confirmed 422); " +
            "the order's `addItemsToOrder` runs with the operation id `chitty:{sid}`, so a repeat adds nothing. ") +
        (action === "correct" ? "The line's words become an alias of the product for this shop: later chitties read them as that product. Quantities are whole units (1–999). " : "") +
        "The shop's owner and staff only (the customer: 403; anyone else: 404). Repeating the same decision answers 200 and changes nothing; a different decision on a decided suggestion is a 409.",
      tags: ["chitty"],
      auth: "user",
      operation: "update",
      params: SuggestionParams,
      ...(action === "correct" ? { body: CorrectSuggestionBody } : {}),
      responses: { 200: { description: "The suggestion after the decision", schema: SuggestionView } },
      errors: [400, 403, 404, 409, 415, 422],
    },
    async ({ actor, params, body }) => {
      const { order, member } = await orderFor(actor, params.id);
      if (!member) throw new AppError("FORBIDDEN", "Only the shop's owner and staff decide chitty suggestions");
      const decision: Decision =
        action === "correct" ? { action, productId: (body as CorrectSuggestionBody).product_id, quantity: (body as CorrectSuggestionBody).quantity } : { action };
      const { decideSuggestion } = await import("./chitty.handlers");
      const { toSuggestionView } = await import("./chitty.service");
      const doc = await decideSuggestion({ shopId: order.shop_id, orderId: params.id, suggestionId: params.sid, actorId: actor.uid, decision });
      return { status: 200, body: toSuggestionView(params.sid, doc) };
    },
  );
}

export const chittyRoutes = [
  defineRoute(
    {
      method: "post",
      path: "/v1/orders/{id}/chitty",
      summary: "Upload a chitty (a photo, or a typed list) for an order",
      description:
        `multipart/form-data with the photo (JPEG, PNG, WebP or HEIC, at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB) in the field \`file\`, ` +
        `or the list typed as \`text/plain\` (UTF-8, at most ${MAX_CHITTY_TEXT.toLocaleString("en-IN")} characters; the same pipeline without OCR). ` +
        "The order's customer only, while the order is pending or confirmed. The list is read now: suggestions appear under the order " +
        "(GET /v1/orders/{id}/suggestions) and the shop's members get a `chitty_processed` notification. 201 with the chitty; the same bytes " +
        "again answer 200 with `duplicate: true` and change nothing. A photo that cannot be read (blank, no items) answers 201 with " +
        "`status: failed` and its `failure_reason`. Not an image, too large or someone else's order: 415 / 413 / 404, nothing written.",
      tags: ["chitty"],
      auth: "user",
      operation: "create",
      bodyType: "multipart",
      params: ChittyOrderParams,
      responses: { 201: { description: "Read (or failed with a reason)", schema: ChittyView }, 200: { description: "These bytes were already read for this order", schema: ChittyView } },
      errors: [400, 403, 404, 409, 413, 415, 422],
    },
    async ({ req, actor, params }) => {
      const { order, customer } = await orderFor(actor, params.id);
      if (!customer) throw new AppError("FORBIDDEN", "Only the order's customer uploads its chitty");
      if (!ITEMS_EDITABLE.includes(order.status)) throw new AppError("UNPROCESSABLE", `Order ${params.id} is ${order.status}: a chitty can no longer be added`);
      const source = await chittySourceOf(req.rawBody, req.get("content-type"));
      const { processChitty } = await import("./chitty.handlers");
      const { toChittyView } = await import("./chitty.service");
      const result = await processChitty({ shopId: order.shop_id, orderId: params.id, source });
      if (result.outcome === "busy" || !result.chitty) throw new AppError("CONFLICT", "This chitty is being read right now; try again in a minute");
      const duplicate = result.outcome === "duplicate";
      return { status: duplicate ? 200 : 201, body: toChittyView(result.chittyId, result.chitty, duplicate) };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/orders/{id}/suggestions",
      summary: "The order's chitty suggestions, highest confidence first",
      description: "The order's customer and its shop's members; anyone else gets a 404. Every line that may be an item, with its quantity, unit, alternatives and status.",
      tags: ["chitty"],
      auth: "user",
      operation: "read",
      params: ChittyOrderParams,
      responses: { 200: { description: "The suggestions", schema: SuggestionList } },
      errors: [404],
    },
    async ({ actor, params }) => {
      await orderFor(actor, params.id);
      const { listSuggestions, orderDocPath } = await import("./chitty.repository");
      const { toSuggestionView } = await import("./chitty.service");
      const found = await listSuggestions(orderDocPath(params.id));
      return { status: 200, body: { items: found.map((s) => toSuggestionView(s.id, s.doc)) } };
    },
  ),
  decisionRoute("accept"),
  decisionRoute("reject"),
  decisionRoute("correct"),
];
