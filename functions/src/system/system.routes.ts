import { z } from "../platform/schema";
import { defineRoute, type RouteDef } from "../platform/http/route";
import { buildOpenApiDocument } from "../platform/http/openapi";

export const HealthResponse = z.object({ status: z.literal("ok"), time: z.string() }).openapi("Health");

/** Health and the generated API description; `allRoutes` is read lazily so the document lists every route. */
export function systemRoutes(allRoutes: () => RouteDef[]): RouteDef[] {
  let cached: unknown;
  return [
    defineRoute(
      {
        method: "get",
        path: "/v1/health",
        summary: "Liveness check",
        tags: ["system"],
        auth: "public",
        responses: { 200: { description: "Up", schema: HealthResponse } },
        errors: [],
      },
      async () => ({ status: 200, body: { status: "ok", time: new Date().toISOString() } }),
    ),
    defineRoute(
      {
        method: "get",
        path: "/v1/openapi.json",
        summary: "This API's OpenAPI 3.1 document, generated from the zod contracts",
        tags: ["system"],
        auth: "public",
        responses: { 200: { description: "OpenAPI document" } },
        errors: [],
      },
      async ({ req }) => {
        cached ??= buildOpenApiDocument(allRoutes(), {
          title: "Kirana Cloud API",
          version: "1.0.0",
          serverUrl: req.baseUrl || "/",
        });
        return { status: 200, body: cached };
      },
    ),
  ];
}
