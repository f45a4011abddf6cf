import { readFileSync } from "node:fs";
import { join } from "node:path";
import { boxesToLines } from "../../../src/chitty/chitty.ocr";
import { visionResponseToLines, type VisionResponse } from "../../../src/chitty/chitty.ocr-vision";
import { SequenceMatcher, oldMatch } from "../../../bench/chitty-baseline";

const FIXTURE = join(__dirname, "..", "..", "fixtures", "chitty", "vision-document-text.json");

describe("Cloud Vision adapter (against a response in the documented shape: the service is unreachable from here, so it is not a live recording)", () => {
  it("reads the lines of fullTextAnnotation", () => {
    const response = JSON.parse(readFileSync(FIXTURE, "utf8")) as VisionResponse;
    expect(visionResponseToLines(response)).toEqual(["Aashirvaad atta 5 kg", "Tata namak", "maggi x4", "Ramesh ji"]);
  });

  it("falls back to the first text annotation when there is no full text", () => {
    expect(visionResponseToLines({ fullTextAnnotation: null, textAnnotations: [{ description: "doodh 1 ltr\ncheeni" }] })).toEqual(["doodh 1 ltr", "cheeni"]);
  });

  it("reads nothing from a response with no text (a blank page or a cat)", () => {
    expect(visionResponseToLines({ fullTextAnnotation: null, textAnnotations: [] })).toEqual([]);
  });

  it("surfaces an error carried inside the response", () => {
    expect(() => visionResponseToLines({ error: { code: 3, message: "Bad image data." } })).toThrow("Cloud Vision: Bad image data.");
  });
});

describe("grouping OCR boxes into lines", () => {
  const box = (x: number, y: number, w = 60, h = 30) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
  it("joins boxes on one line left to right and orders lines top to bottom", () => {
    const lines = boxesToLines([
      { text: "5kg", box: box(200, 12) },
      { text: "maggi x4", box: box(10, 60) },
      { text: "atta", box: box(10, 10) },
    ]);
    expect(lines).toEqual(["atta 5kg", "maggi x4"]);
  });
});

describe("the old matcher's difflib port (values computed with CPython's difflib)", () => {
  it.each([
    ["aata 5 kg", "aashirvaad shudh chakki atta 5 kg", 0.42857142857142855],
    ["maggi x4", "maggi 2-minute masala noodles 70 g", 0.2857142857142857],
    ["tata namak", "tata salt iodised 1 kg", 0.4375],
    ["abcd", "bcda", 0.75],
    ["private thread", "private volatile", 0.6666666666666666],
    ["x".repeat(250) + "abc", "x".repeat(240) + "abcd", 0.9778672032193159], // autojunk on a 200+ sequence
  ])("ratio(%j, %j) = %d", (a, b, ratio) => {
    expect(new SequenceMatcher(a, b).ratio()).toBeCloseTo(ratio, 12);
  });

  it("keeps lines over 2 characters with a letter, raises containment to 0.75, matches above 0.40, no quantities", () => {
    const products = [
      { sku: "TS", name: "Tata Salt Iodised 1 kg" },
      { sku: "MG", name: "Maggi" },
    ];
    expect(oldMatch("maggi x4\n12\nok\ntata salt iodised 1 kg please", products)).toEqual([
      { sku: "MG", quantity: 1 },
      { sku: "TS", quantity: 1 },
    ]);
  });
});
