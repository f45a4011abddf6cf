/**
 * One OCR interface, two engines chosen by the OCR_ENGINE param: Cloud Vision document text
 * detection in production, and PaddleOCR on ONNX Runtime (`@gutenye/ocr-node`, a devDependency
 * so it never reaches the deployed install) in the emulator, tests and the CLI. Engines load
 * on first use and stay loaded, so a warm instance reuses its engine.
 */

export type OcrEngineName = "vision" | "local";

export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Reads a normalised image; returns its text lines, top to bottom. */
  readLines(image: Buffer): Promise<string[]>;
  /** Reads a normalised image into positioned text boxes (tables need the columns); optional. */
  readBoxes?(image: Buffer): Promise<OcrBox[]>;
}

const engines = new Map<OcrEngineName, Promise<OcrEngine>>();

/** The engine by name, created once per instance. */
export function getOcrEngine(name: OcrEngineName): Promise<OcrEngine> {
  let engine = engines.get(name);
  if (!engine) {
    engine = name === "vision" ? import("./chitty.ocr-vision").then((m) => m.createVisionEngine()) : import("./chitty.ocr-local").then((m) => m.createLocalEngine());
    engine.catch(() => engines.delete(name)); // a failed load is retried on the next call
    engines.set(name, engine);
  }
  return engine;
}

/** A text box found by an OCR engine: its text and its corners. */
export interface OcrBox {
  text: string;
  /** Corners [x, y], clockwise from the top left. */
  box: number[][];
}

/** A piece of text on a row, with its horizontal extent. */
export interface RowCell {
  text: string;
  x: number;
  xEnd: number;
}

/**
 * Groups text boxes into rows of writing: boxes whose vertical centres lie within half a line
 * height of each other are one row, its cells read left to right (printed tables keep columns).
 */
export function boxesToRows(boxes: OcrBox[]): RowCell[][] {
  const items = boxes
    .filter((b) => b.text.trim() && b.box?.length >= 4)
    .map((b) => {
      const ys = b.box.map((p) => p[1]);
      const xs = b.box.map((p) => p[0]);
      const top = Math.min(...ys);
      const bottom = Math.max(...ys);
      return { text: b.text.trim(), cy: (top + bottom) / 2, h: Math.max(bottom - top, 1), x: Math.min(...xs), xEnd: Math.max(...xs) };
    })
    .sort((a, b) => a.cy - b.cy);
  const rows: Array<{ cy: number; h: number; parts: typeof items }> = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(it.cy - row.cy) < Math.max(row.h, it.h) * 0.5) {
      row.parts.push(it);
      row.cy = row.parts.reduce((s, p) => s + p.cy, 0) / row.parts.length;
      row.h = Math.max(row.h, it.h);
    } else {
      rows.push({ cy: it.cy, h: it.h, parts: [it] });
    }
  }
  return rows.map((r) => r.parts.sort((a, b) => a.x - b.x).map((p) => ({ text: p.text, x: p.x, xEnd: p.xEnd })));
}

/** Groups text boxes into lines of writing (see boxesToRows), each read left to right. */
export function boxesToLines(boxes: OcrBox[]): string[] {
  return boxesToRows(boxes).map((cells) => cells.map((c) => c.text).join(" "));
}
