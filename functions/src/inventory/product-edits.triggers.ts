import { onDocumentCreated } from "firebase-functions/v2/firestore";
import "../config";
import { adminApp } from "../platform/firebase";
import { runTrigger } from "../platform/triggers";

// firebase-functions decodes a Firestore event's snapshots with the default Admin app before
// the handler runs, so the app must exist at load time (initializeApp is cheap: no I/O).
adminApp();

/** Applies offline edits as clients append them. */
export const onProductEditCreated = onDocumentCreated({ document: "shops/{shopId}/product_edits/{editId}", retry: true }, async (event) => {
  // Nothing to do for an edit created already settled (the event carries the data): no reads.
  if (event.data?.get("status") !== "pending") return;
  const subject = `shops/${event.params.shopId}/product_edits/${event.params.editId}`;
  // Retries only transient failures; a poison event is dead-lettered and acknowledged.
  await runTrigger({ trigger: "onProductEditCreated", eventId: event.id, subject }, async () => {
    // The handler (Admin Firestore, zod, ...) loads on the first event, not with the entry module.
    const { handleProductEditCreated } = await import("./product-edits.handlers");
    await handleProductEditCreated({ shopId: event.params.shopId, editId: event.params.editId, eventId: event.id });
  });
});
