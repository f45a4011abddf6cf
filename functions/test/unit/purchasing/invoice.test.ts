import { moneyToPaise, parseInvoiceRows, textLinesToRows } from "../../../src/purchasing/invoice.parse";
import { compareInvoice } from "../../../src/purchasing/invoice.match";
import { boxesToRows } from "../../../src/chitty/chitty.ocr";
import { visionResponseToBoxes } from "../../../src/chitty/chitty.ocr-vision";
import type { PoLineDoc } from "../../../src/purchasing/purchase-orders.schema";
import type { SupplierItemDoc } from "../../../src/purchasing/suppliers.schema";

const line = (over: Partial<PoLineDoc> & { line_id: string; product_id: string; name: string }): PoLineDoc => ({
  sku: over.product_id,
  ordered_qty: 12,
  received_qty: 0,
  unit_cost_paise: 2000,
  pack_size: 12,
  added_on_receipt: false,
  ...over,
});
const item = (name: string, price: number): SupplierItemDoc => ({ sku: name.split(" ")[0].toUpperCase(), name, buying_price_paise: price, pack_size: 1, updated_at: new Date() });

describe("reading a bill's rows", () => {
  test.each([
    ["1,250.00", 125000],
    ["Rs.45", 4500],
    ["₹20.5", 2050],
    ["45,50", 4550],
    ["12", 1200],
    ["abc", null],
    ["1.234", null],
  ])("money %s → %s paise", (text, paise) => {
    expect(moneyToPaise(text)).toBe(paise);
  });

  test("item lines keep item, quantity, rate and amount; header, serial numbers, HSN codes, tax and totals are left out", () => {
    const lines = parseInvoiceRows(
      textLinesToRows([
        "SRI LAKSHMI AGENCIES TAX INVOICE",
        "GSTIN: 29AAGCB7383J1Z4 Date: 18-11-2026",
        "S.No Item HSN Qty Rate Amount",
        "1 Tata Salt 1kg 2501 24 22.00 528.00",
        "2 Parle-G Biscuits 800g 1905 12 90.00 1,080.00",
        "Sub Total 1,608.00",
        "CGST 2.5% 40.20",
        "Grand Total 1,688.40",
      ]),
    );
    expect(lines).toEqual([
      expect.objectContaining({ line_no: 1, item_text: "Tata Salt 1kg", quantity: 24, rate_paise: 2200, amount_paise: 52800, arithmetic_ok: true }),
      expect.objectContaining({ line_no: 2, item_text: "Parle-G Biscuits 800g", quantity: 12, rate_paise: 9000, amount_paise: 108000, arithmetic_ok: true }),
    ]);
  });

  test("quantity and rate are not swapped when both products agree (12 × 90 = 90 × 12): reading order decides", () => {
    const [l] = parseInvoiceRows([[{ text: "S.No Item HSN Qty Rate Amount", x: 60, xEnd: 1160 }], [{ text: "3 Parle-G Biscuits 800g 1905 12 90.00 1,080.00", x: 60, xEnd: 1157 }]]);
    expect(l).toMatchObject({ quantity: 12, rate_paise: 9000 });
  });

  test("cells placed by position (per-word boxes) are taken from the column they sit under, skipping other numbers", () => {
    const header = [
      { text: "Item", x: 130, xEnd: 190 },
      { text: "Disc", x: 620, xEnd: 680 },
      { text: "Qty", x: 770, xEnd: 800 },
      { text: "Rate", x: 900, xEnd: 960 },
      { text: "Amount", x: 1040, xEnd: 1140 },
    ];
    const row = [
      { text: "Toor", x: 130, xEnd: 190 },
      { text: "Dal", x: 200, xEnd: 240 },
      { text: "5", x: 640, xEnd: 655 },
      { text: "8", x: 785, xEnd: 800 },
      { text: "160.00", x: 880, xEnd: 960 },
      { text: "1,280.00", x: 1040, xEnd: 1140 },
    ];
    expect(parseInvoiceRows([header, row])).toEqual([expect.objectContaining({ item_text: "Toor Dal", quantity: 8, rate_paise: 16000, amount_paise: 128000 })]);
  });

  test("a misread quantity is derived from amount ÷ rate and flagged; rows whose numbers never agree are not items", () => {
    const lines = parseInvoiceRows(textLinesToRows(["Maggi Noodles 280g 1902 3O 52.00 1,560.00", "Fortune Oil 1L 7 148.00 999.00"]));
    expect(lines).toEqual([expect.objectContaining({ item_text: "Maggi Noodles 280g", quantity: 30, arithmetic_ok: false })]);
  });
});

describe("Cloud Vision's word boxes (the production engine; a recorded-shape response, Vision is unreachable here)", () => {
  test("words become positioned boxes, rows group them, and the columns give quantity, rate and amount", () => {
    const word = (text: string, x: number, y: number, w = text.length * 12) => ({ symbols: [...text].map((c) => ({ text: c })), boundingBox: { vertices: [{ x, y }, { x: x + w, y }, { x: x + w, y: y + 24 }, { x, y: y + 24 }] } });
    const header = [word("Item", 130, 100), word("Qty", 770, 100), word("Rate", 900, 100), word("Amount", 1040, 100)];
    const row = [word("1", 60, 150), word("Toor", 130, 151), word("Dal", 200, 150), word("0713", 610, 150), word("8", 790, 151), word("160.00", 890, 150), word("1,280.00", 1040, 152)];
    const response = { fullTextAnnotation: { text: "", pages: [{ blocks: [{ paragraphs: [{ words: [...header, ...row] }] }] }] } };
    const rows = boxesToRows(visionResponseToBoxes(response));
    expect(rows).toHaveLength(2);
    expect(parseInvoiceRows(rows)).toEqual([expect.objectContaining({ item_text: "Toor Dal", quantity: 8, rate_paise: 16000, amount_paise: 128000, arithmetic_ok: true })]);
  });
});

describe("matching bill lines to the order and the supplier's items", () => {
  const poLines = [
    line({ line_id: "L1", product_id: "TATA-SALT-1KG", name: "Tata Salt 1 kg", ordered_qty: 24, unit_cost_paise: 2200 }),
    line({ line_id: "L2", product_id: "ATTA-5KG", name: "Aashirvaad Atta 5 kg", ordered_qty: 10, unit_cost_paise: 23500 }),
    line({ line_id: "L3", product_id: "PARLE-G-800G", name: "Parle-G Biscuits 800 g", ordered_qty: 12, unit_cost_paise: 9000 }),
    line({ line_id: "L4", product_id: "SURF-1KG", name: "Surf Excel Easy Wash 1 kg", ordered_qty: 6, unit_cost_paise: 12500 }),
  ];
  const items = new Map<string, SupplierItemDoc>([
    ["TATA-SALT-1KG", item("Tata Salt 1 kg", 2200)],
    ["MAGGI-280G", item("Maggi Noodles 280 g", 5000)],
  ]);
  const bill = (item_text: string, quantity: number, rate: number, line_no = 1) => ({ line_no, raw_text: item_text, item_text, quantity, rate_paise: rate, amount_paise: quantity * rate, arithmetic_ok: true });

  test.each([
    ["exact order", bill("Tata Salt 1kg", 24, 2200), "L1", []],
    ["short", bill("Aashirvaad Atta 5kg", 8, 23500), "L2", ["short"]],
    ["over", bill("Parle-G Biscuits 800g", 24, 9000), "L3", ["over"]],
    ["price changed", bill("Surf Excel Easy Wash 1kg", 6, 13000), "L4", ["price_changed"]],
    ["short at a new price", bill("Surf Exel Easy Wash", 3, 13000), "L4", ["short", "price_changed"]],
    ["OCR-mangled name", bill("Aashirvad Ata 5kg", 10, 23500), "L2", []],
    ["SKU printed on the bill", bill("SURF-1KG detergent", 6, 12500), "L4", []],
  ])("%s", (_name, inv, lineId, differences) => {
    const { lines } = compareInvoice([inv], poLines, items);
    expect(lines[0].match).toMatchObject({ kind: "po_line", line_id: lineId });
    expect(lines[0].differences).toEqual(differences);
  });

  test("an item the supplier lists but the order lacks is extra (with its price checked); an unknown item has no match", () => {
    const { lines } = compareInvoice([bill("Maggi Noodles 280g", 30, 5200, 1), bill("Kissan Jam 500g", 2, 15000, 2)], poLines, items);
    expect(lines[0]).toMatchObject({ match: { kind: "supplier_item", product_id: "MAGGI-280G", line_id: null }, differences: ["extra", "price_changed"], expected_rate_paise: 5000 });
    expect(lines[1]).toMatchObject({ match: null, differences: ["unknown_item"] });
  });

  test("ordered lines the bill does not mention are listed as missing with what is outstanding", () => {
    const partly = poLines.map((l) => (l.line_id === "L4" ? { ...l, received_qty: 2 } : l));
    const { missing } = compareInvoice([bill("Tata Salt 1kg", 24, 2200)], partly, items);
    expect(missing.map((m) => [m.line_id, m.outstanding_qty])).toEqual([
      ["L2", 10],
      ["L3", 12],
      ["L4", 4],
    ]);
  });

  test("differences compare with what is still outstanding, not the original order", () => {
    const partly = poLines.map((l) => (l.line_id === "L1" ? { ...l, received_qty: 20 } : l));
    const { lines } = compareInvoice([bill("Tata Salt 1kg", 4, 2200)], partly, items);
    expect(lines[0]).toMatchObject({ expected_qty: 4, differences: [] });
  });
});
