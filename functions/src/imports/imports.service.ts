import { newStoredProduct, productBoundsProblem, productIdForSku, PRODUCT_BOUNDS, searchTokens, Sku, type AuditDoc, type ProductDoc, type StockMovementDoc } from "../inventory/products.schema";
import { priceAuditFor } from "../inventory/products.service";
import type { ShopRole } from "../identity/identity.schema";
import { now, msSince } from "../platform/clock";
import type { ParsedCsv } from "./imports.parse";
import * as repo from "./imports.repository";
import { logImportCompleted, logImportFailed, logImportRowsRetried, logImportStarted } from "./imports.logs";
import { INLINE_RESULTS_MAX, MAX_IMPORT_QUANTITY, type ImportColumn, type ImportJobDoc, type ImportReport, type RowResult } from "./imports.schema";

/**
 * The import's business rules, as plain functions: validate each row, then plan it against the
 * shop's current products (create / update with the changed fields / unchanged / error).
 * `runImport` orchestrates: it reads and writes only through imports.repository.ts.
 */

/** The values a valid row asks for. Optional fields are `undefined` when the file leaves them out. */
export interface RowValues {
  sku: string;
  productId: string;
  name: string;
  category: string;
  quantity: number;
  unit_price_paise: number;
  low_stock_threshold?: number;
  mrp_paise?: number;
  unit?: string;
  barcode?: string;
}

/** A row after validation: its values, or the reasons it cannot be imported. */
export interface ValidatedRow {
  line: number;
  sku: string | null;
  /** The row's cells as written (shared with the parsed file, not copied). */
  cells: string[];
  values?: RowValues;
  error?: string;
}

// ---------- cell readers ----------

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const WESTERN_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/; // 1,200.50  12,345,678
const INDIAN_GROUPED = /^\d{1,2}(,\d{2})*,\d{3}(\.\d+)?$/; // 1,00,000.00  12,34,567
const MAX_PAISE = PRODUCT_BOUNDS.maxPricePaise;

/** Accepts "1200.5", "₹1,200.50", "Rs. 1,00,000": a ₹/Rs/INR prefix and correctly grouped thousands separators are dropped. */
function numberText(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/^(₹|rs\.?|inr)\s*/i, "")
    .trim();
  if (PLAIN_NUMBER.test(s) || WESTERN_GROUPED.test(s) || INDIAN_GROUPED.test(s)) return s.replace(/,/g, "");
  return null;
}

/** Rupees text → integer paise, or a reason. Exact: no floating point on the way. */
export function parseRupees(raw: string, field: string): number | { error: string } {
  const shown = raw.trim();
  if (shown === "") return { error: `${field} is required` };
  const text = numberText(shown);
  if (text === null) {
    if (/^-/.test(shown.replace(/^(₹|rs\.?|inr)\s*/i, ""))) return { error: `${field} must be ≥ 0, got ${shown}` };
    return { error: `${field} must be an amount in rupees such as 1200.50 (a dot for decimals; ₹ and thousands commas are allowed), got "${shown}"` };
  }
  const [whole, fraction = ""] = text.split(".");
  if (fraction.length > 2) return { error: `${field} must have at most 2 decimals (paise), got ${shown}` };
  const paise = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(paise) || paise > MAX_PAISE) return { error: `${field} must be at most ₹${(MAX_PAISE / 100).toLocaleString("en-IN")}, got ${shown}` };
  return paise;
}

/** Whole-number text (thousands separators allowed) → integer, or a reason. */
export function parseWholeNumber(raw: string, field: string, max: number): number | { error: string } {
  const shown = raw.trim();
  if (shown === "") return { error: `${field} is required` };
  const text = numberText(shown);
  if (text === null || text.includes(".") && !/^\d+\.0*$/.test(text)) {
    return { error: `${field} must be a whole number ≥ 0, got ${shown}` };
  }
  const value = Number(text.split(".")[0]);
  if (!Number.isSafeInteger(value) || value > max) return { error: `${field} must be at most ${max.toLocaleString("en-IN")}, got ${shown}` };
  return value;
}

function readText(raw: string, field: string, max: number, required: boolean): string | undefined | { error: string } {
  const text = raw.trim();
  if (text === "") return required ? { error: `${field} is required` } : undefined;
  if (/[\u0000-\u001f\u007f]/.test(text)) return { error: `${field} must be a single line of text without control characters` };
  if ([...text].length > max) return { error: `${field} must be at most ${max} characters, got ${[...text].length}` };
  return text;
}

function isError(v: unknown): v is { error: string } {
  return typeof v === "object" && v !== null && "error" in v;
}

// ---------- validation ----------

/** Validates every row independently; a bad row never stops the others. */
export function validateRows(parsed: Pick<ParsedCsv, "columns" | "fieldIndex" | "rows">): ValidatedRow[] {
  const width = parsed.columns.length;
  return parsed.rows.map(({ line, cells }) => {
    const cell = (field: ImportColumn): string | undefined => {
      const i = parsed.fieldIndex[field];
      return i === undefined ? undefined : (cells[i] ?? "");
    };
    const skuText = (cell("sku") ?? "").trim();
    const row: ValidatedRow = { line, sku: skuText || null, cells };

    const extra = cells.slice(width);
    if (cells.length < width || extra.some((c) => c.trim() !== "")) {
      row.error = `the row has ${cells.length} cells but the header has ${width} columns (check for a missing or extra separator, or an unquoted comma)`;
      return row;
    }

    const problems: string[] = [];
    const take = <T>(v: T | { error: string }): T | undefined => {
      if (isError(v)) {
        problems.push(v.error);
        return undefined;
      }
      return v;
    };

    let sku: string | undefined;
    if (skuText === "") problems.push("sku is required");
    else {
      const checked = Sku.safeParse(skuText);
      if (checked.success) sku = checked.data;
      else problems.push(`${checked.error.issues[0].message}, got "${skuText}"`);
    }
    const name = take(readText(cell("name") ?? "", "name", 100, true));
    const category = take(readText(cell("category") ?? "", "category", 50, true));
    const quantity = take(parseWholeNumber(cell("quantity") ?? "", "quantity", MAX_IMPORT_QUANTITY));
    const unitPrice = take(parseRupees(cell("unit_price") ?? "", "unit_price"));

    const optional = <T>(field: ImportColumn, read: (text: string) => T | { error: string }): T | undefined => {
      const text = cell(field);
      if (text === undefined || text.trim() === "") return undefined; // left out: defaults on create, kept on update
      return take(read(text));
    };
    const threshold = optional("low_stock_threshold", (t) => parseWholeNumber(t, "low_stock_threshold", PRODUCT_BOUNDS.maxQuantity));
    const mrp = optional("mrp", (t) => parseRupees(t, "mrp"));
    const unit = optional("unit", (t) => readText(t, "unit", 20, false) as string | { error: string });
    const barcode = optional("barcode", (t) => readText(t, "barcode", 64, false) as string | { error: string });

    if (problems.length === 0 && quantity !== undefined && unitPrice !== undefined) {
      // The row's own numbers together (stock value); planRow checks them against the stored product too.
      const problem = productBoundsProblem({ quantity, unit_price_paise: unitPrice as number });
      if (problem) problems.push(problem);
    }
    if (problems.length || sku === undefined) {
      row.error = problems.join("; ");
      return row;
    }
    row.sku = sku;
    row.values = {
      sku,
      productId: productIdForSku(sku),
      name: name!,
      category: category!,
      quantity: quantity!,
      unit_price_paise: unitPrice as number,
      ...(threshold !== undefined ? { low_stock_threshold: threshold } : {}),
      ...(mrp !== undefined ? { mrp_paise: mrp } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(barcode !== undefined ? { barcode } : {}),
    };
    return row;
  });
}

// ---------- planning ----------

/** Product fields an import row can set, in report order. */
const COMPARED: readonly (keyof RowValues & keyof ProductDoc)[] = ["name", "category", "quantity", "unit_price_paise", "low_stock_threshold", "mrp_paise", "unit", "barcode"];

/** Fields of `product` that the row would change, with their new values. */
export function diffProduct(product: ProductDoc, values: RowValues): { changes: string[]; patch: Partial<ProductDoc> } {
  const changes: string[] = [];
  const patch: Record<string, unknown> = {};
  for (const field of COMPARED) {
    const wanted = values[field];
    if (wanted === undefined) continue;
    if (product[field] !== wanted) {
      changes.push(field);
      patch[field] = wanted;
    }
  }
  return { changes, patch: patch as Partial<ProductDoc> };
}

export type PlannedRow =
  | { kind: "create"; line: number; sku: string; productId: string; values: RowValues }
  | { kind: "update"; line: number; sku: string; productId: string; values: RowValues; base: ProductDoc; changes: string[]; patch: Partial<ProductDoc> }
  | { kind: "unchanged"; line: number; sku: string; productId: string }
  | { kind: "error"; line: number; sku: string | null; details: string; cells: string[] };

function formatRupees(paise: number): string {
  return `₹${(paise / 100).toFixed(2)}`;
}

/** Plans one valid row against the product as it is now (null: no such product). */
export function planRow(row: ValidatedRow & { values: RowValues }, current: ProductDoc | null, role: ShopRole): PlannedRow {
  const { values, line } = row;
  const base = { line, sku: values.sku, productId: values.productId };
  if (!current) return { kind: "create", ...base, values };
  const { changes, patch } = diffProduct(current, values);
  if (changes.length === 0) return { kind: "unchanged", ...base };
  if (role !== "owner" && patch.unit_price_paise !== undefined) {
    return {
      kind: "error",
      line,
      sku: values.sku,
      cells: row.cells,
      details: `staff cannot change prices: ${values.sku} costs ${formatRupees(current.unit_price_paise)} and the file says ${formatRupees(values.unit_price_paise)} (ask the shop owner to import price changes)`,
    };
  }
  // The product as the update would leave it must stay within PRODUCT_BOUNDS (the row may keep a stored price).
  const problem = productBoundsProblem({ ...current, ...patch });
  if (problem) return { kind: "error", line, sku: values.sku, cells: row.cells, details: problem };
  return { kind: "update", ...base, values, base: current, changes, patch };
}

/**
 * Plans every row. A SKU seen on an earlier line makes the later row an error naming that line
 * (SKUs match case-insensitively, as product ids do).
 */
export function planImport(rows: ValidatedRow[], existing: ReadonlyMap<string, ProductDoc | null>, role: ShopRole): PlannedRow[] {
  const firstLine = new Map<string, number>();
  return rows.map((row): PlannedRow => {
    const id = row.sku !== null && Sku.safeParse(row.sku).success ? productIdForSku(row.sku) : null;
    if (id !== null) {
      const earlier = firstLine.get(id);
      if (earlier !== undefined) {
        return { kind: "error", line: row.line, sku: row.sku, cells: row.cells, details: `sku ${row.sku} already appears on line ${earlier}; each SKU may appear only once per file` };
      }
      firstLine.set(id, row.line);
    }
    if (row.error !== undefined || !row.values) return { kind: "error", line: row.line, sku: row.sku, cells: row.cells, details: row.error ?? "invalid row" };
    return planRow(row as ValidatedRow & { values: RowValues }, existing.get(row.values.productId) ?? null, role);
  });
}

/**
 * A planned write lost a race: the product changed (or appeared, or vanished) after we read it.
 * Re-plans against the new state without losing the other writer's edit: if the other writer
 * touched a field this row also changes, the row is reported instead of overwriting it.
 */
export function replanAfterConflict(row: PlannedRow & { kind: "create" | "update" }, current: ProductDoc | null, role: ShopRole, cells: string[]): PlannedRow {
  const validated = { line: row.line, sku: row.sku, cells, values: row.values };
  if (row.kind === "create") {
    // Someone created the SKU meanwhile: their product stands; we update it like any existing one.
    if (!current) return row;
    return planRow(validated, current, role);
  }
  if (!current) {
    return { kind: "error", line: row.line, sku: row.sku, cells, details: `${row.sku} was deleted by someone else during the import; it was not recreated (import the file again to recreate it)` };
  }
  const theirs = COMPARED.filter((f) => row.base[f] !== current[f]);
  const clash = theirs.filter((f) => row.changes.includes(f));
  if (clash.length) {
    return {
      kind: "error",
      line: row.line,
      sku: row.sku,
      cells,
      details: `${row.sku} was changed by someone else during the import (${clash.join(", ")}); their change was kept, not overwritten — check it and import again if needed`,
    };
  }
  // Only the fields this row meant to change are applied; the other writer's fields stay.
  const { changes, patch } = diffProduct(current, pick(row.values, row.changes));
  if (changes.length === 0) return { kind: "unchanged", line: row.line, sku: row.sku, productId: row.productId };
  // The other writer's fields plus ours must still be within PRODUCT_BOUNDS.
  const problem = productBoundsProblem({ ...current, ...patch });
  if (problem) return { kind: "error", line: row.line, sku: row.sku, cells, details: problem };
  return { kind: "update", line: row.line, sku: row.sku, productId: row.productId, values: row.values, base: current, changes, patch };
}

function pick(values: RowValues, fields: string[]): RowValues {
  const out: Record<string, unknown> = { sku: values.sku, productId: values.productId };
  for (const f of fields) out[f] = values[f as keyof RowValues];
  return out as unknown as RowValues;
}

// ---------- documents ----------

/** The stored product a create writes, in the shared ProductDoc shape. */
export function newProductDoc(values: RowValues, actorId: string, at: Date): ProductDoc {
  return newStoredProduct(values, actorId, at);
}

/** The fields an update writes: the changed ones, version + 1, search tokens when the name moved. */
export function updateFields(row: PlannedRow & { kind: "update" }, actorId: string, at: Date): Partial<ProductDoc> {
  return {
    ...row.patch,
    ...(row.patch.name !== undefined ? { search_tokens: searchTokens(row.patch.name, row.base.sku) } : {}),
    version: row.base.version + 1,
    updated_at: at,
    updated_by: actorId,
  };
}

/** The ledger entry for a quantity an import set, or null when the quantity did not move. */
export function movementFor(row: PlannedRow & { kind: "create" | "update" }, importId: string, actorId: string, at: Date): StockMovementDoc | null {
  const before = row.kind === "update" ? row.base.quantity : 0;
  const after = row.kind === "update" ? row.patch.quantity : row.values.quantity;
  if (after === undefined || after === before) return null;
  return {
    product_id: row.productId,
    sku: row.sku,
    delta: after - before,
    reason: row.kind === "create" ? "create" : "import",
    quantity_after: after,
    actor_id: actorId,
    source: "import",
    ref: importId,
    at,
  };
}

/**
 * The audit record of the price or MRP an import update changes (null when neither moves): the
 * same record the API writes (priceAuditFor), so every path that changes a price leaves one.
 */
export function priceAuditForRow(row: PlannedRow & { kind: "create" | "update" }, importId: string, actorId: string, at: Date): AuditDoc | null {
  if (row.kind !== "update") return null;
  const after = { ...row.base, ...row.patch, version: row.base.version + 1 } as ProductDoc;
  return priceAuditFor(row.productId, row.base, after, { actorId, at, source: "import", ref: importId });
}

/** A failed row's cells by column name, for errors.csv (column names are user text: a null-prototype map). */
function cellsByColumn(columns: string[], cells: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  columns.slice(0, MAX_STORED_COLUMNS).forEach((c, i) => {
    const value = cells[i] ?? "";
    out[(c || `column_${i + 1}`).slice(0, 100)] = value.length > MAX_STORED_CELL ? `${value.slice(0, MAX_STORED_CELL)}…` : value;
  });
  return out;
}

/** A failed row's stored cells are bounded, so 500 of them always fit one results document. */
const MAX_STORED_COLUMNS = 30;
const MAX_STORED_CELL = 300;

/** The row's result for the report; `columns` (the file's header) names a failed row's cells. */
export function resultOf(row: PlannedRow, columns: string[]): RowResult {
  switch (row.kind) {
    case "create":
      return { row_number: row.line, sku: row.sku, status: "created" };
    case "update":
      return { row_number: row.line, sku: row.sku, status: "updated", changes: row.changes };
    case "unchanged":
      return { row_number: row.line, sku: row.sku, status: "unchanged" };
    case "error":
      return { row_number: row.line, sku: row.sku, status: "error", details: row.details, cells: cellsByColumn(columns, row.cells) };
  }
}

// ---------- errors.csv ----------

/**
 * Neutralises spreadsheet formulas in a cell. A spreadsheet may split the file on "," ";" "|" or
 * tab, so a formula can start at the beginning of the cell or right after any of those
 * delimiters (or a line break) inside it: each such start (=, +, -, @, tab, CR) gets an
 * apostrophe in front, so no piece of the cell can be read as a formula however it is split.
 */
export function neutraliseCell(value: string): string {
  return value.replace(/(^|[,;|\t\r\n])(\s*)([=+\-@\t\r])/g, (_m, delimiter: string, space: string, start: string) => `${delimiter}${space}'${start}`);
}

/** Every cell quoted (so ";" or "," inside never splits it), quotes doubled, formulas neutralised. */
function csvCell(value: string): string {
  return `"${neutraliseCell(value).replace(/"/g, '""')}"`;
}

/** The failed rows as CSV: the file's own columns, then row_number and the reason. */
export function errorsCsv(columns: string[], results: RowResult[]): string {
  const header = [...columns, "row_number", "error"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of results) {
    if (r.status !== "error") continue;
    const cells = columns.map((c, i) => {
      const key = (c || `column_${i + 1}`).slice(0, 100);
      // Own keys only: a column named "constructor" must not read Object.prototype.constructor.
      return r.cells && Object.prototype.hasOwnProperty.call(r.cells, key) ? String(r.cells[key]) : "";
    });
    lines.push([...cells, String(r.row_number), r.details ?? ""].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

// ---------- running an import ----------

/**
 * Rows one instance imports at once. The `api` function serves up to 80 requests per instance
 * in 1 GiB; a 50,000-row import needs a few hundred MB, so imports beyond this many rows in
 * flight wait their turn (in arrival order) instead of risking running out of memory together.
 */
export const INSTANCE_IMPORT_ROWS = 60_000;

/** A weighted first-come-first-served semaphore: `acquire(n)` resolves once n units are free. */
export class RowBudget {
  private used = 0;
  private readonly queue: { weight: number; resume: () => void }[] = [];

  constructor(private readonly capacity: number) {}

  async acquire(weight: number): Promise<() => void> {
    const w = Math.min(weight, this.capacity);
    if (this.queue.length === 0 && this.used + w <= this.capacity) this.used += w;
    else await new Promise<void>((resume) => this.queue.push({ weight: w, resume }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= w;
      while (this.queue.length && this.used + this.queue[0].weight <= this.capacity) {
        const next = this.queue.shift()!;
        this.used += next.weight;
        next.resume();
      }
    };
  }

  get inUse(): number {
    return this.used;
  }
}

const instanceBudget = new RowBudget(INSTANCE_IMPORT_ROWS);

/** Runs an import once this instance has room for its rows. */
export async function runImportWhenRoom(input: RunImportInput): Promise<ImportReport> {
  const release = await instanceBudget.acquire(input.parsed.rows.length);
  try {
    return await runImport(input);
  } finally {
    release();
  }
}

/** Rounds of "re-read and re-plan" for rows that lost a race before they are reported. */
const MAX_WRITE_ROUNDS = 4;
/** How often the job document's progress is refreshed while writing. */
const PROGRESS_EVERY_MS = 1000;

export interface RunImportInput {
  shopId: string;
  actorId: string;
  role: ShopRole;
  parsed: ParsedCsv;
  dryRun: boolean;
  importId: string;
  /** Test seam: runs after the products were read and before anything is written. */
  beforeWrite?: () => Promise<void>;
}

function toMsme(r: RowResult): { row_number: number; sku: string | null; details: string } {
  return { row_number: r.row_number, sku: r.sku, details: r.details ?? "" };
}

/**
 * Reads → plans → writes (unless a dry run) → stores the results and the final counts. Rows are
 * independent: a bad row is reported and the others go ahead. Writes are upserts by the
 * SKU-derived id, so re-running a file (even after an interruption) converges without duplicates.
 */
export async function runImport(input: RunImportInput): Promise<ImportReport> {
  const { shopId, actorId, role, parsed, dryRun, importId } = input;
  const started = process.hrtime.bigint();
  const startedAt = now();
  let peakRss = process.memoryUsage().rss;
  const sampleMemory = (): number => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  const validated = validateRows(parsed);
  const cellsByLine = new Map(validated.map((r) => [r.line, r.cells] as const));
  const ids = [...new Set(validated.flatMap((r) => (r.values ? [r.values.productId] : [])))];

  const job: ImportJobDoc = {
    status: "planning",
    file_name: parsed.fileName,
    actor_id: actorId,
    role,
    columns: parsed.columns,
    ignored_columns: parsed.ignoredColumns,
    rows_read: parsed.rows.length,
    rows_planned: 0,
    written: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: 0,
    result_chunks: 0,
    peak_rss_bytes: peakRss,
    failure: null,
    started_at: startedAt,
    updated_at: startedAt,
    finished_at: null,
  };
  if (!dryRun) {
    await repo.createJob(shopId, importId, job);
    logImportStarted({ importId, shopId, actorId, role, rows: parsed.rows.length, dryRun });
  }

  try {
    const phases = { readMs: 0, writeMs: 0, kpisMs: 0, resultsMs: 0 };
    let mark = process.hrtime.bigint();
    const lap = (phase: keyof typeof phases): void => {
      phases[phase] += Math.round(msSince(mark));
      mark = process.hrtime.bigint();
    };
    const stored = await repo.readProducts(shopId, ids);
    lap("readMs");
    const current = new Map([...stored].map(([id, p]) => [id, p?.doc ?? null] as const));
    const planned = planImport(validated, current, role);
    // The catalog bound (PRODUCT_BOUNDS.maxCatalogProducts): creates past it are row errors.
    let room = PRODUCT_BOUNDS.maxCatalogProducts - (await repo.catalogSize(shopId));
    planned.forEach((row, i) => {
      if (row.kind !== "create") return;
      if (room-- > 0) return;
      planned[i] = { kind: "error", line: row.line, sku: row.sku, cells: cellsByLine.get(row.line) ?? [], details: `the shop's catalog is full (at most ${PRODUCT_BOUNDS.maxCatalogProducts.toLocaleString("en-IN")} products)` };
    });
    sampleMemory();

    if (!dryRun) {
      const countPlanned = (k: PlannedRow["kind"]): number => planned.filter((r) => r.kind === k).length;
      await repo.updateJob(shopId, importId, {
        status: "writing",
        rows_planned: planned.length,
        unchanged: countPlanned("unchanged"),
        errors: countPlanned("error"),
        peak_rss_bytes: peakRss,
        updated_at: now(),
      });
      await input.beforeWrite?.();
    }

    mark = process.hrtime.bigint();
    let retries = 0;
    let written = 0;
    const writtenIds = new Set<string>();
    if (!dryRun) {
      // Progress: the job document is refreshed at most once a second, one update at a time.
      let lastReport = Date.now();
      let reporting: Promise<void> = Promise.resolve();
      const onWritten = (n: number): void => {
        written += n;
        if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = Date.now();
        sampleMemory();
        const snapshot = { written, peak_rss_bytes: peakRss, updated_at: now() };
        reporting = reporting.then(() => repo.updateJob(shopId, importId, snapshot)).catch(() => undefined);
      };

      const byId = new Map<string, number>();
      planned.forEach((row, i) => {
        if (row.kind === "create" || row.kind === "update") byId.set(row.productId, i);
      });
      let pending = [...byId.keys()];
      for (let round = 1; pending.length && round <= MAX_WRITE_ROUNDS; round++) {
        const at = now();
        const writes: repo.ProductWrite[] = pending.map((id) => ({
          kind: planned[byId.get(id)!].kind as "create" | "update",
          productId: id,
          readTime: stored.get(id)?.updateTime,
        }));
        const build = (w: repo.ProductWrite): repo.BuiltWrite => {
          const row = planned[byId.get(w.productId)!] as PlannedRow & { kind: "create" | "update" };
          const data = row.kind === "create" ? newProductDoc(row.values, actorId, at) : updateFields(row, actorId, at);
          return { data, movement: movementFor(row, importId, actorId, at), audit: priceAuditForRow(row, importId, actorId, at) };
        };
        const outcome = await repo.writeProducts(shopId, importId, writes, build, onWritten);
        for (const id of outcome.written) writtenIds.add(id);
        sampleMemory();
        for (const [id, message] of outcome.failed) {
          const i = byId.get(id)!;
          planned[i] = { kind: "error", line: planned[i].line, sku: planned[i].sku, cells: cellsByLine.get(planned[i].line) ?? [], details: `could not be saved (${message}); import the file again to retry` };
        }
        const lost = [...outcome.lost];
        pending = [];
        if (lost.length === 0) break;
        retries += lost.length;
        logImportRowsRetried({ importId, shopId, round, rows: lost.length });
        const fresh = await repo.readProducts(shopId, lost);
        for (const id of lost) {
          const i = byId.get(id)!;
          const row = planned[i] as PlannedRow & { kind: "create" | "update" };
          const now_ = fresh.get(id) ?? null;
          stored.set(id, now_);
          planned[i] =
            round === MAX_WRITE_ROUNDS
              ? { kind: "error", line: row.line, sku: row.sku, cells: cellsByLine.get(row.line) ?? [], details: `${row.sku} kept changing during the import and was not saved; import the file again` }
              : replanAfterConflict(row, now_?.doc ?? null, role, cellsByLine.get(row.line) ?? []);
          if (planned[i].kind === "create" || planned[i].kind === "update") pending.push(id);
        }
      }
      await reporting;
    }

    if (!dryRun) {
      lap("writeMs");
      await repo.applyKpisOfWrites(shopId, importId, [...writtenIds]);
      lap("kpisMs");
    }
    const results = planned.map((row) => resultOf(row, parsed.columns));
    const count = (s: RowResult["status"]): number => results.filter((r) => r.status === s).length;
    const errors = results.filter((r) => r.status === "error");
    sampleMemory();
    const report: ImportReport = {
      import_id: dryRun ? null : importId,
      dry_run: dryRun,
      status: "completed",
      processed_rows: results.length,
      successful_creates: count("created"),
      successful_updates: count("updated"),
      unchanged: count("unchanged"),
      errors: errors.map(toMsme),
      written: dryRun ? 0 : written,
      columns: parsed.columns,
      ignored_columns: parsed.ignoredColumns,
      ...(results.length <= INLINE_RESULTS_MAX ? { results } : {}),
      results_url: dryRun ? null : `/v1/imports/${importId}`,
    };
    if (!dryRun) {
      const chunks = await repo.writeResults(shopId, importId, results);
      lap("resultsMs");
      const finishedAt = now();
      await repo.updateJob(shopId, importId, {
        status: "completed",
        written,
        created: report.successful_creates,
        updated: report.successful_updates,
        unchanged: report.unchanged,
        errors: errors.length,
        result_chunks: chunks,
        peak_rss_bytes: sampleMemory(),
        updated_at: finishedAt,
        finished_at: finishedAt,
      });
    }
    logImportCompleted({
      importId: report.import_id,
      shopId,
      actorId,
      dryRun,
      rows: results.length,
      created: report.successful_creates,
      updated: report.successful_updates,
      unchanged: report.unchanged,
      errors: errors.length,
      written: report.written,
      retries,
      peakRssBytes: peakRss,
      ...phases,
      latencyMs: Math.round(msSince(started)),
    });
    return report;
  } catch (err) {
    if (!dryRun) {
      logImportFailed({ importId, shopId, actorId, reason: (err as Error).message });
      const at = now();
      await repo.updateJob(shopId, importId, { status: "failed", failure: "The import stopped before it finished; upload the same file again to finish it (rows already saved are not duplicated)", updated_at: at, finished_at: at }).catch(() => undefined);
    }
    throw err;
  }
}
