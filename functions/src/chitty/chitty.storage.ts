import { adminApp } from "../platform/firebase";
import { processChitty, type ProcessChittyResult } from "./chitty.handlers";
import { MAX_IMAGE_BYTES } from "./chitty.image";
import { logChittyUploadIgnored } from "./chitty.logs";

/**
 * The Storage side of a chitty upload: which order a path names, and the download. The
 * reading itself is `processChitty`, the same handler the HTTP route calls.
 */

/** chitties/{shopId}/{orderId}/{uid}/{fileName}, as storage.rules allow customers to write. */
const CHITTY_PATH = /^chitties\/([A-Za-z0-9_-]{1,128})\/([A-Za-z0-9_-]{1,128})\/([A-Za-z0-9_-]{1,128})\/[^/]{1,200}$/;

/** Where an uploaded object belongs, or null when it is not a chitty photo. */
export function parseChittyPath(name: string): { shopId: string; orderId: string; uid: string } | null {
  const m = CHITTY_PATH.exec(name);
  return m ? { shopId: m[1], orderId: m[2], uid: m[3] } : null;
}

export interface ChittyUploaded {
  bucket: string;
  name: string;
  size: number;
  contentType?: string | null;
  eventId?: string | null;
}

/** Downloads a finalized chitty photo and reads it; other objects are ignored (and acknowledged). */
export async function handleChittyUploaded(input: ChittyUploaded): Promise<ProcessChittyResult | null> {
  const where = parseChittyPath(input.name);
  if (!where) {
    if (input.name.startsWith("chitties/")) logChittyUploadIgnored({ eventId: input.eventId ?? null, path: input.name, reason: "not a chitty path" });
    return null;
  }
  if (input.size > MAX_IMAGE_BYTES) {
    // The rules refuse these from clients; an Admin upload this large is acknowledged, not retried.
    logChittyUploadIgnored({ eventId: input.eventId ?? null, path: input.name, reason: "too large" });
    return null;
  }
  const { getStorage } = await import("firebase-admin/storage");
  const [bytes] = await getStorage(adminApp()).bucket(input.bucket).file(input.name).download();
  return processChitty({ shopId: where.shopId, orderId: where.orderId, source: { kind: "image", bytes }, storagePath: input.name, eventId: input.eventId ?? null });
}
