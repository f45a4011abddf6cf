import { now } from "../platform/clock";
import { AppError } from "../platform/errors";
import { timestampsToDates } from "../platform/firestore";
import { getUser } from "../identity/identity.repository";
import { notifyOrderWrite } from "../notifications/notifications.service";
import { applyOrderKpis, getOrderRequestData, resolveOrderRequest } from "./orders.repository";
import { orderContribution, orderContributionDelta, placeOrder } from "./orders.service";
import { OrderDoc, PlaceOrderBody, ORDER_REQUEST_BOOKKEEPING } from "./orders.schema";
import { logOrderKpisApplied, logOrderMalformed, logOrderRequestHandled } from "./orders.logs";

/** What the order trigger needs from its event. */
export interface OrderWrittenInput {
  eventId: string;
  orderId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function parseOrder(data: Record<string, unknown> | null, path: string, eventId: string): OrderDoc | null | "malformed" {
  if (!data) return null;
  const parsed = OrderDoc.safeParse(timestampsToDates(data));
  if (parsed.success) return parsed.data;
  logOrderMalformed({ path, eventId });
  return "malformed";
}

/**
 * After an order write: the notifications of that change (keyed by order version and type, so
 * a duplicate event writes nothing and events may arrive in any order) and the shop's order
 * KPIs (applied from the order read fresh against what was last applied: exact under redelivery).
 * A malformed order is logged and acknowledged, never retried forever.
 */
export async function handleOrderWritten(input: OrderWrittenInput): Promise<{ notifications: number; kpisChanged: boolean }> {
  const path = `orders/${input.orderId}`;
  const before = parseOrder(input.before, path, input.eventId);
  const after = parseOrder(input.after, path, input.eventId);
  if (before === "malformed" || after === "malformed") return { notifications: 0, kpisChanged: false };
  const at = now();
  const notifications = await notifyOrderWrite(input.eventId, input.orderId, before, after, at);
  const kpis = await applyOrderKpis(input.orderId, orderContribution, orderContributionDelta, at);
  if (kpis.changed) logOrderKpisApplied({ eventId: input.eventId, orderId: input.orderId, shopId: kpis.shopId, changed: kpis.changed });
  return { notifications, kpisChanged: kpis.changed };
}

/** What the order request trigger needs. */
export interface OrderRequestCreatedInput {
  requestId: string;
  eventId?: string | null;
}

/**
 * Turns an offline order request into an order, or into a refusal with the API's own reasons,
 * exactly once: the order id derives from the request id (a second run is a replay that takes
 * no stock), and the request's `pending → placed | refused` move is conditional on it being
 * pending. Refusals (4xx) are final; anything else is rethrown for a retry.
 */
export async function handleOrderRequestCreated(input: OrderRequestCreatedInput): Promise<{ outcome: "placed" | "refused" | "skipped"; orderId: string | null }> {
  const path = `order_requests/${input.requestId}`;
  const log = (outcome: "placed" | "refused" | "skipped", orderId: string | null, reason?: string) => {
    logOrderRequestHandled({ eventId: input.eventId ?? null, path, requestId: input.requestId, outcome, orderId, reason });
    return { outcome, orderId };
  };
  const data = await getOrderRequestData(input.requestId);
  if (!data || data.status !== "pending" || typeof data.customer_id !== "string") return log("skipped", null);
  const at = now();
  const refuse = async (err: AppError) => {
    const refusal = { status: err.status, error: err.kind, message: err.message, details: err.details ?? null };
    await resolveOrderRequest(input.requestId, { status: "refused", order_id: null, refusal }, at);
    return log("refused", null, err.message);
  };
  const fields: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(data)) if (!(ORDER_REQUEST_BOOKKEEPING as readonly string[]).includes(k)) fields[k] = v;
  const body = PlaceOrderBody.safeParse({ ...fields });
  if (!body.success) {
    return refuse(new AppError("INVALID_DATA", `Invalid order request: ${body.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ")}`));
  }
  const profile = await getUser(data.customer_id);
  const customer = { uid: data.customer_id, name: profile?.display_name ?? profile?.email ?? "Customer" };
  try {
    const { order } = await placeOrder(customer, body.data, { key: `request:${input.requestId}`, source: "order_request" });
    await resolveOrderRequest(input.requestId, { status: "placed", order_id: order.id, refusal: null }, at);
    return log("placed", order.id);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return refuse(err);
    throw err;
  }
}
