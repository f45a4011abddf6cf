import { z } from "zod";
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";

// `.openapi()` on every zod schema, so contracts carry their own documentation.
extendZodWithOpenApi(z);

export { z };

/** A Firestore document id we generate or accept from clients (no slashes, bounded). */
export const DocId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must contain only letters, digits, '-' and '_'");

/** ISO-8601 timestamp string as rendered by the API. */
export const IsoTimestamp = z.string().openapi({ format: "date-time", example: "2026-11-22T10:15:00.000Z" });

/** The single error shape of every 4xx/5xx answer. */
export const ErrorBody = z
  .object({
    error: z.string().openapi({ example: "CONFLICT", description: "Machine-readable kind" }),
    message: z.string().openapi({ example: "Product was changed by someone else (now version 4)" }),
    detail: z.string().openapi({ description: "Same text as message; existing clients display it" }),
    status: z.number().int().openapi({ example: 409 }),
    timestamp: IsoTimestamp,
    details: z.record(z.string(), z.unknown()).optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Error");
export type ErrorBody = z.infer<typeof ErrorBody>;
