/** Dates are shown in India Standard Time, whatever the device's time zone. */
const IST = "Asia/Kolkata";

const dateTime = new Intl.DateTimeFormat("en-IN", {
  timeZone: IST,
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: true,
});

/** A Date (or Firestore Timestamp-like) → "22 Nov 2026, 10:58 am IST"; "—" for none. */
export function formatIst(value: Date | { toDate(): Date } | string | null | undefined): string {
  if (value == null) return "—";
  const date = typeof value === "string" ? new Date(value) : value instanceof Date ? value : value.toDate();
  if (Number.isNaN(date.getTime())) return "—";
  return `${dateTime.format(date)} IST`;
}
