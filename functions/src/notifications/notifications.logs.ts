import { logEvent } from "../platform/logger";

/** Notifications for one change were written (`created` is 0 on a redelivered event). */
export function logNotificationsWritten(f: { eventId: string | null; orderId: string; types: string[]; recipients: number; created: number }): void {
  logEvent("notifications.written", f);
}
