import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z, ErrorBody } from "../schema";
import { ERROR_STATUS } from "../errors";
import type { RouteDef } from "./route";

const ERROR_DESCRIPTIONS: Record<number, string> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([kind, status]) => [status, kind.replace(/_/g, " ").toLowerCase()]),
);

/** Generates the OpenAPI 3.1 document from the routes' zod contracts (never written by hand). */
export function buildOpenApiDocument(routes: RouteDef[], info: { title: string; version: string; serverUrl: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "firebaseIdToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "Firebase ID token",
  });
  registry.register("Error", ErrorBody);

  for (const { spec } of routes) {
    const responses: Record<string, ResponseConfig> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { [r.contentType ?? "application/json"]: { schema: r.schema } } }
        : { description: r.description };
    }
    const errors = new Set(spec.errors);
    if (spec.auth === "user") errors.add(401);
    for (const status of errors) {
      responses[String(status)] ??= {
        description: ERROR_DESCRIPTIONS[status] ?? "error",
        content: { "application/json": { schema: ErrorBody } },
      };
    }
    let query = spec.query instanceof z.ZodObject ? spec.query : undefined;
    if (spec.shopScope) {
      const shopParam = z.object({
        shopId: z.string().optional().openapi({
          description: "The shop to act on (or the X-Shop-Id header). Optional when the caller belongs to exactly one shop; required otherwise.",
        }),
      });
      query = query ? query.extend(shopParam.shape) : shopParam;
    }
    const headerEntries = Object.entries({
      ...(spec.shopScope ? { "X-Shop-Id": "Alternative to the shopId query parameter" } : {}),
      ...(spec.headers ?? {}),
    });
    registry.registerPath({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      security: spec.auth === "user" ? [{ firebaseIdToken: [] }] : [],
      request: {
        params: spec.params instanceof z.ZodObject ? spec.params : undefined,
        query,
        headers: headerEntries.length
          ? z.object(Object.fromEntries(headerEntries.map(([name, description]) => [name, z.string().optional().openapi({ description })])))
          : undefined,
        body: spec.body
          ? {
              required: true,
              content:
                spec.bodyType === "multipart"
                  ? { "multipart/form-data": { schema: spec.body } }
                  : { "application/json": { schema: spec.body } },
            }
          : undefined,
      },
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
  });
}
