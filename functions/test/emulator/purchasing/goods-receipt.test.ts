import { readFileSync } from "node:fs";
import path from "node:path";
import { call, expectErrorShape, newStaff, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { ledgerSum, quantityOf, shopWithProducts } from "../../helpers/orders";
import { db } from "../../../src/platform/firebase";

// Real OCR (the local PaddleOCR engine in the functions emulator) on a bill rendered by
// tools/purchasing/generate-invoices.ts; OCR is slow on two cores, so this file reads one bill.
jest.setTimeout(240_000);

beforeAll(() => {
  db();
});

const FIXTURES = path.resolve(__dirname, "../../fixtures/purchasing");

function billForm(file: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(readFileSync(path.join(FIXTURES, file)))], { type: "image/png" }), file);
  return form;
}

const upload = (user: TestUser, poId: string, form: FormData) => call("POST", `/v1/purchase-orders/${poId}/invoices`, { token: user.token, rawBody: form });

describe("goods receipt from the distributor's bill", () => {
  test("a photographed bill is read by OCR, matched line by line with its differences, and accepted lines book stock once", async () => {
    const owner = await shopWithProducts([
      { sku: "TATA-SALT-1KG", quantity: 1, name: "Tata Salt 1 kg" },
      { sku: "ATTA-5KG", quantity: 0, name: "Aashirvaad Atta 5 kg" },
      { sku: "PARLE-G-800G", quantity: 0, name: "Parle-G Biscuits 800 g" },
      { sku: "SURF-1KG", quantity: 0, name: "Surf Excel Easy Wash 1 kg" },
      { sku: "GHEE-1L", quantity: 0, name: "Amul Ghee 1 L" },
    ]);
    const supplier = await call("POST", "/v1/suppliers", {
      token: owner.token,
      body: {
        name: "Sri Lakshmi Agencies",
        phone: "9845012345",
        gstin: "29AAGCB7383J1Z4",
        lead_time_days: 2,
        items: [
          { sku: "TATA-SALT-1KG", name: "Tata Salt 1 kg", buying_price: 22, pack_size: 12 },
          { sku: "ATTA-5KG", name: "Aashirvaad Atta 5 kg", buying_price: 235 },
          { sku: "SURF-1KG", name: "Surf Excel Easy Wash 1 kg", buying_price: 120, pack_size: 6 },
          { sku: "GHEE-1L", name: "Amul Ghee 1 L", buying_price: 560 },
        ],
      },
    });
    const draft = await call("POST", "/v1/purchase-orders", {
      token: owner.token,
      body: { supplier_id: supplier.body.id, lines: [{ product_id: "TATA-SALT-1KG", quantity: 24 }, { product_id: "ATTA-5KG", quantity: 12 }, { product_id: "SURF-1KG", quantity: 6 }, { product_id: "GHEE-1L", quantity: 5 }] },
    });
    const poId = draft.body.id as string;
    // A bill for a draft is refused before any OCR runs.
    expectErrorShape(await upload(owner, poId, billForm("invoice-1.png")), 409);
    await call("POST", `/v1/purchase-orders/${poId}/send`, { token: owner.token, body: {} });
    // Staff may not upload the bill; a non-image is refused.
    const staff = await newStaff(owner);
    expectErrorShape(await upload(staff, poId, billForm("invoice-1.png")), 403);
    const text = new FormData();
    text.append("file", new Blob(["not an image"], { type: "image/png" }), "x.png");
    expectErrorShape(await upload(owner, poId, text), 415);

    const read = await upload(owner, poId, billForm("invoice-1.png"));
    expect(read.status).toBe(201);
    expect(read.body).toMatchObject({ po_id: poId, ocr_engine: "local", duplicate: false });
    const byItem = new Map<string, any>(read.body.lines.map((l: { match: { product_id: string } | null; item_text: string }) => [l.match?.product_id ?? l.item_text, l]));
    // The bill's four lines, with the numbers printed on it (the generator's labels).
    expect(read.body.lines).toHaveLength(4);
    expect(byItem.get("TATA-SALT-1KG")).toMatchObject({ quantity: 24, rate_paise: 2200, amount_paise: 52800, differences: [], decision: "pending" });
    expect(byItem.get("ATTA-5KG")).toMatchObject({ quantity: 10, rate_paise: 23500, expected_qty: 12, differences: ["short"] });
    expect(byItem.get("SURF-1KG")).toMatchObject({ quantity: 6, rate_paise: 12500, expected_rate_paise: 12000, differences: ["price_changed"] });
    const parle = read.body.lines.find((l: { match: unknown }) => l.match === null);
    expect(parle).toMatchObject({ quantity: 12, rate_paise: 9000, differences: ["unknown_item"] });
    expect(parle.item_text).toMatch(/parle/i);
    expect(read.body.missing).toEqual([{ line_id: "L4", product_id: "GHEE-1L", sku: "GHEE-1L", name: "Amul Ghee 1 L", outstanding_qty: 5 }]);

    // The same photo again is the same reading (no second OCR record).
    const again = await upload(owner, poId, billForm("invoice-1.png"));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: read.body.id, duplicate: true });

    const lineUrl = (l: { line_no: number }, action: string) => `/v1/purchase-orders/${poId}/invoices/${read.body.id}/lines/${l.line_no}/${action}`;
    // Accepting the salt line twice (a retry) books it once.
    const salt = byItem.get("TATA-SALT-1KG");
    for (let i = 0; i < 2; i++) expect((await call("POST", lineUrl(salt, "accept"), { token: owner.token, body: {} })).status).toBe(200);
    expect(await quantityOf(owner.shopId, "TATA-SALT-1KG")).toBe(25);
    expect(await ledgerSum(owner.shopId, "TATA-SALT-1KG", "receipt")).toEqual({ sum: 24, count: 1 });
    // The new price on the bill becomes the supplier's price when the owner says so.
    await call("POST", lineUrl(byItem.get("SURF-1KG"), "accept"), { token: owner.token, body: { update_buying_price: true } });
    expect((await adminDb().doc(`suppliers/${supplier.body.id}/items/SURF-1KG`).get()).get("buying_price_paise")).toBe(12500);
    // An unknown item needs the owner to name the product; then it books as a line added on receipt.
    expectErrorShape(await call("POST", lineUrl(parle, "accept"), { token: owner.token, body: {} }), 400);
    const named = await call("POST", lineUrl(parle, "accept"), { token: owner.token, body: { product_id: "PARLE-G-800G" } });
    expect(named.status).toBe(200);
    expect(await quantityOf(owner.shopId, "PARLE-G-800G")).toBe(12);
    // A rejected line books nothing and cannot be accepted afterwards.
    const atta = byItem.get("ATTA-5KG");
    expect((await call("POST", lineUrl(atta, "reject"), { token: owner.token })).body.lines.find((l: { line_no: number }) => l.line_no === atta.line_no).decision).toBe("rejected");
    expectErrorShape(await call("POST", lineUrl(atta, "accept"), { token: owner.token, body: {} }), 409);
    expect(await quantityOf(owner.shopId, "ATTA-5KG")).toBe(0);
    expectErrorShape(await call("POST", lineUrl(salt, "reject"), { token: owner.token }), 409);

    const po = (await call("GET", `/v1/purchase-orders/${poId}`, { token: owner.token })).body;
    expect(po.status).toBe("partly_received");
    expect(po.receipts).toHaveLength(3);
    const stored = await call("GET", `/v1/purchase-orders/${poId}/invoices/${read.body.id}`, { token: staff.token });
    expect(stored.body.lines.map((l: { decision: string }) => l.decision).sort()).toEqual(["accepted", "accepted", "accepted", "rejected"]);
  });
});
