import { randomUUID } from "node:crypto";
import { initializeApp } from "firebase-admin/app";
import { Timestamp } from "firebase-admin/firestore";
import { report, round, size, type Bench } from "./harness";
import { forecastDemand, movingAverage28, naiveLastWeek, type DemandSeries } from "../src/replenishment/forecast";
import { newStoredProduct } from "../src/inventory/products.schema";
import { prng as rng } from "../tools/seed";

/**
 * Forecast accuracy: a rolling-origin backtest over generated product histories of 180 days, our
 * method (Holt-Winters / SBA by the ADI rule) against a naive last-week baseline and a 28-day
 * moving average, in the same run on the same data. Then the nightly job's time for a shop of
 * 5,000 products on the emulator (its own project, so no trigger fires while seeding).
 */

const SERIES_PER_SHAPE = size(60, 5);
const DAYS = 180;
const HORIZON = 14;
/** Forecast origins: fit on days [0, origin), score days [origin, origin + 14). */
const ORIGINS = size([110, 124, 138, 152, 166], [152, 166]);
const NIGHTLY_PRODUCTS = size(5_000, 40);
const NIGHTLY_SALES_PER_PRODUCT = size(24, 6);

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
function poisson(mean: number, r: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(1e-12, r());
    const n = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * n));
  }
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

type Shape = "constant" | "trend" | "weekly" | "intermittent";
const SHAPES: Shape[] = ["constant", "trend", "weekly", "intermittent"];
const WEEKLY = [0.8, 0.8, 0.9, 0.9, 1.1, 1.5, 1.6];

/** One history: Poisson noise around the shape's mean, with one or two stock-outs (censored). */
function history(shape: Shape, r: () => number): DemandSeries {
  const base = 2 + r() * 18;
  const out: Array<number | null> = [];
  for (let t = 0; t < DAYS; t++) {
    let mean = base;
    if (shape === "trend") mean = base * (0.5 + t / DAYS);
    if (shape === "weekly") mean = base * WEEKLY[t % 7];
    if (shape === "intermittent") mean = r() < 0.2 ? 1 + r() * 6 : 0;
    out.push(shape === "intermittent" ? (mean > 0 ? Math.max(1, poisson(mean, r)) : 0) : poisson(mean, r));
  }
  // Stock-outs: 1–2 spells of 2–6 days where sales say nothing (censored).
  const spells = 1 + Math.floor(r() * 2);
  for (let s = 0; s < spells; s++) {
    const start = 20 + Math.floor(r() * (DAYS - 30));
    const len = 2 + Math.floor(r() * 5);
    for (let t = start; t < Math.min(DAYS, start + len); t++) out[t] = null;
  }
  return out;
}

interface Score {
  absErr: number;
  actual: number;
  mase: number[];
}
const empty = (): Score => ({ absErr: 0, actual: 0, mase: [] });

/** In-sample MAE of the one-step naive forecast on consecutive observed days (MASE's scale). */
function naiveScale(train: DemandSeries): number {
  let sum = 0;
  let n = 0;
  for (let t = 1; t < train.length; t++) {
    const a = train[t];
    const b = train[t - 1];
    if (a === null || b === null) continue;
    sum += Math.abs(a - b);
    n++;
  }
  return n ? sum / n : 0;
}

function score(into: Score, forecast: number[], actual: DemandSeries, scale: number): void {
  let err = 0;
  let n = 0;
  for (let h = 0; h < forecast.length; h++) {
    const y = actual[h];
    if (y === null || y === undefined) continue; // censored days are not scored
    err += Math.abs(y - forecast[h]);
    into.actual += y;
    n++;
  }
  into.absErr += err;
  if (n > 0 && scale > 0) into.mase.push(err / n / scale);
}

const METHODS = ["ours (HW / SBA)", "naive last week", "28-day moving avg"] as const;

function backtest(): Record<string, number | string> {
  const r = rng(20261122);
  const byShape = new Map<string, Score[]>();
  const total = METHODS.map(empty);
  const chosen = new Map<string, number>();
  let histories = 0;
  const started = process.hrtime.bigint();
  for (const shape of SHAPES) {
    const scores = METHODS.map(empty);
    for (let i = 0; i < SERIES_PER_SHAPE; i++) {
      const series = history(shape, r);
      histories++;
      for (const origin of ORIGINS) {
        const train = series.slice(0, origin);
        const test = series.slice(origin, origin + HORIZON);
        const scale = naiveScale(train);
        const ours = forecastDemand(train, HORIZON);
        chosen.set(ours.method, (chosen.get(ours.method) ?? 0) + 1);
        const forecasts = [ours.mean, naiveLastWeek(train, HORIZON), movingAverage28(train, HORIZON)];
        forecasts.forEach((f, m) => {
          score(scores[m], f, test, scale);
          score(total[m], f, test, scale);
        });
      }
    }
    byShape.set(shape, scores);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const wape = (s: Score) => (s.actual > 0 ? s.absErr / s.actual : NaN);
  const mase = (s: Score) => (s.mase.length ? s.mase.reduce((a, b) => a + b, 0) / s.mase.length : NaN);
  report("forecast", `backtest: ${histories} histories × ${DAYS} days, ${ORIGINS.length} origins, h=${HORIZON}`, round(ms / 1000, 2), "s");
  console.log(`\n| shape | ${METHODS.map((m) => `${m} WAPE | ${m} MASE`).join(" | ")} |`);
  console.log(`|---|${METHODS.map(() => "---:|---:").join("|")}|`);
  for (const [shape, scores] of [...byShape.entries(), ["all", total] as [string, Score[]]]) {
    console.log(`| ${shape} | ${scores.map((s) => `${round(wape(s), 3)} | ${round(mase(s), 3)}`).join(" | ")} |`);
  }
  console.log(`\nmethod chosen per fit: ${[...chosen.entries()].map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
  const out: Record<string, number | string> = {};
  METHODS.forEach((m, i) => {
    report("forecast", `${m}: WAPE (all shapes)`, round(wape(total[i]), 3));
    report("forecast", `${m}: MASE (mean over series × origins)`, round(mase(total[i]), 3));
    out[`wape_${i}`] = round(wape(total[i]), 3);
    out[`mase_${i}`] = round(mase(total[i]), 3);
  });
  const bestBaseline = Math.min(wape(total[1]), wape(total[2]));
  report("forecast", "ours vs the better baseline: WAPE change", `${round((100 * (wape(total[0]) - bestBaseline)) / bestBaseline, 1)}%`);
  return out;
}

/** The nightly job's core (runShop) on a shop of NIGHTLY_PRODUCTS products with a ledger and a supplier. */
async function nightly(): Promise<Record<string, number>> {
  initializeApp({ projectId: "demo-kirana-bench-forecast" });
  const { db } = await import("../src/platform/firebase");
  const { runShop } = await import("../src/replenishment/replenishment.handlers");
  const { istDay } = await import("../src/replenishment/demand");
  const shopId = `bench-forecast-${randomUUID().slice(0, 6)}`;
  const ownerUid = `owner-${shopId}`;
  const at = new Date();
  const yesterday = istDay(at) - 1;
  const r = rng(7);
  const seedStart = process.hrtime.bigint();
  const writer = db().bulkWriter();
  void writer.set(db().doc(`shops/${shopId}`), { name: "Bench shop", owner_id: ownerUid, created_at: at });
  const supplierId = `sup-${shopId}`;
  void writer.set(db().doc(`suppliers/${supplierId}`), { owner_uid: ownerUid, name: "Bench Wholesale", phone: null, gstin: null, lead_time_days: 3, min_order_paise: 500_000, active: true, created_at: at, updated_at: at, version: 1 });
  let movements = 0;
  for (let i = 0; i < NIGHTLY_PRODUCTS; i++) {
    const sku = `FC-${i}`;
    const quantity = Math.floor(r() * 60);
    void writer.set(db().doc(`shops/${shopId}/products/${sku}`), newStoredProduct({ sku, name: `Forecast product ${i}`, category: "Staples", quantity, unit_price_paise: 1000 + Math.floor(r() * 20_000) }, "bench", at));
    if (i % 2 === 0) void writer.set(db().doc(`suppliers/${supplierId}/items/${sku}`), { sku, name: sku, buying_price_paise: 800 + Math.floor(r() * 15_000), pack_size: [1, 6, 12, 24][i % 4], updated_at: at });
    let stock = quantity + NIGHTLY_SALES_PER_PRODUCT * 5;
    for (let k = 0; k < NIGHTLY_SALES_PER_PRODUCT; k++) {
      const day = yesterday - 179 + Math.floor((k * 180) / NIGHTLY_SALES_PER_PRODUCT) + Math.floor(r() * 3);
      const sold = 1 + Math.floor(r() * 5);
      stock = Math.max(0, stock - sold);
      void writer.create(db().collection(`shops/${shopId}/stock_movements`).doc(), { product_id: sku, sku, delta: -sold, reason: "sale", quantity_after: stock, actor_id: "bench", source: "seed", ref: null, at: Timestamp.fromMillis(Math.min(day, yesterday) * 86_400_000 + 6 * 3_600_000) });
      movements++;
    }
  }
  await writer.close();
  const seedMs = Number(process.hrtime.bigint() - seedStart) / 1e6;
  report("forecast", `nightly: seed ${NIGHTLY_PRODUCTS} products, ${movements} movements`, round(seedMs / 1000, 2), "s");
  const t = process.hrtime.bigint();
  const run = await runShop(shopId, { runId: "bench-0", trigger: "bench", at });
  const runMs = Number(process.hrtime.bigint() - t) / 1e6;
  report("forecast", `nightly job (runShop), ${NIGHTLY_PRODUCTS} products, ${movements} movements`, round(runMs / 1000, 2), "s");
  report("forecast", "  of which reading products, ledger, suppliers", round(run.timings.readMs / 1000, 2), "s");
  report("forecast", "  of which forecasting + policy (CPU)", round(run.timings.planMs / 1000, 2), "s");
  report("forecast", "  of which storing forecasts and suggestions", round(run.timings.writeMs / 1000, 2), "s");
  report("forecast", "nightly job: suggestions written", run.suggestions);
  // Floor: the same number of documents read back with a bare collection get (no query, no parsing).
  const f = process.hrtime.bigint();
  const [p, m] = await Promise.all([db().collection(`shops/${shopId}/products`).get(), db().collection(`shops/${shopId}/stock_movements`).get()]);
  const floorMs = Number(process.hrtime.bigint() - f) / 1e6;
  report("forecast", `floor: bare get of the ${p.size + m.size} product + ledger docs`, round(floorMs / 1000, 2), "s");
  return { nightly_s: round(runMs / 1000, 2), read_s: round(run.timings.readMs / 1000, 2), plan_s: round(run.timings.planMs / 1000, 2), write_s: round(run.timings.writeMs / 1000, 2), floor_read_s: round(floorMs / 1000, 2) };
}

export const forecastBench: Bench = {
  name: "forecast",
  // The backtest is pure; the nightly-job timing needs the Firestore emulator.
  needsEmulators: false,
  run: async () => {
    const accuracy = backtest();
    if (!process.env.FIRESTORE_EMULATOR_HOST) {
      report("forecast", "nightly job", "skipped (needs the emulators: npm run bench -- forecast)");
      return accuracy;
    }
    return { ...accuracy, ...(await nightly()) };
  },
};
