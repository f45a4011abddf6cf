import { logError, logWarning } from "./logger";

/** A trigger could not process an event (poison): recorded in dead_letters and acknowledged. */
export function logEventDeadLettered(f: { trigger: string; eventId: string; subject: string; deadLetterId: string; code: string | null; reason: string }, err: unknown): void {
  logError("trigger.event-dead-lettered", err, f);
}

/** A trigger failed transiently; the event is redelivered. */
export function logTriggerRetrying(f: { trigger: string; eventId: string; subject: string; code: string | null; message: string }): void {
  logWarning("trigger.retrying", f);
}
