import { onDocumentCreated, onDocumentWritten } from "firebase-functions/v2/firestore";
import "../config";
import { adminApp } from "../platform/firebase";

// firebase-functions decodes a Firestore event's snapshots with the default Admin app before
// the handler runs, so the app must exist at load time (initializeApp is cheap: no I/O).
adminApp();

/** Every order write: notifications for the change, and the shop's order KPIs. */
export const onOrderWritten = onDocumentWritten({ document: "orders/{orderId}", retry: true }, async (event) => {
  const { handleOrderWritten } = await import("./orders.handlers");
  await handleOrderWritten({
    eventId: event.id,
    orderId: event.params.orderId,
    before: event.data?.before.exists ? (event.data.before.data() ?? null) : null,
    after: event.data?.after.exists ? (event.data.after.data() ?? null) : null,
  });
});

/** A customer's offline order request: placed or refused exactly once. */
export const onOrderRequestCreated = onDocumentCreated({ document: "order_requests/{requestId}", retry: true }, async (event) => {
  const { handleOrderRequestCreated } = await import("./orders.handlers");
  await handleOrderRequestCreated({ requestId: event.params.requestId, eventId: event.id });
});
