import { CORS_ORIGINS, JSON_BODY_LIMIT_BYTES } from "../config";
import { createApiApp } from "../platform/http/app";
import type { RouteDef } from "../platform/http/route";
import { identityRoutes } from "../identity/identity.routes";
import { systemRoutes } from "../system/system.routes";
import { kpisRoutes } from "../kpis/kpis.routes";
import { metricsRoutes } from "../metrics/metrics.routes";
import { recordRequest } from "../metrics/metrics.buffer";

/** Every HTTP route of the API, in one list: the router and the OpenAPI document both read it. */
export const routes: RouteDef[] = [...systemRoutes(() => routes), ...identityRoutes, ...kpisRoutes, ...metricsRoutes];

/** The Express app behind the `api` function. */
export const app = createApiApp({
  routes,
  corsOrigins: () => CORS_ORIGINS.value(),
  jsonLimitBytes: JSON_BODY_LIMIT_BYTES,
  observers: [recordRequest],
});
