import { z } from "../platform/schema";

/**
 * Metrics storage: each function instance buffers its requests in memory and flushes them as
 * increments into `metrics_minutes/{yyyyMMddHHmm}_{shard}` (one document per minute per
 * instance shard), never one write per request. Server only (rules deny every client).
 */

/** Upper bounds (ms) of the latency histogram buckets; a last, unbounded bucket follows. Fixed, so shards add up. */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 75, 100, 150, 250, 400, 600, 1000, 1500, 2500, 5000, 10000] as const;

/** Instances spread their flushes over this many documents per minute (write-rate headroom). */
export const METRICS_SHARDS = 8;

/** CRUD buckets of the metrics (the route's declared operation). */
export const OPERATIONS = ["create", "read", "update", "delete", "import"] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Counts of one route (method + path template) over some time. */
export interface RouteStats {
  requests: number;
  errors_4xx: number;
  errors_5xx: number;
  operations: Record<OperationName, number>;
  /** Count per bucket: index i counts latencies ≤ LATENCY_BUCKETS_MS[i] (and > the previous bound); the last index is +Inf. */
  buckets: number[];
  latency_sum_ms: number;
}

/** One finished request, as the app's observer reports it. */
export interface RequestSample {
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  operation?: string;
}

export const MetricsQuery = z
  .object({
    window_minutes: z.coerce.number().int().min(1).max(1440).default(60).openapi({ description: "How many past minutes to cover (default 60, at most 1440)" }),
  })
  .strict();
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const Percentiles = {
  p50_latency_ms: z.number().nullable(),
  p95_latency_ms: z.number().nullable(),
  p99_latency_ms: z.number().nullable(),
};

const OperationCounts = z.object({ create: z.number().int(), read: z.number().int(), update: z.number().int(), delete: z.number().int(), import: z.number().int() });

export const RouteMetrics = z
  .object({
    method: z.string(),
    route: z.string(),
    requests: z.number().int(),
    errors_4xx: z.number().int(),
    errors_5xx: z.number().int(),
    operation_counts: OperationCounts,
    ...Percentiles,
  })
  .openapi("RouteMetrics");

export const MetricsResponse = z
  .object({
    window_minutes: z.number().int(),
    since: z.string(),
    total_requests_in_run: z.number().int().openapi({ description: "Requests answered in the window, across every function instance (the MSME field)" }),
    crud_operation_counts: OperationCounts,
    errors: z.object({ client_4xx: z.number().int(), server_5xx: z.number().int(), total: z.number().int() }),
    ...Percentiles,
    latency_buckets_ms: z.array(z.number()),
    routes: z.array(RouteMetrics),
  })
  .openapi("Metrics");
export type MetricsResponse = z.infer<typeof MetricsResponse>;
