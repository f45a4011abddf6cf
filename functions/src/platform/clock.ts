/** The one source of "now" for services, so tests can reason about time. */
export function now(): Date {
  return new Date();
}

/** Milliseconds elapsed since a `process.hrtime.bigint()` reading, as a float. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
