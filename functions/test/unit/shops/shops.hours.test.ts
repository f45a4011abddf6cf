import { OpeningHours, isOpenAt, istClock } from "../../../src/shops/shops.hours";

describe("opening hours in Asia/Kolkata", () => {
  const hours = OpeningHours.parse({
    mon: [{ open: "08:00", close: "13:00" }, { open: "16:00", close: "21:30" }],
    sun: [{ open: "09:00", close: "24:00" }],
  });

  it("reads the IST weekday and minute of a UTC instant", () => {
    // 2026-11-23T02:30Z is Monday 08:00 IST.
    expect(istClock(new Date("2026-11-23T02:30:00Z"))).toEqual({ weekday: "mon", minute: 480 });
    // 2026-11-22T20:00Z is already Monday 01:30 IST.
    expect(istClock(new Date("2026-11-22T20:00:00Z"))).toEqual({ weekday: "mon", minute: 90 });
  });

  it("is open inside an interval, closed at its end, in a lunch break and on a day without hours", () => {
    expect(isOpenAt(hours, new Date("2026-11-23T02:30:00Z"))).toBe(true); // Mon 08:00
    expect(isOpenAt(hours, new Date("2026-11-23T07:30:00Z"))).toBe(false); // Mon 13:00 (closes)
    expect(isOpenAt(hours, new Date("2026-11-23T09:00:00Z"))).toBe(false); // Mon 14:30 lunch
    expect(isOpenAt(hours, new Date("2026-11-23T15:59:00Z"))).toBe(true); // Mon 21:29
    expect(isOpenAt(hours, new Date("2026-11-24T05:00:00Z"))).toBe(false); // Tue: no hours
    expect(isOpenAt(hours, new Date("2026-11-22T18:29:00Z"))).toBe(true); // Sun 23:59 (until 24:00)
  });

  it("treats unpublished hours as always open", () => {
    expect(isOpenAt(null, new Date())).toBe(true);
  });

  it("refuses malformed hours", () => {
    expect(OpeningHours.safeParse({ mon: [{ open: "21:00", close: "08:00" }] }).success).toBe(false);
    expect(OpeningHours.safeParse({ mon: [{ open: "25:00", close: "26:00" }] }).success).toBe(false);
    expect(OpeningHours.safeParse({ holiday: [] }).success).toBe(false);
  });
});
