import { z } from "../platform/schema";

/** Shops keep Indian time: Asia/Kolkata is UTC+05:30 all year (no daylight saving). */
export const IST_OFFSET_MINUTES = 330;

/** Weekday keys of opening hours, Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM (00:00 to 24:00)");

/** One opening interval of a day in Asia/Kolkata, `close` after `open` ("24:00" = midnight). */
export const OpeningInterval = z
  .object({ open: HHMM, close: HHMM })
  .strict()
  .refine((i) => minutesOf(i.close) > minutesOf(i.open), { message: "close must be after open", path: ["close"] })
  .openapi("OpeningInterval");
export type OpeningInterval = z.infer<typeof OpeningInterval>;

/**
 * Opening hours per weekday in Asia/Kolkata: up to 3 intervals a day (e.g. a lunch break);
 * a missing or empty day is closed. A shop open past midnight splits the night over two days.
 */
export const OpeningHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningInterval).max(3).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof OpeningInterval>>>)
  .strict()
  .openapi("OpeningHours", { example: { mon: [{ open: "08:00", close: "21:30" }], sun: [{ open: "08:00", close: "13:00" }] } });
export type OpeningHours = z.infer<typeof OpeningHours>;

/** Minutes since midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The Asia/Kolkata weekday and minute of the day of an instant. */
export function istClock(at: Date): { weekday: Weekday; minute: number } {
  const ist = new Date(at.getTime() + IST_OFFSET_MINUTES * 60_000);
  const weekday = WEEKDAYS[(ist.getUTCDay() + 6) % 7];
  return { weekday, minute: ist.getUTCHours() * 60 + ist.getUTCMinutes() };
}

/**
 * Whether a shop with these hours is open at an instant. `null` hours means the shop has not
 * published any: it counts as always open (the registration flow does not ask for hours).
 */
export function isOpenAt(hours: OpeningHours | null | undefined, at: Date): boolean {
  if (hours == null) return true;
  const { weekday, minute } = istClock(at);
  return (hours[weekday] ?? []).some((i) => minute >= minutesOf(i.open) && minute < minutesOf(i.close));
}
