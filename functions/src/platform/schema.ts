import { z } from "zod";
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";

// `.openapi()` on every zod schema, so contracts carry their own documentation.
extendZodWithOpenApi(z);

export { z };

/** Firestore refuses the ids "." and "..", and reserves ids of the form __name__. */
export function isUsableDocId(id: string): boolean {
  return id !== "." && id !== ".." && !/^__.*__$/.test(id);
}

/** A Firestore document id we generate or accept from clients (no slashes, bounded). */
export const DocId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must contain only letters, digits, '-' and '_'")
  .refine(isUsableDocId, "is not a usable id (ids of the form __name__ are reserved)");

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

// ---------------------------------------------------------------------------------------------
// Well-formed text, everywhere. Every route contract (body, query, path parameters) is parsed
// through `WellFormedInput` first (see platform/http/route.ts), so no schema needs a per-field
// patch: any string, at any depth, value or key, holding a lone UTF-16 surrogate is a 400 before
// it can reach Firestore (which refuses it, and the transaction used to retry for minutes).
// ---------------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` is well-formed UTF-16 (no lone surrogate), i.e. encodable as UTF-8. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Deepest nesting an input may have (JSON bodies, query arrays); deeper is refused, never recursed. */
export const MAX_INPUT_DEPTH = 32;

/** Every place in `value` holding malformed text (a string value or an object key), or nested too deep. */
export function malformedTextIssues(value: unknown): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  // Iterative: a hostile body nested 100,000 deep must not overflow the stack.
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length && issues.length < 20) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (!isWellFormedText(v)) issues.push({ path, message: "must be well-formed Unicode text (it holds a lone UTF-16 surrogate)" });
    } else if (v !== null && typeof v === "object") {
      if (path.length >= MAX_INPUT_DEPTH) {
        issues.push({ path, message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
        continue;
      }
      if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
      else
        for (const [k, item] of Object.entries(v)) {
          if (!isWellFormedText(k)) issues.push({ path, message: "has a field name that is not well-formed Unicode text" });
          else stack.push({ v: item, path: [...path, k] });
        }
    }
  }
  return issues;
}

/** `value` with every -0 replaced by 0 (JSON "-0" parses to -0, which Firestore would store as a double). */
export function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withoutNegativeZero(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/**
 * The shared check every route contract runs before its own schema: well-formed text at every
 * depth (400 otherwise), then -0 normalised to 0 (nesting is already bounded by the check).
 */
export const WellFormedInput = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const issue of malformedTextIssues(value)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  })
  .transform(withoutNegativeZero);
