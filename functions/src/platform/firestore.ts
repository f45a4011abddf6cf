import { Timestamp, type DocumentSnapshot } from "firebase-admin/firestore";
import type { z } from "zod";
import { AppError } from "./errors";
import { logWarning } from "./logger";

/** Replaces Firestore Timestamps with Dates, deeply, so stored documents parse with zod. */
export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = timestampsToDates(v);
    return out;
  }
  return value;
}

/** Parses a stored document with its schema; a malformed document is a server-side fault. */
export function parseStored<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(timestampsToDates(data));
  if (!parsed.success) {
    throw new AppError("UNEXPECTED", `Stored document ${path} is malformed`, { path });
  }
  return parsed.data;
}

/** Parses a snapshot, or returns null when the document does not exist. */
export function parseSnapshot<S extends z.ZodType>(schema: S, snap: DocumentSnapshot): z.infer<S> | null {
  if (!snap.exists) return null;
  return parseStored(schema, snap.data(), snap.ref.path);
}

/**
 * Parses a stored document of a list, or logs `document.malformed-skipped` and returns null:
 * one malformed document never fails a whole list.
 */
export function parseListed<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> | null {
  const parsed = schema.safeParse(timestampsToDates(data));
  if (parsed.success) return parsed.data;
  logWarning("document.malformed-skipped", { path, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`) });
  return null;
}
