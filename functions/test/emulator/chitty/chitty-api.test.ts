import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { call, expectErrorShape, newCustomer, newOwner, newStaff, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { ledgerSum, placeOrder, quantityOf } from "../../helpers/orders";
import { putProduct } from "../../helpers/products";

/**
 * The chitty flow over real HTTP to the functions emulator: upload → suggestions → the shop's
 * decisions → items in the order with server prices and stock taken. The photo is read by the
 * real local OCR engine inside the emulator's worker (PaddleOCR on ONNX Runtime).
 */

jest.setTimeout(180_000);

const FIXTURE = readFileSync(path.resolve(__dirname, "../../fixtures/chitty/list-comic.jpg")); // Aashirvaad atta 5 kg / Tata namak 1 kg / maggi x4 / cheeni 2 kg / Ramesh ji

const CATALOG = [
  { sku: "AAS-ATTA-5KG", name: "Aashirvaad Shudh Chakki Atta 5 kg", unit: "5 kg", price: 26500 },
  { sku: "AAS-ATTA-10KG", name: "Aashirvaad Shudh Chakki Atta 10 kg", unit: "10 kg", price: 51000 },
  { sku: "TATA-SALT-1KG", name: "Tata Salt Iodised 1 kg", unit: "1 kg", price: 2800 },
  { sku: "MAGGI-70G", name: "Maggi 2-Minute Masala Noodles 70 g", unit: "70 g", price: 1400 },
  { sku: "SUGAR-1KG", name: "Madhur Pure Sugar 1 kg", unit: "1 kg", price: 5200 },
  { sku: "SUGAR-5KG", name: "Madhur Pure Sugar 5 kg", unit: "5 kg", price: 25500 },
  { sku: "RED-LABEL-250G", name: "Red Label Tea 250 g", unit: "250 g", price: 14000 },
];
const PRICE = new Map(CATALOG.map((p) => [p.sku, p.price]));

async function shopWithCatalog(): Promise<TestUser & { shopId: string }> {
  const owner = await newOwner();
  for (const p of CATALOG) await putProduct(owner.shopId, { sku: p.sku, name: p.name, unit: p.unit, category: "Staples", quantity: 40, unit_price_paise: p.price });
  return owner;
}

function photoForm(bytes: Buffer, type = "image/jpeg", name = "list.jpg"): FormData {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

const upload = (user: TestUser, orderId: string, form: FormData) => call("POST", `/v1/orders/${orderId}/chitty`, { token: user.token, rawBody: form });
const uploadText = (user: TestUser, orderId: string, text: string) => call("POST", `/v1/orders/${orderId}/chitty`, { token: user.token, rawBody: text, contentType: "text/plain; charset=utf-8" });
const suggestions = (user: TestUser, orderId: string) => call("GET", `/v1/orders/${orderId}/suggestions`, { token: user.token });
const decide = (user: TestUser, orderId: string, sid: string, action: string, body?: unknown) => call("POST", `/v1/orders/${orderId}/suggestions/${sid}/${action}`, { token: user.token, body });

async function chittyOrder(owner: { shopId: string }, customer: TestUser): Promise<string> {
  const res = await placeOrder(customer, { shop_id: owner.shopId, has_chitty: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Everything the chitty flow may write for an order: its chitties, suggestions, the order's version, and the shop members' chitty notifications. */
async function footprint(orderId: string, memberIds: string[]) {
  const [chitties, suggested, order] = await Promise.all([
    adminDb().collection(`orders/${orderId}/chitties`).get(),
    adminDb().collection(`orders/${orderId}/chitty_suggestions`).get(),
    adminDb().doc(`orders/${orderId}`).get(),
  ]);
  let notifications = 0;
  for (const uid of memberIds) notifications += (await adminDb().collection(`users/${uid}/notifications`).where("type", "==", "chitty_processed").where("order_id", "==", orderId).get()).size;
  return { chitties: chitties.size, suggestions: suggested.size, version: order.get("version"), items: order.get("items"), notifications };
}

describe("a chitty photo into the order over HTTP (real local OCR in the functions emulator)", () => {
  test("upload → suggestions → the shop accepts two and corrects one → the order holds them at server prices with stock taken; the same bytes again change nothing; one notification", async () => {
    const owner = await shopWithCatalog();
    const staff = await newStaff(owner);
    const customer = await newCustomer();
    const orderId = await chittyOrder(owner, customer);

    const uploaded = await upload(customer, orderId, photoForm(FIXTURE));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ order_id: orderId, status: "processed", source: "image", duplicate: false, ocr_engine: "local" });
    expect(uploaded.body.items_found).toBeGreaterThanOrEqual(3);
    // A small upright JPEG of the photo is kept beside the chitty for the shop's review screen.
    const preview = (await adminDb().doc(`orders/${orderId}/chitty_previews/${uploaded.body.id}`).get()).data()!;
    expect(preview).toMatchObject({ content_type: "image/jpeg" });
    expect(Buffer.from(preview.bytes).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(Math.max(preview.width, preview.height)).toBeLessThanOrEqual(1000);

    const listed = await suggestions(customer, orderId);
    expect(listed.status).toBe(200);
    const items = listed.body.items as Array<Record<string, any>>;
    const confidences = items.map((s) => s.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    const bySku = (sku: string) => items.find((s) => s.sku === sku);
    expect(bySku("AAS-ATTA-5KG")).toMatchObject({ quantity: 1, unit: "5 kg", status: "suggested" });
    expect(bySku("TATA-SALT-1KG")).toMatchObject({ quantity: 1, status: "suggested" });
    const sugarLine = items.find((s) => /ch[ei]+n[iy]/i.test(s.raw_text))!;
    expect(sugarLine).toBeDefined();
    expect(items.some((s) => /ramesh/i.test(s.raw_text))).toBe(false);

    const atta = await decide(staff, orderId, bySku("AAS-ATTA-5KG")!.id, "accept");
    expect(atta.status).toBe(200);
    expect(atta.body).toMatchObject({ status: "accepted", final_product_id: "AAS-ATTA-5KG", final_quantity: 1, decided_by: staff.uid });
    expect((await decide(owner, orderId, bySku("TATA-SALT-1KG")!.id, "accept")).status).toBe(200);
    expect((await decide(owner, orderId, bySku("TATA-SALT-1KG")!.id, "accept")).status).toBe(200); // a double tap adds nothing
    const corrected = await decide(staff, orderId, sugarLine.id, "correct", { product_id: "SUGAR-5KG", quantity: 1 });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: "corrected", final_product_id: "SUGAR-5KG", final_quantity: 1 });

    const order = (await call("GET", `/v1/orders/${orderId}`, { token: customer.token })).body;
    const lines = new Map((order.items as Array<Record<string, any>>).map((l) => [l.product_id, l]));
    expect([...lines.keys()].sort()).toEqual(["AAS-ATTA-5KG", "SUGAR-5KG", "TATA-SALT-1KG"]);
    expect(lines.get("TATA-SALT-1KG")).toMatchObject({ quantity: 1 });
    const expectedPaise = PRICE.get("AAS-ATTA-5KG")! + PRICE.get("TATA-SALT-1KG")! + PRICE.get("SUGAR-5KG")!;
    expect(order).toMatchObject({ awaiting_chitty: false, total_amount_paise: expectedPaise, item_count: 3 });
    for (const sku of ["AAS-ATTA-5KG", "TATA-SALT-1KG", "SUGAR-5KG"]) {
      expect(await quantityOf(owner.shopId, sku)).toBe(39);
      expect(await ledgerSum(owner.shopId, sku, "order")).toEqual({ sum: -1, count: 1 });
    }
    expect(await quantityOf(owner.shopId, "SUGAR-1KG")).toBe(40);

    const aliases = await adminDb().collection(`shops/${owner.shopId}/chitty_aliases`).get();
    expect(aliases.docs.map((d) => d.get("product_id"))).toEqual(["SUGAR-5KG"]);

    const members = [owner.uid, staff.uid];
    const before = await footprint(orderId, members);
    expect(before.notifications).toBe(2); // one chitty_processed per member for the one run
    const again = await upload(customer, orderId, photoForm(FIXTURE, "image/jpeg", "same-photo-renamed.jpg"));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: uploaded.body.id, duplicate: true });
    expect(await footprint(orderId, members)).toEqual(before);
    const notes = await adminDb().collection(`users/${owner.uid}/notifications`).where("type", "==", "chitty_processed").get();
    expect(notes.docs.map((d) => d.get("data"))).toEqual([{ order_id: orderId, items_found: uploaded.body.items_found, total_lines: uploaded.body.total_lines, message: uploaded.body.message }]);
  });
});

describe("a typed list (text/plain) and who may do what", () => {
  test("a typed list runs the same pipeline; the customer and the shop read the suggestions; only the shop decides, only the customer uploads", async () => {
    const owner = await shopWithCatalog();
    const customer = await newCustomer();
    const orderId = await chittyOrder(owner, customer);
    const res = await uploadText(customer, orderId, "maggi x4\nTata namak 1 kg\nRamesh ji");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "processed", source: "text", total_lines: 3, items_found: 2, ocr_engine: null });
    const byCustomer = await suggestions(customer, orderId);
    const byOwner = await suggestions(owner, orderId);
    expect(byOwner.body).toEqual(byCustomer.body);
    const maggi = (byCustomer.body.items as Array<Record<string, any>>).find((s) => s.sku === "MAGGI-70G")!;
    expect(maggi).toMatchObject({ quantity: 4, raw_text: "maggi x4", product_name: "Maggi 2-Minute Masala Noodles 70 g" });

    expectErrorShape(await decide(customer, orderId, maggi.id, "accept"), 403);
    expectErrorShape(await uploadText(owner, orderId, "maggi x2"), 403);
    expectErrorShape(await decide(owner, orderId, "c_nope_001", "accept"), 404);
    expectErrorShape(await decide(owner, orderId, maggi.id, "correct", { product_id: "NOPE", quantity: 1 }), 400);
    expectErrorShape(await decide(owner, orderId, maggi.id, "correct", { product_id: "MAGGI-70G", quantity: 1.5 }), 400);
    expect((await decide(owner, orderId, maggi.id, "reject")).body).toMatchObject({ status: "rejected" });
    expectErrorShape(await decide(owner, orderId, maggi.id, "accept"), 409);
    expect((await call("GET", `/v1/orders/${orderId}`, { token: customer.token })).body).toMatchObject({ items: [], awaiting_chitty: true });
  });

  test("another customer and another shop's owner get 404 on every chitty route of the order, and nothing is written", async () => {
    const owner = await shopWithCatalog();
    const customer = await newCustomer();
    const stranger = await newCustomer();
    const otherOwner = await newOwner();
    const orderId = await chittyOrder(owner, customer);
    await uploadText(customer, orderId, "maggi x4");
    const sid = (await suggestions(customer, orderId)).body.items[0].id as string;
    const before = await footprint(orderId, [owner.uid]);
    for (const who of [stranger, otherOwner]) {
      expectErrorShape(await upload(who, orderId, photoForm(FIXTURE)), 404);
      expectErrorShape(await uploadText(who, orderId, "tata namak"), 404);
      expectErrorShape(await suggestions(who, orderId), 404);
      expectErrorShape(await decide(who, orderId, sid, "accept"), 404);
    }
    expect(await footprint(orderId, [owner.uid])).toEqual(before);
  });
});

describe("bad uploads are refused with a 4xx and nothing written", () => {
  test.each([
    ["a text file posing as a photo", () => photoForm(Buffer.from("aashirvaad atta 5 kg\n"), "image/jpeg", "list.jpg"), 415],
    ["a 20 MB body", () => photoForm(randomBytes(20 * 1024 * 1024)), 413],
    ["a multipart body with no file field", () => { const f = new FormData(); f.append("note", "hi"); return f; }, 400],
  ])("%s", async (_what, form, status) => {
    const owner = await shopWithCatalog();
    const customer = await newCustomer();
    const orderId = await chittyOrder(owner, customer);
    const before = await footprint(orderId, [owner.uid]);
    expectErrorShape(await upload(customer, orderId, form()), status);
    expect(await footprint(orderId, [owner.uid])).toEqual({ ...before, chitties: 0, suggestions: 0, notifications: 0 });
  });

  test("an empty typed list, a list over 10,000 characters, a body that is not UTF-8 and a JSON body are refused", async () => {
    const owner = await shopWithCatalog();
    const customer = await newCustomer();
    const orderId = await chittyOrder(owner, customer);
    expectErrorShape(await uploadText(customer, orderId, "  \n "), 400);
    expectErrorShape(await uploadText(customer, orderId, "maggi x1\n".repeat(2000)), 413);
    expectErrorShape(await call("POST", `/v1/orders/${orderId}/chitty`, { token: customer.token, rawBody: Buffer.from([0x6d, 0xff, 0xfe, 0x61]), contentType: "text/plain" }), 415);
    expectErrorShape(await call("POST", `/v1/orders/${orderId}/chitty`, { token: customer.token, body: { text: "maggi x2" } }), 415);
    expect(await footprint(orderId, [owner.uid])).toMatchObject({ chitties: 0, suggestions: 0, notifications: 0 });
  });
});
