import { METRICS_FLUSH_INTERVAL_MS } from "../config";
import { METRICS_SHARDS, type RequestSample, type RouteStats } from "./metrics.schema";
import { addSample, emptyStats, mergeStats, routeKey } from "./metrics.service";
import { logMetricsFlushFailed } from "./metrics.logs";

/** Writes one minute's counts of this instance; the repository's addMinuteCounts in production. */
export type MinuteWriter = (minute: Date, perRoute: Map<string, RouteStats>) => Promise<void>;

/**
 * One function instance's request counts, by minute and route, kept in memory and flushed
 * as increments: when the flush interval has passed, when a minute closes, on a timer, and on
 * demand. A failed flush puts its counts back, so they go out with the next one.
 */
export class MetricsBuffer {
  private minutes = new Map<number, Map<string, RouteStats>>();
  private lastFlushAt: number;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: MinuteWriter,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.lastFlushAt = clock();
  }

  /** Counts one finished request; may start a flush in the background (never awaited by the request). */
  record(sample: RequestSample): void {
    const at = this.clock();
    const minute = Math.floor(at / 60_000) * 60_000;
    let routes = this.minutes.get(minute);
    if (!routes) this.minutes.set(minute, (routes = new Map()));
    const key = routeKey(sample.method, sample.route);
    routes.set(key, addSample(routes.get(key) ?? emptyStats(), sample));
    const windowClosed = [...this.minutes.keys()].some((m) => m < minute);
    if (windowClosed || at - this.lastFlushAt >= this.intervalMs) this.flushInBackground();
    this.startTimer();
  }

  /** Requests counted but not yet flushed. */
  pendingRequests(): number {
    let n = 0;
    for (const routes of this.minutes.values()) for (const s of routes.values()) n += s.requests;
    return n;
  }

  /** Writes everything buffered (one document write per buffered minute) and waits for it. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.minutes.size === 0) return;
    const taken = this.minutes;
    this.minutes = new Map();
    this.lastFlushAt = this.clock();
    this.inFlight = (async () => {
      const failed: Array<[number, Map<string, RouteStats>]> = [];
      let firstError: unknown;
      for (const [minute, routes] of taken) {
        try {
          await this.write(new Date(minute), routes);
        } catch (err) {
          failed.push([minute, routes]);
          firstError ??= err;
        }
      }
      for (const [minute, routes] of failed) this.putBack(minute, routes);
      if (failed.length) throw firstError;
    })();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private putBack(minute: number, routes: Map<string, RouteStats>): void {
    let current = this.minutes.get(minute);
    if (!current) this.minutes.set(minute, (current = new Map()));
    for (const [key, s] of routes) current.set(key, mergeStats(current.get(key) ?? emptyStats(), s));
  }

  private flushInBackground(): void {
    if (this.inFlight) return;
    this.flush().catch((err) => logMetricsFlushFailed({ message: err instanceof Error ? err.message : String(err), pendingRequests: this.pendingRequests() }));
  }

  private startTimer(): void {
    if (this.timer) return;
    // unref: a pending flush never keeps a process alive on its own.
    this.timer = setInterval(() => {
      if (this.minutes.size) this.flushInBackground();
    }, this.intervalMs);
    this.timer.unref();
  }
}

/** This instance's shard of every minute document, picked once at random. */
const INSTANCE_SHARD = Math.floor(Math.random() * METRICS_SHARDS);

let buffer: MetricsBuffer | undefined;

/** This instance's buffer (writes through the repository, loaded on first flush). */
export function instanceMetrics(): MetricsBuffer {
  buffer ??= new MetricsBuffer(async (minute, perRoute) => {
    const { addMinuteCounts } = await import("./metrics.repository");
    await addMinuteCounts(minute, INSTANCE_SHARD, perRoute);
  }, METRICS_FLUSH_INTERVAL_MS);
  return buffer;
}

/** The app's request observer: counts every finished request in this instance's buffer. */
export function recordRequest(sample: RequestSample): void {
  instanceMetrics().record(sample);
}
