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
