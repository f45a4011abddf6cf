import { z } from "../platform/schema";
import { PRODUCT_BOUNDS } from "../inventory/products.schema";

/**
 * CSV import contracts. An import is a job document shops/{shopId}/imports/{importId} (live
 * progress and final counts) with its per-row results in
 * shops/{shopId}/imports/{importId}/results/{chunk} (RESULTS_PER_CHUNK rows per document).
 */

/** Limits of one uploaded file; larger files are refused with 413 naming them. */
export const IMPORT_LIMITS = {
  maxRows: 50_000,
  maxFileBytes: 10 * 1024 * 1024,
} as const;

/**
 * Room for multipart framing on top of the file. Generous on purpose: a body up to 1 MiB over
 * the file limit reaches the parser, which refuses it with the import's own message (rows and MB).
 */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/** Columns every file must have, and the optional ones; matched case- and space-insensitively. */
export const REQUIRED_COLUMNS = ["name", "sku", "category", "quantity", "unit_price"] as const;
export const OPTIONAL_COLUMNS = ["low_stock_threshold", "mrp", "unit", "barcode"] as const;
export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Largest quantity a row may set: the one product bound (PRODUCT_BOUNDS.maxQuantity). */
export const MAX_IMPORT_QUANTITY = PRODUCT_BOUNDS.maxQuantity;

/** Per-row results stored per results document (well under Firestore's 1 MiB document limit). */
export const RESULTS_PER_CHUNK = 500;

/** Results inlined in the POST response; larger imports link to GET /v1/imports/{id}. */
export const INLINE_RESULTS_MAX = 1_000;

export const RowStatus = z.enum(["created", "updated", "unchanged", "error"]);
export type RowStatus = z.infer<typeof RowStatus>;

/** The outcome of one CSV row. `row_number` is the CSV line where the row starts (header = 1). */
export const RowResult = z.object({
  row_number: z.number().int().min(2),
  sku: z.string().nullable(),
  status: RowStatus,
  /** Fields an update changed (or would change, in a dry run). */
  changes: z.array(z.string()).optional(),
  /** Why the row failed, in words a shop owner understands. */
  details: z.string().optional(),
  /** The failed row's cells by column, for errors.csv. */
  cells: z.record(z.string(), z.string()).optional(),
});
export type RowResult = z.infer<typeof RowResult>;

export const ImportStatus = z.enum(["planning", "writing", "completed", "failed"]);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** Stored `shops/{shopId}/imports/{importId}`: what a client listens to for live progress. */
export const ImportJobDoc = z.object({
  status: ImportStatus,
  file_name: z.string().nullable(),
  actor_id: z.string(),
  role: z.enum(["owner", "staff"]),
  /** The file's columns as written, and the ones not recognised (ignored). */
  columns: z.array(z.string()),
  ignored_columns: z.array(z.string()),
  rows_read: z.number().int().min(0),
  /** Rows planned; from then on `unchanged` and `errors` are known, `created`/`updated` at the end. */
  rows_planned: z.number().int().min(0),
  /** Product documents written so far (creates + updates); stock movements not counted. */
  written: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  errors: z.number().int().min(0),
  result_chunks: z.number().int().min(0),
  /** Peak resident memory of the process seen during the import (bytes), for operations. */
  peak_rss_bytes: z.number().int().min(0),
  failure: z.string().nullable(),
  started_at: z.date(),
  updated_at: z.date(),
  finished_at: z.date().nullable(),
});
export type ImportJobDoc = z.infer<typeof ImportJobDoc>;

/** Stored `shops/{shopId}/imports/{importId}/results/{chunk}`. */
export const ImportResultsChunkDoc = z.object({
  index: z.number().int().min(0),
  results: z.array(RowResult),
});
export type ImportResultsChunkDoc = z.infer<typeof ImportResultsChunkDoc>;

/** The multipart body of POST /v1/products/import/csv, for the OpenAPI document (busboy reads it). */
export const ImportUploadBody = z
  .object({
    file: z.string().openapi({ format: "binary", description: "The CSV file (UTF-8; comma, semicolon or tab separated)" }),
  })
  .strict();

/** Query of POST /v1/products/import/csv. */
export const ImportQuery = z
  .object({
    dry_run: z
      .enum(["true", "false", "1", "0"])
      .optional()
      .transform((v) => v === "true" || v === "1"),
    /** A client-chosen id, so the client can listen to the job document before the answer. */
    import_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "import_id must be 8–64 letters, digits, '-' or '_'")
      .optional(),
  })
  .strict();
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not an import id") }).strict();

export const ImportResultsQuery = z
  .object({
    /** Page of results, RESULTS_PER_CHUNK rows each, from 0. */
    page: z.coerce.number().int().min(0).max(1000).optional().default(0),
  })
  .strict();

/** The MSME client's error entry. */
export const MsmeError = z.object({ row_number: z.number().int(), sku: z.string().nullable(), details: z.string() });

/** The answer to an import: the MSME client's fields plus the richer per-row report. */
export const ImportReport = z.object({
  import_id: z.string().nullable(),
  dry_run: z.boolean(),
  status: ImportStatus,
  processed_rows: z.number().int(),
  successful_creates: z.number().int(),
  successful_updates: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(MsmeError),
  written: z.number().int(),
  columns: z.array(z.string()),
  ignored_columns: z.array(z.string()),
  /** Every row's result when there are at most INLINE_RESULTS_MAX rows; else see `results_url`. */
  results: z.array(RowResult).optional(),
  results_url: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportJobView = ImportJobDoc.omit({}).extend({
  id: z.string(),
  /** Still planning/writing but silent for 10 minutes: it died; upload the same file again. */
  stalled: z.boolean(),
  results: z.array(RowResult),
  page: z.number().int(),
  next_page: z.number().int().nullable(),
});
