import { Timestamp, type DocumentSnapshot, type Firestore, type Transaction } from "firebase-admin/firestore";
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

/**
 * Parses a stored document with its schema; a malformed document is a server-side fault. The
 * error names no path (internal paths never reach a client): the log line carries it.
 */
export function parseStored<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(timestampsToDates(data));
  if (!parsed.success) {
    logWarning("firestore.document-malformed", { path, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`) });
    throw new AppError("UNEXPECTED", "A stored record could not be read; it has been logged for repair");
  }
  return parsed.data;
}

/**
 * Parses a stored document, or returns null (after logging it) when it is malformed: lists use
 * this, so one bad document is skipped instead of failing the whole list.
 */
export function parseStoredOrSkip<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> | null {
  const parsed = schema.safeParse(timestampsToDates(data));
  if (parsed.success) return parsed.data;
  logWarning("firestore.document-skipped", { path, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`) });
  return null;
}

/** Parses a snapshot, or returns null when the document does not exist. */
export function parseSnapshot<S extends z.ZodType>(schema: S, snap: DocumentSnapshot): z.infer<S> | null {
  if (!snap.exists) return null;
  return parseStored(schema, snap.data(), snap.ref.path);
}

/**
 * gRPC codes worth retrying a transaction on: contention (ABORTED) and passing unavailability.
 * Anything else (INVALID_ARGUMENT for a value Firestore refuses, NOT_FOUND, PERMISSION_DENIED,
 * FAILED_PRECONDITION, an AppError or any bug thrown by the transaction body) cannot be fixed
 * by retrying, so it ends the transaction at once.
 */
const RETRYABLE_CODES = new Set([10 /* ABORTED */, 14 /* UNAVAILABLE */, 4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */]);

/** True when a failed transaction attempt may succeed if run again. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "number") return false;
  // Firestore reports an expired transaction id as INVALID_ARGUMENT; a fresh attempt fixes that one.
  if (code === 3) return /transaction has expired/i.test(String((err as { message?: unknown }).message ?? ""));
  return RETRYABLE_CODES.has(code);
}

/**
 * Runs a transaction that gives up at once on an error a retry cannot fix. The first attempt runs
 * alone (`maxAttempts: 1`): an error that is not contention (a value Firestore refuses fails the
 * same way every time; the Admin SDK's own loop would retry INTERNAL/UNKNOWN commit failures for
 * minutes) is thrown at once. On contention the rest of the attempts are handed to the SDK's own
 * retry loop, which keeps the transaction's lock priority from one attempt to the next (fresh
 * transactions would lose it and starve under contention).
 */
export async function runTransaction<T>(firestore: Firestore, fn: (tx: Transaction) => Promise<T>, options: { maxAttempts?: number } = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 10;
  try {
    return await firestore.runTransaction(fn, { maxAttempts: 1 });
  } catch (err) {
    if (maxAttempts <= 1 || !isRetryableTransactionError(err)) throw err;
  }
  return firestore.runTransaction(fn, { maxAttempts: maxAttempts - 1 });
}
