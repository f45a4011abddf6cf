/**
 * Demand forecasting for short, intermittent retail series: plain functions, no I/O.
 *
 * No maintained npm package fits (the registry offers ARIMA in WebAssembly and weather clients;
 * nothing with Holt-Winters or Croston), so the two textbook methods are written here, small:
 *
 * - Holt-Winters additive with a damped trend and a weekly season (Hyndman & Athanasopoulos,
 *   "Forecasting: Principles and Practice", §8.3), its smoothing parameters chosen by a small grid
 *   search on one-step-ahead squared error; for smooth and erratic items.
 * - Croston's method with the Syntetos–Boylan Approximation (SBA, rate × (1 − α/2)); for
 *   intermittent and lumpy items.
 *
 * The rule choosing between them is Syntetos–Boylan–Croston's classification: an average
 * inter-demand interval (ADI) of 1.32 days or more means intermittent → SBA; otherwise
 * Holt-Winters when there are at least two full weeks of observed days, else the mean.
 *
 * A series is one number per day, or null for a censored day (the product was out of stock, so
 * what sold says nothing of what would have): censored days are skipped by the fitting (the
 * states carry through them), never read as zero demand.
 */

/** Daily demand, oldest first; null = censored (out of stock that day). */
export type DemandSeries = ReadonlyArray<number | null>;

/** Which method produced a forecast. */
export type ForecastMethod = "holt_winters" | "sba" | "mean" | "none";

/** A forecast of the next days, with a central 90% interval per day. */
export interface Forecast {
  method: ForecastMethod;
  /** Expected demand per day for the next `horizon` days. */
  mean: number[];
  lower: number[];
  upper: number[];
  /** Standard deviation of one day's demand around the forecast (one-step residuals). */
  sdPerDay: number;
  /** Average inter-demand interval and squared coefficient of variation of non-zero demand (the classification). */
  adi: number | null;
  cv2: number | null;
  /** Days the fit used (not censored). */
  observedDays: number;
}

/** Weekly season on daily data. */
export const SEASON_DAYS = 7;
/** ADI cut-off between smooth/erratic and intermittent/lumpy demand (Syntetos, Boylan & Croston 2005). */
export const ADI_CUTOFF = 1.32;
/** Fewer observed days than this: the mean, not a model. */
export const MIN_DAYS_FOR_MODEL = 2 * SEASON_DAYS;
/** z of a central 90% interval. */
const Z_90 = 1.6448536269514722;

const HW_ALPHAS = [0.05, 0.1, 0.2, 0.35, 0.5];
const HW_BETAS = [0, 0.05];
const HW_GAMMAS = [0.05, 0.15, 0.3];
const HW_PHI = 0.9;
const SBA_ALPHAS = [0.05, 0.1, 0.2, 0.3];

/** The observed (non-censored) values of a series. */
function observed(series: DemandSeries): number[] {
  return series.filter((v): v is number => v !== null);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (0 for fewer than two values). */
export function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** ADI (observed days per non-zero day) and CV² of the non-zero demands; null when nothing sold. */
export function classify(series: DemandSeries): { adi: number | null; cv2: number | null } {
  const obs = observed(series);
  const nonZero = obs.filter((v) => v > 0);
  if (nonZero.length === 0) return { adi: null, cv2: null };
  const m = mean(nonZero);
  return { adi: obs.length / nonZero.length, cv2: m > 0 ? (sd(nonZero) / m) ** 2 : 0 };
}

interface HwFit {
  sse: number;
  n: number;
  level: number;
  trend: number;
  season: number[];
  alpha: number;
  beta: number;
  gamma: number;
}

/** One pass of damped additive Holt-Winters over the series with fixed parameters. */
function runHoltWinters(series: DemandSeries, alpha: number, beta: number, gamma: number): HwFit {
  const m = SEASON_DAYS;
  // Initial state from the first two weeks' observed values (a censored day takes the mean).
  const firstObs = observed(series.slice(0, 2 * m));
  const base = mean(firstObs);
  const season = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < Math.min(series.length, 2 * m); t++) {
    const v = series[t];
    if (v === null) continue;
    season[t % m] += v - base;
    counts[t % m]++;
  }
  for (let i = 0; i < m; i++) season[i] = counts[i] ? season[i] / counts[i] : 0;
  let level = base;
  let trend = 0;
  let sse = 0;
  let n = 0;
  for (let t = 0; t < series.length; t++) {
    const s = season[t % m];
    const predicted = level + HW_PHI * trend + s;
    const v = series[t];
    if (v === null) {
      // Censored: no information; the states move on as forecast.
      level = level + HW_PHI * trend;
      trend = HW_PHI * trend;
      continue;
    }
    // The first week only warms the states up; it is not scored.
    if (t >= m) {
      sse += (v - Math.max(0, predicted)) ** 2;
      n++;
    }
    const prevLevel = level;
    level = alpha * (v - s) + (1 - alpha) * (prevLevel + HW_PHI * trend);
    trend = beta * (level - prevLevel) + (1 - beta) * HW_PHI * trend;
    season[t % m] = gamma * (v - prevLevel - HW_PHI * trend) + (1 - gamma) * s;
  }
  return { sse, n, level, trend, season, alpha, beta, gamma };
}

/** Damped Holt-Winters (additive weekly season), parameters by grid search; forecasts ≥ 0. */
export function holtWinters(series: DemandSeries, horizon: number): { mean: number[]; sdPerDay: number; alpha: number } {
  let best: HwFit | null = null;
  for (const alpha of HW_ALPHAS) {
    for (const beta of HW_BETAS) {
      for (const gamma of HW_GAMMAS) {
        const fit = runHoltWinters(series, alpha, beta, gamma);
        if (!best || fit.sse < best.sse) best = fit;
      }
    }
  }
  const fit = best as HwFit;
  const out: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += HW_PHI ** h;
    const t = series.length + h - 1;
    out.push(Math.max(0, fit.level + damp * fit.trend + fit.season[t % SEASON_DAYS]));
  }
  return { mean: out, sdPerDay: fit.n > 1 ? Math.sqrt(fit.sse / (fit.n - 1)) : sd(observed(series)), alpha: fit.alpha };
}

/** Croston's method with the Syntetos–Boylan bias correction; α by one-step error on observed days. */
export function sba(series: DemandSeries): { rate: number; sdPerDay: number } {
  const obs = observed(series);
  let best: { sse: number; n: number; rate: number } | null = null;
  for (const alpha of SBA_ALPHAS) {
    let size: number | null = null;
    let interval: number | null = null;
    let sinceLast = 1;
    let sse = 0;
    let n = 0;
    for (const v of obs) {
      if (size !== null && interval !== null) {
        sse += (v - (1 - alpha / 2) * (size / interval)) ** 2;
        n++;
      }
      if (v > 0) {
        size = size === null ? v : alpha * v + (1 - alpha) * size;
        interval = interval === null ? sinceLast : alpha * sinceLast + (1 - alpha) * interval;
        sinceLast = 1;
      } else {
        sinceLast++;
      }
    }
    const rate = size !== null && interval !== null ? (1 - alpha / 2) * (size / interval) : 0;
    if (!best || (n > 0 && sse / n < best.sse / Math.max(1, best.n))) best = { sse, n, rate };
  }
  const fit = best as { sse: number; n: number; rate: number };
  return { rate: fit.rate, sdPerDay: fit.n > 1 ? Math.sqrt(fit.sse / (fit.n - 1)) : sd(obs) };
}

/**
 * The next `horizon` days of demand for a series, by the rule above, each day with a 90%
 * interval that widens with the horizon (SES-style: σ·√(1 + (h−1)α²)) and never goes below 0.
 */
export function forecastDemand(series: DemandSeries, horizon = 14): Forecast {
  const obs = observed(series);
  const { adi, cv2 } = classify(series);
  const flat = (method: ForecastMethod, rate: number, sdPerDay: number, alpha: number): Forecast => {
    const spread = (h: number) => Z_90 * sdPerDay * Math.sqrt(1 + (h - 1) * alpha * alpha);
    const meanOut = Array.from({ length: horizon }, () => rate);
    return {
      method,
      mean: meanOut,
      lower: meanOut.map((v, i) => Math.max(0, v - spread(i + 1))),
      upper: meanOut.map((v, i) => v + spread(i + 1)),
      sdPerDay,
      adi,
      cv2,
      observedDays: obs.length,
    };
  };
  if (adi === null) return flat("none", 0, 0, 0);
  if (obs.length < MIN_DAYS_FOR_MODEL) return flat("mean", mean(obs), sd(obs), 0.1);
  if (adi >= ADI_CUTOFF) {
    const fit = sba(series);
    return flat("sba", fit.rate, fit.sdPerDay, 0.1);
  }
  const fit = holtWinters(series, horizon);
  const spread = (h: number) => Z_90 * fit.sdPerDay * Math.sqrt(1 + (h - 1) * fit.alpha * fit.alpha);
  return {
    method: "holt_winters",
    mean: fit.mean,
    lower: fit.mean.map((v, i) => Math.max(0, v - spread(i + 1))),
    upper: fit.mean.map((v, i) => v + spread(i + 1)),
    sdPerDay: fit.sdPerDay,
    adi,
    cv2,
    observedDays: obs.length,
  };
}

// ---------- baselines (for the benchmark and tests) ----------

/** Seasonal naive: each of the next days repeats the same weekday of the last observed week. */
export function naiveLastWeek(series: DemandSeries, horizon: number): number[] {
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    // Walk back whole weeks from the last week until an observed value of that weekday turns up.
    let v: number | null = null;
    for (let t = series.length - SEASON_DAYS + (h % SEASON_DAYS); t >= 0 && v === null; t -= SEASON_DAYS) v = series[t] ?? null;
    out.push(v ?? 0);
  }
  return out;
}

/** The mean of the last 28 observed days, flat. */
export function movingAverage28(series: DemandSeries, horizon: number): number[] {
  const obs = observed(series).slice(-28);
  return Array.from({ length: horizon }, () => mean(obs));
}
