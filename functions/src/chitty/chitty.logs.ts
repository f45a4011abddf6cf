import { logEvent, logWarning } from "../platform/logger";

/** A chitty was read and its suggestions stored. */
export function logChittyProcessed(f: { eventId: string | null; shopId: string; orderId: string; chittyId: string; source: string; engine: string | null; totalLines: number; itemsFound: number; ocrMs: number; latencyMs: number }): void {
  logEvent("chitty.processed", f);
}

/** A chitty could not be read (bad input); it is stored as failed and not retried. */
export function logChittyFailed(f: { eventId: string | null; shopId: string; orderId: string; chittyId: string; source: string; reason: string; latencyMs: number }): void {
  logWarning("chitty.failed", f);
}

/** The same upload (same bytes) arrived again, or another attempt is still reading it. */
export function logChittyDuplicateSkipped(f: { eventId: string | null; shopId: string; orderId: string; chittyId: string; status: string }): void {
  logEvent("chitty.duplicate-skipped", f);
}

/** A shop member accepted, rejected or corrected a suggestion. */
export function logSuggestionDecided(f: { shopId: string; orderId: string; suggestionId: string; actorId: string; decision: string; productId: string | null; quantity: number | null; aliasId: string | null }): void {
  logEvent("chitty.suggestion-decided", f);
}

/** A stored suggestion did not match its contract and was left out of a list. */
export function logSuggestionSkipped(f: { path: string; issues: number }): void {
  logWarning("chitty.suggestion-skipped", f);
}

/** A Storage upload outside the chitty path layout was ignored. */
export function logChittyUploadIgnored(f: { eventId: string | null; path: string; reason: string }): void {
  logWarning("chitty.upload-ignored", f);
}
