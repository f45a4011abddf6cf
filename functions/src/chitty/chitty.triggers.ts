import { onObjectFinalized } from "firebase-functions/v2/storage";
import "../config";

/**
 * NOT YET EXPORTED from index.ts: onObjectFinalized needs the default bucket's name when the
 * module loads (from FIREBASE_CONFIG), so exporting it makes `require(index)` throw wherever
 * FIREBASE_CONFIG is absent (the cold-start bench, plain Node). Export it at the orders merge,
 * with the bucket named explicitly or the cold-start bench given a FIREBASE_CONFIG.
 *
 * Reads a chitty photo when a customer's upload finishes. Thin: unpack the event, load the
 * handler (OCR, sharp and the catalog matcher load only here, never in other functions' cold
 * starts). Retried on transient errors only: bad photos end `failed` and are acknowledged.
 */
export const onChittyUploaded = onObjectFinalized({ memory: "2GiB", cpu: 1, timeoutSeconds: 120, retry: true }, async (event) => {
  const { handleChittyUploaded } = await import("./chitty.storage");
  await handleChittyUploaded({ bucket: event.data.bucket, name: event.data.name, size: Number(event.data.size), contentType: event.data.contentType ?? null, eventId: event.id });
});
