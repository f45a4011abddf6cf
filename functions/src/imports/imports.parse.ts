import { AppError } from "../platform/errors";
import { readMultipartFile } from "../platform/http/multipart";
import { IMPORT_LIMITS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from "./imports.schema";

/**
 * Reading an uploaded CSV: multipart (busboy, fed from the raw body the Functions runtime kept)
 * → UTF-8 check → csv-parse, streaming record by record. File-level problems (not multipart,
 * no `file` field, not UTF-8 text, missing columns, over the limits) throw an AppError before
 * anything is written; row-level problems are left to the service, which reports them per row.
 * busboy and csv-parse are loaded with `await import()` so other routes' cold starts skip them.
 */

/** One data row: the CSV line it starts on (header = line 1) and its cells as written. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A parsed file: its header, how columns map to fields, and the data rows. */
export interface ParsedCsv {
  fileName: string | null;
  delimiter: string;
  /** The header cells as written. */
  columns: string[];
  /** Known field → cell index. */
  fieldIndex: Partial<Record<ImportColumn, number>>;
  /** Header cells not recognised (reported and ignored). */
  ignoredColumns: string[];
  rows: CsvRow[];
}

export interface ParseLimits {
  maxRows: number;
  maxFileBytes: number;
}

const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** "Unit Price", " unit-price ", "UNIT_PRICE" → "unit_price". */
export function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Picks the delimiter among ',', ';' and tab by counting them outside quotes in the first line. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  let best = ",";
  for (const d of [";", "\t"]) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Maps the header to fields; a missing required column or a repeated column is a 400. */
export function readHeader(cells: string[]): Pick<ParsedCsv, "columns" | "fieldIndex" | "ignoredColumns"> {
  const fieldIndex: Partial<Record<ImportColumn, number>> = {};
  const ignoredColumns: string[] = [];
  cells.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    if (KNOWN.includes(name)) {
      if (fieldIndex[name as ImportColumn] !== undefined) {
        throw new AppError("INVALID_DATA", `The column "${name}" appears twice in the header`, { column: name });
      }
      fieldIndex[name as ImportColumn] = i;
    } else {
      ignoredColumns.push(cell.trim() || `(empty column ${i + 1})`);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => fieldIndex[c] === undefined);
  if (missing.length) {
    throw new AppError(
      "INVALID_DATA",
      `The CSV header is missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (required: ${REQUIRED_COLUMNS.join(", ")}; optional: ${OPTIONAL_COLUMNS.join(", ")})`,
      { missing_columns: missing, required_columns: [...REQUIRED_COLUMNS] },
    );
  }
  return { columns: cells.map((c) => c.trim()), fieldIndex, ignoredColumns };
}

function tooLarge(what: string): AppError {
  return new AppError(
    "TOO_LARGE",
    `The file ${what}; an import takes at most ${IMPORT_LIMITS.maxRows.toLocaleString("en-IN")} rows and ${IMPORT_LIMITS.maxFileBytes / (1024 * 1024)} MB — split it into smaller files`,
    { maxRows: IMPORT_LIMITS.maxRows, maxFileBytes: IMPORT_LIMITS.maxFileBytes },
  );
}

/**
 * Parses CSV from a stream of bytes. Every chunk is checked to be UTF-8 text (no NUL bytes),
 * then fed to csv-parse; records are taken as they are parsed. Always drains the stream.
 */
export async function parseCsvStream(stream: AsyncIterable<Buffer | Uint8Array>, fileName: string | null, limits: ParseLimits = IMPORT_LIMITS): Promise<ParsedCsv> {
  const { parse } = await import("csv-parse");
  const decoder = new TextDecoder("utf-8", { fatal: true }); // strips a leading BOM
  let failure: AppError | null = null;
  let parser: ReturnType<typeof parse> | null = null;
  let delimiter = ",";
  let header: ReturnType<typeof readHeader> | null = null;
  const rows: CsvRow[] = [];
  let bytes = 0;

  const fail = (err: AppError): void => {
    failure ??= err;
  };

  let parserDone: Promise<void> = Promise.resolve();
  const startParser = (firstText: string): void => {
    delimiter = detectDelimiter(firstText);
    parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, max_record_size: 256 * 1024 });
    const p = parser;
    parserDone = new Promise<void>((resolve) => {
      p.on("end", () => resolve());
      p.on("error", (err: Error & { lines?: number }) => {
        fail(new AppError("INVALID_DATA", `The CSV could not be read near line ${err.lines ?? "?"}: ${err.message}`, { line: err.lines ?? null }));
        resolve();
      });
    });
    parser.on("readable", () => {
      let item: { record: string[]; info: { lines: number } } | null;
      while ((item = parser!.read()) !== null) {
        if (failure) continue;
        const { record, info } = item;
        // info.lines is the line the record ends on; quoted newlines push it past the start.
        const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
        const line = info.lines - newlines;
        if (!header) {
          try {
            header = readHeader(record);
          } catch (err) {
            fail(err as AppError);
          }
          continue;
        }
        if (record.every((c) => c.trim() === "")) continue; // a row of empty cells (",,,,")
        if (rows.length >= limits.maxRows) {
          fail(tooLarge(`has more than ${limits.maxRows.toLocaleString("en-IN")} rows`));
          continue;
        }
        rows.push({ line, cells: record });
      }
    });
  };


  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    bytes += buf.length;
    if (failure) continue; // keep draining so busboy can finish
    if (bytes > limits.maxFileBytes) {
      fail(tooLarge(`is larger than ${limits.maxFileBytes / (1024 * 1024)} MB`));
      continue;
    }
    if (bytes === buf.length && (buf.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || buf.subarray(0, 2).equals(Buffer.from([0xfe, 0xff])))) {
      fail(new AppError("UNSUPPORTED_MEDIA_TYPE", 'The file is UTF-16 text ("Unicode text"); save it as "CSV UTF-8" and upload it again'));
      continue;
    }
    if (buf.includes(0)) {
      fail(new AppError("UNSUPPORTED_MEDIA_TYPE", "The file looks binary (it contains NUL bytes); upload a CSV text file"));
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      fail(new AppError("UNSUPPORTED_MEDIA_TYPE", "The file is not UTF-8 text; save it as \"CSV UTF-8\" and upload it again"));
      continue;
    }
    if (!parser) {
      if (text.length === 0) continue;
      startParser(text);
    }
    (parser as unknown as { write: (s: string) => boolean }).write(text);
  }
  if (!failure) {
    try {
      const rest = decoder.decode();
      if (rest && parser) (parser as unknown as { write: (s: string) => boolean }).write(rest);
    } catch {
      fail(new AppError("UNSUPPORTED_MEDIA_TYPE", "The file is not UTF-8 text; save it as \"CSV UTF-8\" and upload it again"));
    }
  }
  if (parser) (parser as unknown as { end: () => void }).end();
  await parserDone;

  if (failure) throw failure;
  if (bytes === 0 || !header) throw new AppError("INVALID_DATA", "The file is empty; it needs a header line and at least one row");
  if (rows.length === 0) throw new AppError("INVALID_DATA", "The file has only a header and no rows to import");
  const h = header as ReturnType<typeof readHeader>;
  return { fileName, delimiter, ...h, rows };
}

/**
 * Reads the `file` part of a multipart/form-data body (the platform's multipart reader) and
 * parses it as CSV.
 */
export async function parseCsvUpload(rawBody: Buffer | undefined, contentType: string | undefined, limits: ParseLimits = IMPORT_LIMITS): Promise<ParsedCsv> {
  return readMultipartFile({
    rawBody,
    contentType,
    field: "file",
    maxFileBytes: limits.maxFileBytes,
    what: "the CSV",
    consume: (stream, info) => parseCsvStream(stream, info.filename, limits),
    tooLarge: () => tooLarge(`is larger than ${limits.maxFileBytes / (1024 * 1024)} MB`),
  });
}
