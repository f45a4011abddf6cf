import * as functionsLogger from "firebase-functions/logger";

/** Structured fields of a log event; never put secrets or tokens here. */
export type LogFields = Record<string, unknown>;

/** Writes one structured event line; `event` reads `entity.past-tense-verb`. */
export function logEvent(event: string, fields: LogFields = {}): void {
  functionsLogger.info(event, { event, ...fields });
}

/** Writes a warning event (recoverable problems, drift, refused operations). */
export function logWarning(event: string, fields: LogFields = {}): void {
  functionsLogger.warn(event, { event, ...fields });
}

/** Writes an error event with the error's message and stack (server side only). */
export function logError(event: string, err: unknown, fields: LogFields = {}): void {
  const e = err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
  functionsLogger.error(event, { event, ...fields, error: e });
}
