import { defineRoute } from "../platform/http/route";
import { AppError } from "../platform/errors";
import { now } from "../platform/clock";
import { MetricsQuery, MetricsResponse } from "./metrics.schema";
import { toMetricsResponse, toPrometheusText } from "./metrics.service";
import { instanceMetrics } from "./metrics.buffer";
import { readCountsSince } from "./metrics.repository";

/** API metrics aggregated across every function instance. */
export const metricsRoutes = [
  defineRoute(
    {
      method: "get",
      path: "/v1/metrics",
      summary: "Request, error and operation counts and latency percentiles across all instances (platform operators)",
      description:
        "Totals over the last `window_minutes` minutes (default 60), summed over the per-minute documents every function " +
        "instance flushes (each instance buffers in memory and flushes every few seconds, when a minute closes, and " +
        "before answering this request). Keeps the MSME fields `total_requests_in_run`, `crud_operation_counts` and " +
        "`p95_latency_ms`; percentiles are interpolated within fixed histogram buckets. With `Accept: text/plain` the " +
        "same data comes in the Prometheus text format (kirana_api_requests_total, kirana_api_errors_total, " +
        "kirana_api_operations_total, kirana_api_latency_seconds). The figures cover every tenant, so only platform operators " +
        "read them: the `platform_operator` custom claim, granted with `npm run admin -- grant-operator <email>` (never " +
        "through the API). Everyone else, shop owners included, gets 403.",
      tags: ["system"],
      auth: "user",
      operation: "read",
      query: MetricsQuery,
      headers: { Accept: "application/json (default) or text/plain for the Prometheus text format" },
      responses: {
        200: { description: "Metrics", schema: MetricsResponse },
      },
      errors: [400, 403],
    },
    async ({ actor, query, req }) => {
      // Global figures (every tenant's traffic): operators only. The role is a custom claim that
      // only the admin command sets; no route can grant it.
      if (!actor.operator) throw new AppError("FORBIDDEN", "The API metrics cover every shop: only platform operators may read them");
      // This instance's own recent requests count too.
      await instanceMetrics().flush();
      const minute = Math.floor(now().getTime() / 60_000) * 60_000;
      const since = new Date(minute - (query.window_minutes - 1) * 60_000);
      const counts = await readCountsSince(since);
      if (req.accepts(["application/json", "text/plain"]) === "text/plain") {
        return { status: 200, body: toPrometheusText(counts), contentType: "text/plain; version=0.0.4; charset=utf-8" };
      }
      return { status: 200, body: toMetricsResponse(counts, { minutes: query.window_minutes, since }) };
    },
  ),
];
