import { defineRoute } from "../platform/http/route";
import { AppError } from "../platform/errors";
import { requireShop } from "../identity/actor";
import { z } from "../platform/schema";
import { parseCsvUpload } from "./imports.parse";
import { getAllResults, getJob, getResultsChunk, newImportId } from "./imports.repository";
import { IMPORT_LIMITS, ImportIdParams, ImportJobView, ImportQuery, ImportReport, ImportResultsQuery, ImportUploadBody, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from "./imports.schema";
import { errorsCsv, runImportWhenRoom } from "./imports.service";

/** Progress is refreshed every second while writing; ten minutes of silence means the import died. */
const STALLED_AFTER_MS = 10 * 60 * 1000;

/** Routes of CSV product imports. */
export const importRoutes = [
  defineRoute(
    {
      method: "post",
      path: "/v1/products/import/csv",
      summary: "Import products from a CSV file (upsert by SKU)",
      description:
        `multipart/form-data with the CSV in the field \`file\`. Columns ${REQUIRED_COLUMNS.join(", ")} are required; ` +
        `${OPTIONAL_COLUMNS.join(", ")} are optional (left out or empty: defaults on create, kept on update). ` +
        "Headers match case- and space-insensitively; comma, semicolon or tab separated; UTF-8 with or without BOM. " +
        "Prices are rupees with at most 2 decimals; a ₹/Rs prefix and correctly grouped thousands commas (1,200.50 or 1,00,000) are accepted. " +
        `At most ${IMPORT_LIMITS.maxRows} rows and ${IMPORT_LIMITS.maxFileBytes / (1024 * 1024)} MB. ` +
        "Every row gets a result; equal rows are not written, so importing the same file twice writes nothing the second time. " +
        "`?dry_run=true` answers the same report and writes nothing. Progress is live in the Firestore document " +
        "shops/{shopId}/imports/{import_id}; pass `?import_id=` to choose the id and listen before the answer arrives.",
      tags: ["imports"],
      auth: "user",
      shopScope: "caller",
      operation: "import",
      bodyType: "multipart",
      body: ImportUploadBody,
      query: ImportQuery,
      responses: { 200: { description: "The import's report (every row's result)", schema: ImportReport } },
      errors: [400, 401, 403, 409, 413, 415],
    },
    async ({ req, actor, shopId, query }) => {
      const { shopId: shop, role } = requireShop(actor, shopId, ["owner", "staff"]);
      const parsed = await parseCsvUpload(req.rawBody, req.get("content-type"));
      const importId = query.import_id ?? newImportId();
      const report = await runImportWhenRoom({ shopId: shop, actorId: actor.uid, role, parsed, dryRun: query.dry_run, importId });
      const headers: Record<string, string> | undefined = report.import_id ? { Location: `/v1/imports/${report.import_id}` } : undefined;
      return { status: 200, body: report, headers };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/imports/{id}",
      summary: "An import's progress, counts and per-row results (paged)",
      description: "`?page=` pages through the results, 500 rows a page; `next_page` is null on the last page.",
      tags: ["imports"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: ImportIdParams,
      query: ImportResultsQuery,
      responses: { 200: { description: "The import job", schema: ImportJobView } },
      errors: [400, 401, 403, 404],
    },
    async ({ actor, shopId, params, query }) => {
      const { shopId: shop } = requireShop(actor, shopId, ["owner", "staff"]);
      const job = await getJob(shop, params.id);
      if (!job) throw new AppError("NOT_FOUND", `No import ${params.id} in shop ${shop}`);
      const results = query.page < job.result_chunks ? await getResultsChunk(shop, params.id, query.page) : [];
      const next = query.page + 1 < job.result_chunks ? query.page + 1 : null;
      // An import still "planning"/"writing" whose progress has not moved for STALLED_AFTER_MS
      // died with its instance: the client should upload the same file again to finish it.
      const stalled = (job.status === "planning" || job.status === "writing") && Date.now() - job.updated_at.getTime() > STALLED_AFTER_MS;
      return { status: 200, body: { id: params.id, ...job, stalled, results, page: query.page, next_page: next } };
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/imports/{id}/errors.csv",
      summary: "The failed rows of an import as CSV, with a reason column",
      description: "The file's own columns, then `row_number` and `error`. Cells starting with =, +, -, @ are prefixed with ' against spreadsheet formula injection.",
      tags: ["imports"],
      auth: "user",
      shopScope: "caller",
      operation: "read",
      params: ImportIdParams,
      responses: { 200: { description: "CSV of the failed rows", contentType: "text/csv", schema: z.string() } },
      errors: [401, 403, 404, 409],
    },
    async ({ actor, shopId, params }) => {
      const { shopId: shop } = requireShop(actor, shopId, ["owner", "staff"]);
      const job = await getJob(shop, params.id);
      if (!job) throw new AppError("NOT_FOUND", `No import ${params.id} in shop ${shop}`);
      if (job.status !== "completed") throw new AppError("CONFLICT", `Import ${params.id} is ${job.status}; its errors are ready once it has completed`, { status: job.status });
      const csv = errorsCsv(job.columns, await getAllResults(shop, params.id));
      return {
        status: 200,
        body: csv,
        contentType: "text/csv; charset=utf-8",
        headers: { "Content-Disposition": `attachment; filename="import-${params.id}-errors.csv"` },
      };
    },
  ),
];
