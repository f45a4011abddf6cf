import { onObjectFinalized } from "firebase-functions/v2/storage";
import { CHITTY_BUCKET } from "../config";

/**
 * Reads a chitty photo when a customer's upload finishes. Thin: unpack the event, load the
 * handler (OCR, sharp and the catalog matcher load only here, never in other functions' cold
 * starts). Retried on transient errors only: bad photos end `failed` and are acknowledged.
 * The bucket is the CHITTY_BUCKET param, so declaring this needs no FIREBASE_CONFIG.
 */
export const onChittyUploaded = onObjectFinalized({ bucket: CHITTY_BUCKET, memory: "2GiB", cpu: 1, timeoutSeconds: 120, retry: true }, async (event) => {
  const { handleChittyUploaded } = await import("./chitty.storage");
  await handleChittyUploaded({ bucket: event.data.bucket, name: event.data.name, size: Number(event.data.size), contentType: event.data.contentType ?? null, eventId: event.id });
});
