import type { CatalogIndex } from "./chitty.catalog";
import { ChittyFailure } from "./chitty.failure";
import { normaliseImage } from "./chitty.image";
import { type Amount, parseLine, splitLines } from "./chitty.lines";
import { type Candidate, matchLine } from "./chitty.match";
import type { OcrEngine } from "./chitty.ocr";

/**
 * The whole reading of one chitty, shared by the HTTP route, the Storage trigger, the CLI and
 * the benchmark: (image → normalise → OCR →) lines → parse → match against the catalog.
 * Pure apart from the OCR engine it is given; storing the result is the caller's job.
 */

/** Most lines read from one chitty; a list longer than this is cut (and says so). */
export const MAX_CHITTY_LINES = 100;
/** Longest typed chitty accepted, in characters. */
export const MAX_CHITTY_TEXT = 10_000;

export type ChittySource = { kind: "text"; text: string } | { kind: "image"; bytes: Buffer };

/** What became of one line of the chitty. */
export interface LineReading {
  line_no: number;
  raw_text: string;
  name_text: string | null;
  amount: Amount | null;
  count: number | null;
  status: "matched" | "unmatched" | "ignored";
  best: Candidate | null;
  alternatives: Candidate[];
  confidence: number;
}

export interface ChittyReading {
  lines: LineReading[];
  total_lines: number;
  items_found: number;
  ocr_engine: string | null;
  timings_ms: { normalise: number; ocr: number; match: number };
}

/** Reads a chitty; throws ChittyFailure when the input cannot be a list (blank, not an image, no items). */
export async function readChitty(source: ChittySource, catalog: CatalogIndex, engine?: OcrEngine): Promise<ChittyReading> {
  const timings = { normalise: 0, ocr: 0, match: 0 };
  let rawLines: string[];
  if (source.kind === "text") {
    if (source.text.length > MAX_CHITTY_TEXT) throw new ChittyFailure("too_large", `A typed list may have at most ${MAX_CHITTY_TEXT} characters`);
    rawLines = splitLines(source.text);
    if (!rawLines.length) throw new ChittyFailure("empty_text", "The message has no lines to read");
  } else {
    if (!engine) throw new Error("readChitty: an image needs an OCR engine");
    let t = performance.now();
    const image = await normaliseImage(source.bytes);
    timings.normalise = performance.now() - t;
    t = performance.now();
    rawLines = (await engine.readLines(image.bytes)).flatMap(splitLines);
    timings.ocr = performance.now() - t;
    if (!rawLines.length) throw new ChittyFailure("no_text", "No writing could be read on the photo");
  }
  const t = performance.now();
  rawLines = stripListNumbering(rawLines.slice(0, MAX_CHITTY_LINES));
  const lines: LineReading[] = rawLines.map((raw, i) => {
    const parsed = parseLine(raw);
    const base = { line_no: i + 1, raw_text: raw.slice(0, 200) };
    if (!parsed) return { ...base, name_text: null, amount: null, count: null, status: "ignored", best: null, alternatives: [], confidence: 0 };
    const m = matchLine(parsed, catalog);
    return { ...base, name_text: parsed.nameWords.join(" "), amount: parsed.amount, count: parsed.count, status: m.status, best: m.best, alternatives: m.alternatives, confidence: m.confidence };
  });
  timings.match = performance.now() - t;
  const itemsFound = lines.filter((l) => l.status === "matched").length;
  const candidates = lines.filter((l) => l.status !== "ignored").length;
  if (source.kind === "image" && candidates === 0) throw new ChittyFailure("no_items", "No grocery items could be read on the photo");
  return { lines, total_lines: lines.length, items_found: itemsFound, ocr_engine: engine?.name ?? null, timings_ms: timings };
}

/**
 * Removes list numbering that OCR ran into the text ("1URAD DAL3", "2 maggi" on a numbered list):
 * when at least three lines start with numbers that count up 1, 2, 3… in line order, those
 * numbers are numbering, not quantities. Lines without a leading number (a name, a date) may sit between.
 */
export function stripListNumbering(lines: string[]): string[] {
  const leading = lines.map((l) => /^\s*(\d{1,2})(?![\d/.,]\d)\s*[.):\]-]?\s*(?=\S)/.exec(l));
  let expected = 1;
  const numbered = new Set<number>();
  leading.forEach((m, i) => {
    if (m && Number(m[1]) === expected) {
      numbered.add(i);
      expected++;
    }
  });
  if (numbered.size < 3) return lines;
  return lines.map((l, i) => (numbered.has(i) ? l.slice(leading[i]![0].length) : l));
}

/** The CLI's and the benchmark's view of a reading: matched SKUs with quantities. */
export function matchedItems(reading: ChittyReading): Array<{ sku: string; quantity: number }> {
  return reading.lines.filter((l) => l.status === "matched" && l.best).map((l) => ({ sku: l.best!.sku, quantity: l.best!.quantity }));
}
