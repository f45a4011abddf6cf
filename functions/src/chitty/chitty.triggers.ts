import { onObjectFinalized } from "firebase-functions/v2/storage";
import "../config";

/**
 * Reads a chitty photo when a customer's upload finishes. Thin: unpack the event, load the
 * handler (OCR, sharp and the catalog matcher load only here, never in other functions' cold
 * starts). Retried on transient errors only: bad photos end `failed` and are acknowledged.
 */
export const onChittyUploaded = onObjectFinalized({ memory: "2GiB", cpu: 1, timeoutSeconds: 120, retry: true }, async (event) => {
  const { handleChittyUploaded } = await import("./chitty.storage");
  await handleChittyUploaded({ bucket: event.data.bucket, name: event.data.name, size: Number(event.data.size), contentType: event.data.contentType ?? null, eventId: event.id });
});
