import { classify, forecastDemand, holtWinters, movingAverage28, naiveLastWeek, sba, type DemandSeries } from "../../../src/replenishment/forecast";
import { dailyDemand, istDay, type LedgerEntry } from "../../../src/replenishment/demand";
import { prng as rng } from "../../../tools/seed";

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("forecastDemand on synthetic histories with known answers", () => {
  test("a constant 10 a day forecasts 10 a day with Holt-Winters and a narrow interval", () => {
    const series = Array.from({ length: 120 }, () => 10);
    const f = forecastDemand(series, 14);
    expect(f.method).toBe("holt_winters");
    for (const v of f.mean) expect(v).toBeCloseTo(10, 3);
    expect(f.sdPerDay).toBeCloseTo(0, 3);
    expect(f.lower.every((v, i) => v <= f.mean[i] && f.upper[i] >= f.mean[i])).toBe(true);
  });

  test("a noisy constant forecasts close to its mean, with the interval covering it", () => {
    const r = rng(7);
    const series = Array.from({ length: 150 }, () => 20 + Math.round((r() - 0.5) * 8));
    const f = forecastDemand(series, 14);
    expect(Math.abs(sum(f.mean) / 14 - 20)).toBeLessThan(1.5);
    expect(f.lower[0]).toBeLessThan(20);
    expect(f.upper[0]).toBeGreaterThan(20);
    // The interval widens with the horizon.
    expect(f.upper[13] - f.lower[13]).toBeGreaterThanOrEqual(f.upper[0] - f.lower[0]);
  });

  test("a rising trend keeps rising (damped) past the last value", () => {
    const series = Array.from({ length: 120 }, (_, t) => 5 + 0.2 * t);
    const f = holtWinters(series, 14);
    const last = series[series.length - 1];
    expect(f.mean[0]).toBeGreaterThan(last - 0.5);
    expect(f.mean[13]).toBeGreaterThan(f.mean[0]);
    // Damped: below the undamped straight line 14 days on.
    expect(f.mean[13]).toBeLessThan(last + 0.2 * 14 + 0.5);
  });

  test("a weekly season (weekends double) is forecast weekday by weekday", () => {
    const weekly = [10, 10, 10, 10, 10, 20, 20];
    const series = Array.from({ length: 140 }, (_, t) => weekly[t % 7]);
    const f = forecastDemand(series, 14);
    expect(f.method).toBe("holt_winters");
    for (let h = 0; h < 14; h++) expect(f.mean[h]).toBeCloseTo(weekly[(140 + h) % 7], 0);
  });

  test("intermittent demand (4 units every 4th day) uses SBA and forecasts about 1 a day, flat", () => {
    const series = Array.from({ length: 120 }, (_, t) => (t % 4 === 0 ? 4 : 0));
    const f = forecastDemand(series, 14);
    expect(f.method).toBe("sba");
    expect(classify(series).adi).toBeCloseTo(4, 5);
    // SBA's bias correction puts it a little under the true rate of 1.
    expect(f.mean[0]).toBeGreaterThan(0.85);
    expect(f.mean[0]).toBeLessThanOrEqual(1);
    expect(new Set(f.mean).size).toBe(1);
  });

  test("stock-out days are censored, not zero: the forecast stays at the demand of the days in stock", () => {
    const series: DemandSeries = Array.from({ length: 120 }, (_, t) => (t % 10 < 3 ? null : 12));
    const asZeros = series.map((v) => v ?? 0);
    const censored = forecastDemand(series, 14);
    const naive = forecastDemand(asZeros, 14);
    expect(censored.mean[0]).toBeCloseTo(12, 1);
    expect(censored.observedDays).toBe(84);
    // Reading the same days as zero sales would under-forecast.
    expect(sum(naive.mean) / 14).toBeLessThan(11);
  });

  test("a product that never sold forecasts zero with method none; a short history uses the mean", () => {
    expect(forecastDemand(Array.from({ length: 60 }, () => 0), 14)).toMatchObject({ method: "none", mean: Array(14).fill(0) });
    const short = forecastDemand([null, 3, 5, 4, null], 14);
    expect(short.method).toBe("mean");
    expect(short.mean[0]).toBeCloseTo(4, 6);
  });

  test("SBA alone: size/interval × (1 − α/2)", () => {
    const fit = sba(Array.from({ length: 100 }, (_, t) => (t % 5 === 0 ? 10 : 0)));
    expect(fit.rate).toBeGreaterThan(1.7);
    expect(fit.rate).toBeLessThanOrEqual(2);
  });

  test("baselines: last week's same weekday, and the mean of the last 28 observed days", () => {
    const series: DemandSeries = Array.from({ length: 35 }, (_, t) => t % 7);
    expect(naiveLastWeek(series, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    expect(movingAverage28(series, 2)).toEqual([3, 3]);
    const withGap = [...series];
    withGap[28] = null; // last week's first weekday censored: falls back a week
    expect(naiveLastWeek(withGap, 1)).toEqual([0]);
  });
});

describe("dailyDemand from the ledger", () => {
  const day0 = istDay(new Date("2026-11-01T06:30:00Z")); // noon in India
  const at = (day: number, hour = 12) => new Date((day - day0) * 86_400_000 + Date.parse("2026-11-01T06:30:00Z") + (hour - 12) * 3_600_000);
  const m = (day: number, delta: number, reason: LedgerEntry["reason"], after: number, hour = 12): LedgerEntry => ({ product_id: "P", delta, reason, quantity_after: after, at: at(day, hour) });

  test("sales and orders count, returns and cancellations net out, receipts and counts do not", () => {
    const entries = [m(day0, -3, "sale", 17), m(day0, -2, "order", 15), m(day0, 1, "return", 16), m(day0, 2, "order_cancelled", 18), m(day0, 10, "receipt", 28), m(day0, -1, "count", 27)];
    expect(dailyDemand(entries, day0, 1, 27)).toEqual([2]);
  });

  test("a day that hit zero, and the days that started at zero, are censored until a receipt", () => {
    const entries = [m(day0, -20, "sale", 0), m(day0 + 3, 30, "receipt", 30, 9), m(day0 + 3, -4, "sale", 26, 15)];
    const series = dailyDemand(entries, day0 + 4, 5, 26);
    // day0: sold out → censored; +1, +2: started at 0 → censored; +3: started at 0 too (restocked at 9) → censored; +4: in stock, no sales → 0.
    expect(series).toEqual([null, null, null, null, 0]);
  });

  test("days with no movement carry the stock forward; a product created mid-window is censored before it existed", () => {
    const entries = [m(day0 + 2, 10, "create", 10), m(day0 + 3, -4, "sale", 6)];
    expect(dailyDemand(entries, day0 + 4, 5, 6)).toEqual([null, null, 0, 4, 0]);
  });

  test("a window with no movement reads the current stock: zero stock censors every day", () => {
    expect(dailyDemand([], day0, 3, 0)).toEqual([null, null, null]);
    expect(dailyDemand([], day0, 3, 5)).toEqual([0, 0, 0]);
  });

  test("days are India days: 23:00 IST and 01:00 IST the next morning fall on two days", () => {
    const late = { product_id: "P", delta: -1, reason: "sale" as const, quantity_after: 9, at: new Date("2026-11-01T17:30:00Z") }; // 23:00 IST
    const early = { product_id: "P", delta: -2, reason: "sale" as const, quantity_after: 7, at: new Date("2026-11-01T19:30:00Z") }; // 01:00 IST next day
    const d = istDay(late.at);
    expect(istDay(early.at)).toBe(d + 1);
    expect(dailyDemand([late, early], d + 1, 2, 7)).toEqual([1, 2]);
  });
});
