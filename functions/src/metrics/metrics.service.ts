import { LATENCY_BUCKETS_MS, OPERATIONS, type MetricsResponse, type OperationName, type RequestSample, type RouteStats } from "./metrics.schema";

/** Index of the histogram bucket a latency falls in (the last index is +Inf). */
export function bucketIndex(latencyMs: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (latencyMs <= LATENCY_BUCKETS_MS[i]) return i;
  return LATENCY_BUCKETS_MS.length;
}

/** Zero counts for a route. */
export function emptyStats(): RouteStats {
  return {
    requests: 0,
    errors_4xx: 0,
    errors_5xx: 0,
    operations: { create: 0, read: 0, update: 0, delete: 0, import: 0 },
    buckets: Array.from({ length: LATENCY_BUCKETS_MS.length + 1 }, () => 0),
    latency_sum_ms: 0,
  };
}

/** Key of a route in the buffers and documents: "GET /v1/products/{id}". */
export function routeKey(method: string, route: string): string {
  return `${method.toUpperCase()} ${route}`;
}

/** Adds one request to a route's counts (mutates and returns `stats`). */
export function addSample(stats: RouteStats, sample: RequestSample): RouteStats {
  stats.requests += 1;
  if (sample.status >= 500) stats.errors_5xx += 1;
  else if (sample.status >= 400) stats.errors_4xx += 1;
  if (sample.operation && (OPERATIONS as readonly string[]).includes(sample.operation)) stats.operations[sample.operation as OperationName] += 1;
  stats.buckets[bucketIndex(sample.latencyMs)] += 1;
  stats.latency_sum_ms += sample.latencyMs;
  return stats;
}

/** a + b (new object). */
export function mergeStats(a: RouteStats, b: RouteStats): RouteStats {
  const out = emptyStats();
  out.requests = a.requests + b.requests;
  out.errors_4xx = a.errors_4xx + b.errors_4xx;
  out.errors_5xx = a.errors_5xx + b.errors_5xx;
  for (const op of OPERATIONS) out.operations[op] = a.operations[op] + b.operations[op];
  out.buckets = out.buckets.map((_, i) => (a.buckets[i] ?? 0) + (b.buckets[i] ?? 0));
  out.latency_sum_ms = a.latency_sum_ms + b.latency_sum_ms;
  return out;
}

/**
 * The p-th percentile (0–100) of the latencies counted in `buckets`, interpolated linearly
 * inside the bucket that holds the rank (as Prometheus' histogram_quantile does). Exact to
 * within that bucket's width; a rank in the +Inf bucket answers the largest finite bound.
 * Null when there are no samples.
 */
export function percentileFromBuckets(buckets: number[], p: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = (p / 100) * total;
  let cumulative = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i];
    if (count > 0 && cumulative + count >= rank) {
      if (i >= LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const upper = LATENCY_BUCKETS_MS[i];
      return round2(lower + ((upper - lower) * (rank - cumulative)) / count);
    }
    cumulative += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function splitKey(key: string): { method: string; route: string } {
  const i = key.indexOf(" ");
  return { method: key.slice(0, i), route: key.slice(i + 1) };
}

/** The JSON answer of GET /v1/metrics from per-route counts. */
export function toMetricsResponse(perRoute: Map<string, RouteStats>, window: { minutes: number; since: Date }): MetricsResponse {
  const all = [...perRoute.values()].reduce(mergeStats, emptyStats());
  const routes = [...perRoute.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, s]) => ({
      ...splitKey(key),
      requests: s.requests,
      errors_4xx: s.errors_4xx,
      errors_5xx: s.errors_5xx,
      operation_counts: { ...s.operations },
      p50_latency_ms: percentileFromBuckets(s.buckets, 50),
      p95_latency_ms: percentileFromBuckets(s.buckets, 95),
      p99_latency_ms: percentileFromBuckets(s.buckets, 99),
    }));
  return {
    window_minutes: window.minutes,
    since: window.since.toISOString(),
    total_requests_in_run: all.requests,
    crud_operation_counts: { ...all.operations },
    errors: { client_4xx: all.errors_4xx, server_5xx: all.errors_5xx, total: all.errors_4xx + all.errors_5xx },
    p50_latency_ms: percentileFromBuckets(all.buckets, 50),
    p95_latency_ms: percentileFromBuckets(all.buckets, 95),
    p99_latency_ms: percentileFromBuckets(all.buckets, 99),
    latency_buckets_ms: [...LATENCY_BUCKETS_MS],
    routes,
  };
}

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** The same figures in the Prometheus text exposition format (version 0.0.4). */
export function toPrometheusText(perRoute: Map<string, RouteStats>): string {
  const entries = [...perRoute.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines: string[] = [];
  lines.push("# HELP kirana_api_requests_total Requests answered by the API, by route and method.");
  lines.push("# TYPE kirana_api_requests_total counter");
  for (const [key, s] of entries) {
    const { method, route } = splitKey(key);
    lines.push(`kirana_api_requests_total{method="${label(method)}",route="${label(route)}"} ${s.requests}`);
  }
  lines.push("# HELP kirana_api_errors_total Requests answered with an error status, by route, method and class (4xx, 5xx).");
  lines.push("# TYPE kirana_api_errors_total counter");
  for (const [key, s] of entries) {
    const { method, route } = splitKey(key);
    lines.push(`kirana_api_errors_total{method="${label(method)}",route="${label(route)}",class="4xx"} ${s.errors_4xx}`);
    lines.push(`kirana_api_errors_total{method="${label(method)}",route="${label(route)}",class="5xx"} ${s.errors_5xx}`);
  }
  lines.push("# HELP kirana_api_operations_total Requests by CRUD operation (create, read, update, delete, import).");
  lines.push("# TYPE kirana_api_operations_total counter");
  const ops = [...perRoute.values()].reduce(mergeStats, emptyStats()).operations;
  for (const op of OPERATIONS) lines.push(`kirana_api_operations_total{operation="${op}"} ${ops[op]}`);
  lines.push("# HELP kirana_api_latency_seconds Request latency, by route and method.");
  lines.push("# TYPE kirana_api_latency_seconds histogram");
  for (const [key, s] of entries) {
    const { method, route } = splitKey(key);
    const base = `method="${label(method)}",route="${label(route)}"`;
    let cumulative = 0;
    LATENCY_BUCKETS_MS.forEach((bound, i) => {
      cumulative += s.buckets[i];
      lines.push(`kirana_api_latency_seconds_bucket{${base},le="${bound / 1000}"} ${cumulative}`);
    });
    lines.push(`kirana_api_latency_seconds_bucket{${base},le="+Inf"} ${s.requests}`);
    lines.push(`kirana_api_latency_seconds_sum{${base}} ${round6(s.latency_sum_ms / 1000)}`);
    lines.push(`kirana_api_latency_seconds_count{${base}} ${s.requests}`);
  }
  return lines.join("\n") + "\n";
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
