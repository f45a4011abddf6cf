import { AppError } from "./errors";
import { logEventDeadLettered, logTriggerRetrying } from "./triggers.logs";

/** gRPC status codes (as Firestore reports them) that a later attempt can succeed on. */
const TRANSIENT_GRPC_CODES = new Set<number>([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 10 /* ABORTED */, 13 /* INTERNAL */, 14 /* UNAVAILABLE */]);
const TRANSIENT_NAMED_CODES = new Set<string>([
  "deadline-exceeded",
  "resource-exhausted",
  "aborted",
  "internal",
  "unavailable",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Whether retrying could help: Firestore's transient statuses, network failures, and our own
 * UNAVAILABLE. Everything else (bad data, too large, a bug) fails the same way every time.
 */
export function isTransientError(err: unknown): boolean {
  if (err instanceof AppError) return err.kind === "UNAVAILABLE";
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "number") return TRANSIENT_GRPC_CODES.has(code);
  if (typeof code === "string") return TRANSIENT_NAMED_CODES.has(code) || TRANSIENT_NAMED_CODES.has(code.replace(/^[a-z]+\//, ""));
  return false;
}

/** The error's code, as a string, for the record. */
function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return code === undefined || code === null ? (err instanceof AppError ? err.kind : null) : String(code);
}

/** What a trigger's event was about, for the dead letter and the logs. */
export interface TriggerEvent {
  trigger: string;
  eventId: string;
  subject: string;
}

/**
 * Runs a trigger's handler so that only transient failures are retried: those are rethrown
 * (the platform redelivers the event); any other failure is a poison event, which is recorded
 * in `dead_letters` with its reason, logged, and acknowledged, so it never holds up the events
 * behind it. If the dead letter itself cannot be written, the event is retried.
 */
export async function runTrigger<T>(event: TriggerEvent, handler: () => Promise<T>): Promise<T | undefined> {
  try {
    return await handler();
  } catch (err) {
    if (isTransientError(err)) {
      logTriggerRetrying({ ...event, code: errorCode(err), message: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    const reason = err instanceof Error ? err.message : String(err);
    const { recordDeadLetter } = await import("./dead-letters.repository");
    const id = await recordDeadLetter({ trigger: event.trigger, event_id: event.eventId, subject: event.subject, reason, error_code: errorCode(err), at: new Date() });
    logEventDeadLettered({ ...event, deadLetterId: id, code: errorCode(err), reason }, err);
    return undefined;
  }
}
