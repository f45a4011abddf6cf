/**
 * Pre-order pickup times, validated on the device with the rules the server applies (in the
 * shop's Asia/Kolkata hours, in the future, at most 14 days ahead), so a customer learns before
 * sending. The server still decides.
 */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type OpeningHours = Partial<Record<Weekday, { open: string; close: string }[]>>;

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const IST_OFFSET_MS = 330 * 60_000;
export const MAX_DAYS_AHEAD = 14;
/** The earliest pickup we offer: a few minutes from now, so the shop has time to see it. */
export const MIN_LEAD_MINUTES = 10;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether hours (null = none published = always open) include an instant, in IST. */
export function isOpenAt(hours: OpeningHours | null | undefined, at: Date): boolean {
  if (hours == null) return true;
  const ist = new Date(at.getTime() + IST_OFFSET_MS);
  const weekday = WEEKDAYS[(ist.getUTCDay() + 6) % 7];
  const minute = ist.getUTCHours() * 60 + ist.getUTCMinutes();
  return (hours[weekday] ?? []).some((i) => minute >= minutesOf(i.open) && minute < minutesOf(i.close));
}

/**
 * "2026-11-22T18:30" typed in a datetime-local field, read as IST whatever the device's zone
 * → the instant; null when malformed.
 */
export function istLocalToDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi) - IST_OFFSET_MS;
  const date = new Date(utc);
  // Reject rolled-over dates such as 31 February.
  const back = new Date(utc + IST_OFFSET_MS);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return date;
}

/** An instant → the IST "YYYY-MM-DDTHH:mm" a datetime-local field shows. */
export function dateToIstLocal(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 16);
}

/** An instant → ISO-8601 with the +05:30 offset (what the API's `scheduled_pickup_time` takes). */
export function toIstIso(at: Date): string {
  return `${dateToIstLocal(at)}:00+05:30`;
}

/** Why a pickup time cannot be used, in words, or null when it can. */
export function pickupProblem(value: string, hours: OpeningHours | null | undefined, now: Date): string | null {
  const at = istLocalToDate(value);
  if (!at) return "Choose a pickup date and time.";
  if (at.getTime() < now.getTime() + MIN_LEAD_MINUTES * 60_000) return `Choose a time at least ${MIN_LEAD_MINUTES} minutes from now.`;
  if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) return `Pre-orders are taken at most ${MAX_DAYS_AHEAD} days ahead.`;
  if (!isOpenAt(hours, at)) return "The shop is closed then: choose a time within its opening hours (IST).";
  return null;
}

/** The first time, on a 15-minute step from now + lead, when the shop is open (within 14 days), or null. */
export function firstPickupSlot(hours: OpeningHours | null | undefined, now: Date): Date | null {
  const step = 15 * 60_000;
  let t = Math.ceil((now.getTime() + MIN_LEAD_MINUTES * 60_000 + 60_000) / step) * step;
  const end = now.getTime() + MAX_DAYS_AHEAD * 86_400_000;
  for (; t <= end; t += step) if (isOpenAt(hours, new Date(t))) return new Date(t);
  return null;
}

/** "Mon 07:00–22:00" lines for a shop's hours. */
export function describeHours(hours: OpeningHours | null | undefined): string[] {
  if (hours == null) return ["Open every day, all day"];
  const names: Record<Weekday, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
  return WEEKDAYS.map((d) => `${names[d]} ${(hours[d] ?? []).map((i) => `${i.open}–${i.close}`).join(", ") || "closed"}`);
}
