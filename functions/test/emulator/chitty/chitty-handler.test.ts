import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { adminDb, uniqueId } from "../../helpers/emulators";
import { putProduct } from "../../helpers/products";
import { decideSuggestion, processChitty, type AddItemsToOrder } from "../../../src/chitty/chitty.handlers";
import type { OcrEngine } from "../../../src/chitty/chitty.ocr";
import { listAliases, listSuggestions, orderDocPath } from "../../../src/chitty/chitty.repository";
import { AppError } from "../../../src/platform/errors";
import { db } from "../../../src/platform/firebase";

// The code's Firestore handle applies its settings on first use: take it before the helpers' handle.
beforeAll(() => db());

/**
 * The chitty handler against the Firestore emulator. Orders are being built in parallel: the
 * order document here is a bare stand-in, and `addItemsToOrder` is a recording fake standing in
 * for the orders domain's function (prices and stock are its job). OCR is not needed for typed
 * lists; image inputs that fail before OCR use an engine that fails the test if it is reached.
 */

const CATALOG = [
  { sku: "AAS-ATTA-5KG", name: "Aashirvaad Shudh Chakki Atta 5 kg", unit: "5 kg", category: "Staples" },
  { sku: "AAS-ATTA-10KG", name: "Aashirvaad Shudh Chakki Atta 10 kg", unit: "10 kg", category: "Staples" },
  { sku: "TATA-SALT-1KG", name: "Tata Salt Iodised 1 kg", unit: "1 kg", category: "Staples" },
  { sku: "MAGGI-70G", name: "Maggi 2-Minute Masala Noodles 70 g", unit: "70 g", category: "Snacks" },
  { sku: "RED-LABEL-250G", name: "Red Label Tea 250 g", unit: "250 g", category: "Beverages" },
  { sku: "TATA-TEA-250G", name: "Tata Tea Premium 250 g", unit: "250 g", category: "Beverages" },
  { sku: "SUGAR-1KG", name: "Madhur Pure Sugar 1 kg", unit: "1 kg", category: "Staples" },
];

const neverCalled: OcrEngine = {
  name: "local",
  readLines: () => {
    throw new Error("OCR must not be reached for this input");
  },
};

async function shopWithCatalog(): Promise<{ shopId: string; orderId: string }> {
  const shopId = uniqueId("shop");
  const orderId = uniqueId("order");
  await Promise.all(CATALOG.map((p) => putProduct(shopId, { ...p, quantity: 50 })));
  await adminDb().doc(orderDocPath(orderId)).set({ shop_id: shopId, customer_id: "cust-1", status: "pending" });
  return { shopId, orderId };
}

function recordingAddItems(): { fn: AddItemsToOrder; calls: Parameters<AddItemsToOrder>[0][] } {
  const calls: Parameters<AddItemsToOrder>[0][] = [];
  const seen = new Set<string>();
  return {
    calls,
    fn: async (input) => {
      if (seen.has(input.idempotencyKey)) return; // idempotent per key, as the orders domain must be
      seen.add(input.idempotencyKey);
      calls.push(input);
    },
  };
}

const LIST = "aashirvaad aata 10 kg\nTata namak x2\nmaggi x4\nkali wali chai 250g\nRamesh ji\n98450 12345";

describe("processing a chitty into suggestions under the order (Firestore emulator)", () => {
  it("stores one suggestion per item line with quantity, unit, alternatives and confidence; non-item lines leave none", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    const result = await processChitty({ shopId, orderId, source: { kind: "text", text: LIST } });
    expect(result.outcome).toBe("processed");
    expect(result.chitty).toMatchObject({ status: "processed", total_lines: 6, items_found: 3, source: "text", message: "Found 3 items in 6 lines; please confirm them" });
    const suggestions = await listSuggestions(orderDocPath(orderId));
    const bySku = new Map(suggestions.map((s) => [s.doc.sku, s.doc]));
    expect(bySku.get("AAS-ATTA-10KG")).toMatchObject({ quantity: 1, unit: "10 kg", status: "suggested", product_id: "AAS-ATTA-10KG" });
    expect(bySku.get("TATA-SALT-1KG")).toMatchObject({ quantity: 2, status: "suggested" });
    expect(bySku.get("MAGGI-70G")).toMatchObject({ quantity: 4, status: "suggested" });
    const tea = suggestions.find((s) => s.doc.raw_text === "kali wali chai 250g")!.doc;
    expect(tea.status).toBe("unmatched");
    expect(tea.alternatives.map((a) => a.sku)).toEqual(expect.arrayContaining(["RED-LABEL-250G", "TATA-TEA-250G"]));
    expect(suggestions.some((s) => /Ramesh|98450/.test(s.doc.raw_text))).toBe(false);
    // Highest confidence first.
    const confidences = suggestions.map((s) => s.doc.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it("processing the same upload twice changes nothing the second time", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    const first = await processChitty({ shopId, orderId, source: { kind: "text", text: LIST } });
    const before = await adminDb().collection(`${orderDocPath(orderId)}/chitty_suggestions`).get();
    const second = await processChitty({ shopId, orderId, source: { kind: "text", text: LIST } });
    const after = await adminDb().collection(`${orderDocPath(orderId)}/chitty_suggestions`).get();
    expect(second).toMatchObject({ outcome: "duplicate", chittyId: first.chittyId });
    expect(after.docs.map((d) => [d.id, d.updateTime.toMillis()])).toEqual(before.docs.map((d) => [d.id, d.updateTime.toMillis()]));
  });

  it.each([
    ["a non-image", () => Promise.resolve(Buffer.from("this is not a photo")), "not_an_image"],
    ["a 20 MB file", () => Promise.resolve(randomBytes(20 * 1024 * 1024)), "too_large"],
    ["a blank photo", () => sharp({ create: { width: 600, height: 800, channels: 3, background: "#ffffff" } }).jpeg().toBuffer(), "blank_image"],
  ])("%s ends in a failed chitty with the reason, and no suggestions", async (_what, bytes, reason) => {
    const { shopId, orderId } = await shopWithCatalog();
    const result = await processChitty({ shopId, orderId, source: { kind: "image", bytes: await bytes() }, engine: neverCalled });
    expect(result.outcome).toBe("failed");
    expect(result.chitty).toMatchObject({ status: "failed", failure_reason: reason, lease_until: null });
    expect(await listSuggestions(orderDocPath(orderId))).toEqual([]);
  });

  it("a photo whose OCR finds no items (the cat) fails with no_items; a transient OCR error is rethrown for a retry", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#c08040" } })
      .composite([{ input: Buffer.from('<svg width="400" height="300"><circle cx="200" cy="150" r="90" fill="#603010"/></svg>') }])
      .jpeg()
      .toBuffer();
    const cat: OcrEngine = { name: "local", readLines: async () => ["~~", "meow"] };
    expect((await processChitty({ shopId, orderId, source: { kind: "image", bytes: photo }, engine: cat })).chitty).toMatchObject({ status: "failed", failure_reason: "no_items" });

    const flaky: OcrEngine = { name: "vision", readLines: async () => Promise.reject(new Error("503 UNAVAILABLE")) };
    const other = await sharp(photo).rotate(90).jpeg().toBuffer();
    await expect(processChitty({ shopId, orderId, source: { kind: "image", bytes: other }, engine: flaky })).rejects.toThrow("503");
    // The attempt holds a lease; a redelivery within it does not start a second reading.
    expect((await processChitty({ shopId, orderId, source: { kind: "image", bytes: other }, engine: flaky })).outcome).toBe("busy");
  });
});

describe("the shop accepts, rejects and corrects suggestions (orders' addItemsToOrder is a recording fake)", () => {
  it("accepting two and correcting one adds exactly those items once; the correction becomes an alias the next chitty uses", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    const orderPath = orderDocPath(orderId);
    await processChitty({ shopId, orderId, source: { kind: "text", text: LIST } });
    const suggestions = await listSuggestions(orderPath);
    const id = (pred: (s: (typeof suggestions)[number]["doc"]) => boolean) => suggestions.find((s) => pred(s.doc))!.id;
    const atta = id((s) => s.sku === "AAS-ATTA-10KG");
    const salt = id((s) => s.sku === "TATA-SALT-1KG");
    const maggi = id((s) => s.sku === "MAGGI-70G");
    const tea = id((s) => s.raw_text === "kali wali chai 250g");
    const add = recordingAddItems();
    const actor = { shopId, orderId, actorId: "staff-1" };

    await decideSuggestion({ ...actor, suggestionId: atta, decision: { action: "accept" } }, { addItemsToOrder: add.fn });
    await decideSuggestion({ ...actor, suggestionId: salt, decision: { action: "accept" } }, { addItemsToOrder: add.fn });
    await decideSuggestion({ ...actor, suggestionId: salt, decision: { action: "accept" } }, { addItemsToOrder: add.fn }); // a double tap
    const corrected = await decideSuggestion({ ...actor, suggestionId: tea, decision: { action: "correct", productId: "RED-LABEL-250G", quantity: 2 } }, { addItemsToOrder: add.fn });
    const rejected = await decideSuggestion({ ...actor, suggestionId: maggi, decision: { action: "reject" } }, { addItemsToOrder: add.fn });

    expect(add.calls.map((c) => c.items[0])).toEqual([
      { product_id: "AAS-ATTA-10KG", quantity: 1 },
      { product_id: "TATA-SALT-1KG", quantity: 2 },
      { product_id: "RED-LABEL-250G", quantity: 2 },
    ]);
    expect(add.calls.every((c) => c.orderId === orderId && c.shopId === shopId && c.actorId === "staff-1")).toBe(true);
    expect(corrected).toMatchObject({ status: "corrected", final_product_id: "RED-LABEL-250G", final_quantity: 2, decided_by: "staff-1" });
    expect(rejected.status).toBe("rejected");
    await expect(decideSuggestion({ ...actor, suggestionId: maggi, decision: { action: "accept" } }, { addItemsToOrder: add.fn })).rejects.toThrow(/already rejected/);

    const aliases = await listAliases(shopId);
    // The alias is the line's name words (filler such as "wali" dropped), keyed by their phonetic key.
    expect(aliases).toEqual([expect.objectContaining({ text: "kali chai", product_id: "RED-LABEL-250G", created_by: "staff-1", uses: 1 })]);

    // The next chitty of this shop reads the customer's words as the shop taught it.
    const nextOrder = uniqueId("order");
    await adminDb().doc(orderDocPath(nextOrder)).set({ shop_id: shopId, status: "pending" });
    await processChitty({ shopId, orderId: nextOrder, source: { kind: "text", text: "Kali wali chai 250 g x 3" } });
    const [next] = await listSuggestions(orderDocPath(nextOrder));
    expect(next.doc).toMatchObject({ status: "suggested", sku: "RED-LABEL-250G", quantity: 3 });
  });

  it("a correction to a product the shop does not have is refused, and nothing is added", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    await processChitty({ shopId, orderId, source: { kind: "text", text: "maggi x2" } });
    const [s] = await listSuggestions(orderDocPath(orderId));
    const add = recordingAddItems();
    await expect(decideSuggestion({ shopId, orderId, actorId: "u", suggestionId: s.id, decision: { action: "correct", productId: "NOPE", quantity: 1 } }, { addItemsToOrder: add.fn })).rejects.toThrow(AppError);
    expect(add.calls).toEqual([]);
  });

  it("when the order refuses the item (short stock), the suggestion goes back to suggested", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    await processChitty({ shopId, orderId, source: { kind: "text", text: "maggi x2" } });
    const [s] = await listSuggestions(orderDocPath(orderId));
    const short: AddItemsToOrder = async () => {
      throw new AppError("CONFLICT", "Not enough stock", { short: [{ product_id: "MAGGI-70G", available: 1 }] });
    };
    await expect(decideSuggestion({ shopId, orderId, actorId: "u", suggestionId: s.id, decision: { action: "accept" } }, { addItemsToOrder: short })).rejects.toThrow("Not enough stock");
    const [after] = await listSuggestions(orderDocPath(orderId));
    expect(after.doc).toMatchObject({ status: "suggested", final_product_id: null, decided_by: null });
  });

  it("an unknown suggestion id is NOT_FOUND", async () => {
    const { shopId, orderId } = await shopWithCatalog();
    await expect(decideSuggestion({ shopId, orderId, actorId: "u", suggestionId: "nope", decision: { action: "reject" } }, { addItemsToOrder: recordingAddItems().fn })).rejects.toMatchObject({ kind: "NOT_FOUND" });
  });
});
