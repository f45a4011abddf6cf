import { describe, expect, it } from "vitest";
import { choicesFor, confidenceBand, formatConfidence, formatQuantity, photoNote, sortByLine, type Chitty, type Suggestion } from "../src/features/chitty-review/review";

function suggestion(over: Partial<Suggestion> = {}): Suggestion {
  return {
    id: "c1_1",
    chitty_id: "c1",
    line_no: 1,
    raw_text: "2 kg aata",
    product_id: "p1",
    sku: "ATTA-1",
    product_name: "Atta 1 kg",
    quantity: 2,
    unit: "1 kg",
    confidence: 0.9,
    alternatives: [],
    status: "suggested",
    final_product_id: null,
    final_quantity: null,
    ...over,
  };
}

describe("what the shop may still decide", () => {
  it("a matched whole-unit suggestion can be accepted, rejected or corrected", () => {
    expect(choicesFor(suggestion())).toEqual({ accept: true, reject: true, correct: true });
  });
  it("an unmatched line or a fractional quantity must be corrected, not accepted", () => {
    expect(choicesFor(suggestion({ status: "unmatched", product_id: null, quantity: null })).accept).toBe(false);
    expect(choicesFor(suggestion({ quantity: 0.5 })).accept).toBe(false);
    expect(choicesFor(suggestion({ quantity: 0.5 })).correct).toBe(true);
  });
  it("a decided or in-flight suggestion offers nothing", () => {
    for (const status of ["accepting", "accepted", "rejected", "corrected"] as const) expect(choicesFor(suggestion({ status }))).toEqual({ accept: false, reject: false, correct: false });
  });
});

describe("reading suggestions", () => {
  it("sorts by chitty, then line", () => {
    const list = [suggestion({ id: "b", chitty_id: "c2", line_no: 1 }), suggestion({ id: "a2", line_no: 3 }), suggestion({ id: "a1", line_no: 2 })];
    expect(sortByLine(list).map((s) => s.id)).toEqual(["a1", "a2", "b"]);
  });
  it("formats confidence, bands and quantities", () => {
    expect(formatConfidence(0.8234)).toBe("82%");
    expect(formatConfidence(1.4)).toBe("100%");
    expect(confidenceBand(0.8)).toBe("high");
    expect(confidenceBand(0.6)).toBe("medium");
    expect(confidenceBand(0.3)).toBe("low");
    expect(formatQuantity(2, "1 kg")).toBe("2 × 1 kg");
    expect(formatQuantity(null, null)).toBe("—");
  });
  it("says the photo is not stored when it came through the API", () => {
    const base: Chitty = { id: "c", status: "processed", source: "image", storage_path: null, total_lines: 3, items_found: 2, message: "", failure_reason: null };
    expect(photoNote(base)).toMatch(/customer's photo/);
    expect(photoNote({ ...base, source: "text" })).toMatch(/typed list/);
    expect(photoNote({ ...base, storage_path: "chitties/s/o/u/a.jpg" })).toMatch(/customer's photo/);
  });
});
