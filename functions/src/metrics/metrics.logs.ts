import { logWarning } from "../platform/logger";

/** An instance could not flush its buffered metrics; they are kept for the next flush. */
export function logMetricsFlushFailed(f: { message: string; pendingRequests: number }): void {
  logWarning("metrics.flush-failed", f);
}
