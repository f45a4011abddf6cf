import { CORS_ORIGINS, JSON_BODY_LIMIT_BYTES } from "../config";
import { createApiApp } from "../platform/http/app";
import type { RouteDef } from "../platform/http/route";
import { identityRoutes } from "../identity/identity.routes";
import { systemRoutes } from "../system/system.routes";
import { importRoutes } from "../imports/imports.routes";
import { IMPORT_LIMITS, MULTIPART_OVERHEAD_BYTES } from "../imports/imports.schema";
import { productRoutes } from "../inventory/products.routes";
import { kpisRoutes } from "../kpis/kpis.routes";
import { metricsRoutes } from "../metrics/metrics.routes";
import { orderRoutes } from "../orders/orders.routes";
import { chittyRoutes } from "../chitty/chitty.routes";
import { MAX_IMAGE_BYTES } from "../chitty/chitty.image";
import { recordRequest } from "../metrics/metrics.buffer";
import { shopRoutes } from "../shops/shops.routes";
import { searchRoutes } from "../search/search.routes";
import { supplierRoutes } from "../purchasing/suppliers.routes";
import { purchaseOrderRoutes } from "../purchasing/purchase-orders.routes";
import { replenishmentRoutes } from "../replenishment/replenishment.routes";

/**
 * Every HTTP route of the API, in one list: the router and the OpenAPI document both read it.
 * The import route comes before the products' `{id}` routes so "import" is never taken for an id.
 */
export const routes: RouteDef[] = [
  ...systemRoutes(() => routes),
  ...identityRoutes,
  ...importRoutes,
  ...productRoutes,
  ...kpisRoutes,
  ...metricsRoutes,
  // marketplace (issue 8): `/v1/shops/nearby` is declared before `/v1/shops/{shopId}`
  ...shopRoutes,
  ...searchRoutes,
  ...orderRoutes,
  // chitty into orders (issue 9): POST /v1/orders/{id}/chitty, suggestions and decisions
  ...chittyRoutes,
  // purchasing (issue 13): suppliers, purchase orders, receipts, bills read by OCR
  ...supplierRoutes,
  ...purchaseOrderRoutes,
  // replenishment (issue 13): suggestions, runs on demand, stock-alert settings
  ...replenishmentRoutes,
];

/** The Express app behind the `api` function. */
export const app = createApiApp({
  routes,
  corsOrigins: () => CORS_ORIGINS.value(),
  jsonLimitBytes: JSON_BODY_LIMIT_BYTES,
  // Multipart uploads (CSV imports, chitty photos: both 10 MB) plus framing; each file is checked exactly.
  multipartLimitBytes: Math.max(IMPORT_LIMITS.maxFileBytes, MAX_IMAGE_BYTES) + MULTIPART_OVERHEAD_BYTES,
  // Every finished request feeds the per-instance metrics buffer (flushed as per-minute shards).
  observers: [recordRequest],
});
