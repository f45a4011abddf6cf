import { AppError } from "../../../src/platform/errors";
import { planDecision, processedMessage } from "../../../src/chitty/chitty.service";
import type { SuggestionDoc } from "../../../src/chitty/chitty.schema";
import { CorrectSuggestionBody } from "../../../src/chitty/chitty.schema";

const base: SuggestionDoc = {
  shop_id: "s",
  order_id: "o",
  chitty_id: "c",
  line_no: 1,
  raw_text: "aata 5 kg",
  name_text: "aata",
  product_id: "AAS-SHU-CHA-5KG",
  sku: "AAS-SHU-CHA-5KG",
  product_name: "Aashirvaad Shudh Chakki Atta 5 kg",
  quantity: 1,
  unit: "5 kg",
  confidence: 0.9,
  alternatives: [],
  status: "suggested",
  final_product_id: null,
  final_quantity: null,
  decided_by: null,
  decided_at: null,
  created_at: new Date(0),
};

describe("suggestion decisions", () => {
  it("accepting puts the suggested product and quantity into the order", () => {
    expect(planDecision(base, { action: "accept" })).toEqual({ productId: "AAS-SHU-CHA-5KG", quantity: 1 });
  });

  it("an unmatched line cannot be accepted, only corrected", () => {
    const unmatched = { ...base, status: "unmatched" as const, product_id: null, sku: null, quantity: null };
    expect(() => planDecision(unmatched, { action: "accept" })).toThrow(AppError);
    expect(planDecision(unmatched, { action: "correct", productId: "X", quantity: 2 })).toEqual({ productId: "X", quantity: 2 });
  });

  it("a rejected suggestion cannot be accepted afterwards, and rejecting twice is a no-op", () => {
    const rejected = { ...base, status: "rejected" as const };
    expect(() => planDecision(rejected, { action: "accept" })).toThrow(/already rejected/);
    expect(planDecision(rejected, { action: "reject" })).toBeNull();
  });

  it("an accepted suggestion cannot be rejected or corrected to something else", () => {
    const accepted = { ...base, status: "accepted" as const, final_product_id: base.product_id, final_quantity: 1 };
    expect(() => planDecision(accepted, { action: "reject" })).toThrow(/already accepted/);
    expect(() => planDecision(accepted, { action: "correct", productId: "Y", quantity: 1 })).toThrow(/already accepted/);
  });

  it.each([[0], [-1], [1001], [1.005], [Number.NaN]])("a correction's quantity %d is refused", (quantity) => {
    expect(CorrectSuggestionBody.safeParse({ product_id: "A", quantity }).success).toBe(false);
  });

  it("refuses unknown fields and odd product ids in a correction", () => {
    expect(CorrectSuggestionBody.safeParse({ product_id: "A", quantity: 1, price: 0 }).success).toBe(false);
    expect(CorrectSuggestionBody.safeParse({ product_id: "../x", quantity: 1 }).success).toBe(false);
  });

  it("the chitty_processed message says how many items were found", () => {
    expect(processedMessage(3, 5)).toBe("Found 3 items in 5 lines; please confirm them");
    expect(processedMessage(0, 2)).toMatch(/no item matched/);
  });
});
