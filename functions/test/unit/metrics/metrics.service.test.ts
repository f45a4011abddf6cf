import { LATENCY_BUCKETS_MS, type RouteStats } from "../../../src/metrics/metrics.schema";
import { addSample, bucketIndex, emptyStats, percentileFromBuckets, toMetricsResponse, toPrometheusText } from "../../../src/metrics/metrics.service";
import { MetricsBuffer } from "../../../src/metrics/metrics.buffer";

function statsOf(latencies: number[], extra: Partial<{ status: number; operation: string }> = {}): RouteStats {
  const s = emptyStats();
  for (const latencyMs of latencies) addSample(s, { method: "GET", route: "/v1/x", status: extra.status ?? 200, latencyMs, operation: extra.operation });
  return s;
}

/** Nearest-rank percentile of raw values (the truth the histogram estimates). */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

describe("latency histogram", () => {
  test("a latency falls in the first bucket whose upper bound is at or above it", () => {
    expect(bucketIndex(0.3)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.01)).toBe(1);
    expect(bucketIndex(100)).toBe(LATENCY_BUCKETS_MS.indexOf(100));
    expect(bucketIndex(10_001)).toBe(LATENCY_BUCKETS_MS.length);
  });

  test("percentiles of a uniform 1..1000 ms distribution are exact", () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => i + 1);
    const s = statsOf(latencies);
    expect(percentileFromBuckets(s.buckets, 50)).toBe(500);
    expect(percentileFromBuckets(s.buckets, 95)).toBe(950);
    expect(percentileFromBuckets(s.buckets, 99)).toBe(990);
  });

  test("percentiles of a skewed distribution fall in the bucket of the true value", () => {
    // 90% fast (8 ms), 9% slow (40 ms), 1% very slow (400 ms), as a busy API looks.
    const latencies = [...Array(900).fill(8), ...Array(90).fill(40), ...Array(10).fill(400)];
    const s = statsOf(latencies);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const truth = exactPercentile(latencies, p);
      const i = bucketIndex(truth);
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const estimate = percentileFromBuckets(s.buckets, p)!;
      expect(estimate).toBeGreaterThanOrEqual(lower);
      expect(estimate).toBeLessThanOrEqual(LATENCY_BUCKETS_MS[i]);
    }
    expect(percentileFromBuckets(s.buckets, 50)).toBeCloseTo(5 + (5 * 500) / 900, 2);
    expect(percentileFromBuckets(s.buckets, 95)).toBeCloseTo(25 + (25 * 50) / 90, 2);
  });

  test("no samples, no percentile; beyond the last bound answers the last bound", () => {
    expect(percentileFromBuckets(emptyStats().buckets, 95)).toBeNull();
    expect(percentileFromBuckets(statsOf([50_000]).buckets, 99)).toBe(10_000);
  });
});

describe("answers", () => {
  test("the JSON answer keeps the MSME fields and sums routes, errors and operations", () => {
    const counts = new Map<string, RouteStats>([
      ["GET /v1/dashboard/kpis", statsOf([5, 6, 7], { operation: "read" })],
      ["POST /v1/products", statsOf([20, 30], { operation: "create", status: 409 })],
      ["GET /v1/health", statsOf([1], { status: 500 })],
    ]);
    const res = toMetricsResponse(counts, { minutes: 60, since: new Date("2026-01-01T00:00:00Z") });
    expect(res).toMatchObject({
      total_requests_in_run: 6,
      crud_operation_counts: { create: 2, read: 3, update: 0, delete: 0, import: 0 },
      errors: { client_4xx: 2, server_5xx: 1, total: 3 },
    });
    expect(typeof res.p95_latency_ms).toBe("number");
    expect(res.routes.map((r) => `${r.method} ${r.route} ${r.requests}`)).toEqual(["GET /v1/dashboard/kpis 3", "GET /v1/health 1", "POST /v1/products 2"]);
  });

  test("the Prometheus text has counters and a cumulative histogram per route", () => {
    const text = toPrometheusText(new Map([["GET /v1/health", statsOf([0.5, 3, 3, 20000], { status: 503 })]]));
    expect(text).toContain("# TYPE kirana_api_requests_total counter");
    expect(text).toContain('kirana_api_requests_total{method="GET",route="/v1/health"} 4');
    expect(text).toContain('kirana_api_errors_total{method="GET",route="/v1/health",class="5xx"} 4');
    expect(text).toContain("# TYPE kirana_api_latency_seconds histogram");
    expect(text).toContain('kirana_api_latency_seconds_bucket{method="GET",route="/v1/health",le="0.001"} 1');
    expect(text).toContain('kirana_api_latency_seconds_bucket{method="GET",route="/v1/health",le="0.005"} 3');
    expect(text).toContain('kirana_api_latency_seconds_bucket{method="GET",route="/v1/health",le="10"} 3');
    expect(text).toContain('kirana_api_latency_seconds_bucket{method="GET",route="/v1/health",le="+Inf"} 4');
    expect(text).toContain('kirana_api_latency_seconds_count{method="GET",route="/v1/health"} 4');
    expect(text).toContain('kirana_api_latency_seconds_sum{method="GET",route="/v1/health"} 20.0065');
  });
});

describe("per-instance buffer", () => {
  const sample = (latencyMs: number) => ({ method: "GET", route: "/v1/x", status: 200, latencyMs });

  test("many requests become one write per minute, flushed when the interval passes", async () => {
    let t = Date.UTC(2026, 0, 1, 10, 0, 5);
    const writes: Array<{ minute: Date; requests: number }> = [];
    const buffer = new MetricsBuffer(async (minute, perRoute) => void writes.push({ minute, requests: perRoute.get("GET /v1/x")!.requests }), 10_000, () => t);
    for (let i = 0; i < 500; i++) buffer.record(sample(3));
    expect(writes).toHaveLength(0);
    t += 10_000;
    buffer.record(sample(3));
    await buffer.flush();
    expect(writes).toEqual([{ minute: new Date(Date.UTC(2026, 0, 1, 10, 0)), requests: 501 }]);
  });

  test("a request in a new minute closes the previous window and flushes it", async () => {
    let t = Date.UTC(2026, 0, 1, 10, 0, 50);
    const writes: string[] = [];
    const buffer = new MetricsBuffer(async (minute, perRoute) => void writes.push(`${minute.toISOString()} ${perRoute.get("GET /v1/x")!.requests}`), 60_000, () => t);
    buffer.record(sample(1));
    buffer.record(sample(1));
    t += 15_000;
    buffer.record(sample(1));
    await buffer.flush();
    expect(writes).toEqual(["2026-01-01T10:00:00.000Z 2", "2026-01-01T10:01:00.000Z 1"]);
  });

  test("a failed flush keeps the counts for the next one", async () => {
    let fail = true;
    const written: number[] = [];
    const buffer = new MetricsBuffer(async (_m, perRoute) => {
      if (fail) throw new Error("unavailable");
      written.push(perRoute.get("GET /v1/x")!.requests);
    }, 60_000, () => Date.UTC(2026, 0, 1, 10, 0, 0));
    buffer.record(sample(1));
    await expect(buffer.flush()).rejects.toThrow("unavailable");
    buffer.record(sample(1));
    fail = false;
    await buffer.flush();
    expect(written).toEqual([2]);
    expect(buffer.pendingRequests()).toBe(0);
  });
});
