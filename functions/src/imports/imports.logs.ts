import { logEvent, logWarning } from "../platform/logger";

/** An import's file was read and its job document created. */
export function logImportStarted(f: { importId: string; shopId: string; actorId: string; role: string; rows: number; dryRun: boolean }): void {
  logEvent("import.started", f);
}

/** An import finished; counts by outcome. */
export function logImportCompleted(f: {
  importId: string | null;
  shopId: string;
  actorId: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  written: number;
  retries: number;
  peakRssBytes: number;
  /** Time spent reading products, writing them (with retries), and storing the results. */
  readMs: number;
  writeMs: number;
  kpisMs: number;
  resultsMs: number;
  latencyMs: number;
}): void {
  logEvent("import.completed", f);
}

/** Rows lost a race to a concurrent edit and were re-read and re-planned. */
export function logImportRowsRetried(f: { importId: string; shopId: string; round: number; rows: number }): void {
  logWarning("import.rows-retried", f);
}

/** An import stopped half-way; its job document says failed. Re-running the file finishes it. */
export function logImportFailed(f: { importId: string; shopId: string; actorId: string; reason: string }): void {
  logWarning("import.failed", f);
}
