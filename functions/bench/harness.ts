/** Small helpers shared by the benchmarks: timing, percentiles, printing, tiny mode. */
import { deleteApp, getApps } from "firebase-admin/app";

/**
 * Tiny mode (`--tiny`, or KIRANA_BENCH_TINY=1): every benchmark runs its whole path on a few
 * items, so a test can prove none of them rots; the figures mean nothing then.
 */
export function tiny(): boolean {
  // Read from argv too: benchmarks size themselves when their module loads, before run.ts's main().
  return process.env.KIRANA_BENCH_TINY === "1" || process.argv.includes("--tiny");
}

/** Picks the real size, or the tiny one in tiny mode. */
export function size<T>(real: T, tinySize: T): T {
  return tiny() ? tinySize : real;
}

/** Deletes every Firebase app: each benchmark creates the apps it needs and leaves none behind. */
export async function deleteAllApps(): Promise<void> {
  await Promise.all(getApps().map((app) => deleteApp(app)));
}

/** A named benchmark; `run` prints its own figures and returns them for the summary. */
export interface Bench {
  name: string;
  /** Needs the emulators (run under `firebase emulators:exec`). */
  needsEmulators: boolean;
  run: () => Promise<Record<string, number | string>>;
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median of a list. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Rounds for printing. */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints one figure line in a stable, grep-able format. */
export function report(bench: string, figure: string, value: number | string, unit = ""): void {
  console.log(`${bench.padEnd(16)} ${figure.padEnd(52)} ${String(value).padStart(12)} ${unit}`);
}

/** Runs `clients` loops of `perClient` calls at once; returns every call's latency and the wall time. */
export async function load(clients: number, perClient: number, op: (client: number, i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await op(c, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - start };
}

/** Prints throughput, p50 and p95 of a `load` run and returns them as figures. */
export function reportLoad(bench: string, label: string, r: { latencies: number[]; wallMs: number }, unit = "ops/s"): Record<string, number> {
  const throughput = (r.latencies.length / r.wallMs) * 1000;
  report(bench, `${label}: throughput`, round(throughput), unit);
  report(bench, `${label}: p50`, round(percentile(r.latencies, 50)), "ms");
  report(bench, `${label}: p95`, round(percentile(r.latencies, 95)), "ms");
  return { [`${label} ${unit}`]: round(throughput), [`${label} p50 ms`]: round(percentile(r.latencies, 50)), [`${label} p95 ms`]: round(percentile(r.latencies, 95)) };
}
