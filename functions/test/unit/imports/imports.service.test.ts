import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsvStream } from "../../../src/imports/imports.parse";
import {
  errorsCsv,
  movementFor,
  neutraliseCell,
  newProductDoc,
  parseRupees,
  parseWholeNumber,
  planImport,
  replanAfterConflict,
  resultOf,
  RowBudget,
  updateFields,
  validateRows,
  type PlannedRow,
} from "../../../src/imports/imports.service";
import type { ProductDoc } from "../../../src/inventory/products.schema";

async function* text(s: string): AsyncIterable<Buffer> {
  yield Buffer.from(s, "utf8");
}

async function plan(csv: string, existing: ProductDoc[] = [], role: "owner" | "staff" = "owner"): Promise<PlannedRow[]> {
  const parsed = await parseCsvStream(text(csv), null);
  const map = new Map(existing.map((p) => [p.sku.toUpperCase(), p] as const));
  return planImport(validateRows(parsed), map, role);
}

function product(over: Partial<ProductDoc> = {}): ProductDoc {
  const at = new Date("2026-01-01T00:00:00Z");
  return { ...newProductDoc({ sku: "ATTA-5KG", productId: "ATTA-5KG", name: "Atta 5kg", category: "Grocery", quantity: 10, unit_price_paise: 25000 }, "u1", at), ...over };
}

const COLS = ["name", "sku", "category", "quantity", "unit_price"];

/** The sample CSV of MSME Inventory Lite: into an empty shop, 3 creates and errors on lines 4 and 6. */
const MSME_SAMPLE = readFileSync(path.join(__dirname, "../../fixtures/msme-sample.csv"), "utf8");

describe("planning an import", () => {
  test("the MSME sample into an empty shop gives 3 creates and errors on line 4 (sku) and line 6 (quantity -5)", async () => {
    const rows = await plan(MSME_SAMPLE);
    expect(rows.filter((r) => r.kind === "create").map((r) => r.line)).toEqual([2, 3, 5]);
    const errors = rows.filter((r) => r.kind === "error").map((r) => resultOf(r, COLS));
    expect(errors.map((e) => [e.row_number, e.sku, e.details])).toEqual([
      [4, null, "sku is required"],
      [6, "SALT-1KG", "quantity must be a whole number ≥ 0, got -5"],
    ]);
  });

  test("a row equal to the stored product is unchanged; a different one is an update naming the fields", async () => {
    const stored = product();
    const rows = await plan("name,sku,category,quantity,unit_price\nAtta 5kg,atta-5kg,Grocery,10,250\nAtta 5kg,X-1,Grocery,1,1", [stored]);
    expect(rows[0].kind).toBe("unchanged");
    const changed = await plan("name,sku,category,quantity,unit_price\nAtta 5 kg,ATTA-5KG,Grocery,12,250.00", [stored]);
    expect(resultOf(changed[0], COLS)).toEqual({ row_number: 2, sku: "ATTA-5KG", status: "updated", changes: ["name", "quantity"] });
  });

  test("an update writes the changed fields with version + 1 and a stock movement for the quantity", async () => {
    const stored = product({ version: 3 });
    const [row] = await plan("name,sku,category,quantity,unit_price\nAtta 5 kg,ATTA-5KG,Grocery,12,250", [stored]);
    if (row.kind !== "update") throw new Error("expected an update");
    const at = new Date();
    const fields = updateFields(row, "u2", at);
    expect(fields).toEqual(expect.objectContaining({ name: "Atta 5 kg", quantity: 12, version: 4, updated_by: "u2" }));
    expect(fields.search_tokens).toContain("kg");
    expect(fields.unit_price_paise).toBeUndefined();
    expect(movementFor(row, "imp1", "u2", at)).toEqual(expect.objectContaining({ delta: 2, quantity_after: 12, source: "import", ref: "imp1", reason: "import" }));
  });

  test("optional columns left empty keep the stored value on update and take defaults on create", async () => {
    const stored = product({ low_stock_threshold: 9, unit: "bag" });
    const rows = await plan("name,sku,category,quantity,unit_price,low_stock_threshold,unit,mrp\nAtta 5kg,ATTA-5KG,Grocery,10,250,,,\nTea,TEA-1,Bev,1,2,,,3", [stored]);
    expect(rows[0].kind).toBe("unchanged");
    if (rows[1].kind !== "create") throw new Error("expected a create");
    expect(newProductDoc(rows[1].values, "u", new Date())).toEqual(expect.objectContaining({ low_stock_threshold: 5, unit: null, mrp_paise: 300, barcode: null, version: 1 }));
  });

  test("the same SKU twice: the later row is an error naming the earlier line (case-insensitive)", async () => {
    const rows = await plan("name,sku,category,quantity,unit_price\nA,A-1,G,1,2\nB,B-1,G,1,2\nA again,a-1,G,5,2");
    expect(rows.map((r) => r.kind)).toEqual(["create", "create", "error"]);
    expect(resultOf(rows[2], COLS).details).toBe("sku a-1 already appears on line 2; each SKU may appear only once per file");
  });

  test("staff may import, but a row changing an existing price is an error", async () => {
    const stored = product();
    const rows = await plan("name,sku,category,quantity,unit_price\nAtta 5kg,ATTA-5KG,Grocery,99,260\nAtta 5kg,NEW-1,Grocery,1,2\n", [stored], "staff");
    expect(resultOf(rows[0], COLS).details).toBe("staff cannot change prices: ATTA-5KG costs ₹250.00 and the file says ₹260.00 (ask the shop owner to import price changes)");
    expect(rows[1].kind).toBe("create");
    const qtyOnly = await plan("name,sku,category,quantity,unit_price\nAtta 5kg,ATTA-5KG,Grocery,99,250\n", [stored], "staff");
    expect(qtyOnly[0].kind).toBe("update");
  });

  test("bad cells get reasons an owner understands", async () => {
    const csv = [
      "name,sku,category,quantity,unit_price",
      "Too few,F-1,G,1",
      "Too many,M-1,G,1,2,3",
      "Frac,Q-1,G,1.5,2",
      "Huge,Q-2,G,99999999999,2",
      "Paise,P-1,G,1,12.345",
      `${"N".repeat(101)},N-1,G,1,2`,
      "Slash,A/B,G,1,2",
      "Neg price,P-2,G,1,-3",
      "Euro,P-3,G,1,1.200,50",
    ].join("\n");
    const details = (await plan(csv)).map((r) => resultOf(r, COLS).details);
    expect(details[0]).toContain("the row has 4 cells but the header has 5 columns");
    expect(details[1]).toContain("the row has 6 cells");
    expect(details[2]).toBe("quantity must be a whole number ≥ 0, got 1.5");
    expect(details[3]).toBe("quantity must be at most 10,00,000, got 99999999999");
    expect(details[4]).toBe("unit_price must have at most 2 decimals (paise), got 12.345");
    expect(details[5]).toBe("name must be at most 100 characters, got 101");
    expect(details[6]).toContain("sku may contain only letters, digits");
    expect(details[7]).toBe("unit_price must be ≥ 0, got -3");
    expect(details[8]).toContain("the row has 6 cells");
  });

  test("several problems in one row are all reported", async () => {
    const [row] = await plan("name,sku,category,quantity,unit_price\n,S-1,,x,abc");
    expect(resultOf(row, COLS).details).toBe(
      'name is required; category is required; quantity must be a whole number ≥ 0, got x; unit_price must be an amount in rupees such as 1200.50 (a dot for decimals; ₹ and thousands commas are allowed), got "abc"',
    );
  });
});

describe("money and numbers", () => {
  test("₹1,200.50 is accepted as 120050 paise: ₹/Rs prefixes and correctly grouped thousands commas are dropped", () => {
    expect(parseRupees("₹1,200.50", "unit_price")).toBe(120050);
    expect(parseRupees("Rs. 1,00,000", "unit_price")).toBe(10000000);
    expect(parseRupees("12.5", "unit_price")).toBe(1250);
    expect(parseRupees("0.07", "unit_price")).toBe(7);
  });

  test("ambiguous or malformed amounts are refused, never guessed", () => {
    expect(parseRupees("1,5", "unit_price")).toEqual({ error: expect.stringContaining('got "1,5"') });
    expect(parseRupees("1,2000", "unit_price")).toEqual({ error: expect.stringContaining("must be an amount") });
    expect(parseRupees("$12", "unit_price")).toEqual({ error: expect.stringContaining("must be an amount") });
    expect(parseRupees("1e3", "unit_price")).toEqual({ error: expect.stringContaining("must be an amount") });
    expect(parseRupees("2000000000", "unit_price")).toEqual({ error: "unit_price must be at most ₹10,00,000, got 2000000000" });
  });

  test("whole numbers accept grouping and a .0 but not fractions or signs", () => {
    expect(parseWholeNumber("1,000", "quantity", 10_000_000)).toBe(1000);
    expect(parseWholeNumber("7.00", "quantity", 10_000_000)).toBe(7);
    expect(parseWholeNumber("+3", "quantity", 10_000_000)).toEqual({ error: "quantity must be a whole number ≥ 0, got +3" });
  });
});

describe("losing a race to a concurrent edit", () => {
  const base = product({ version: 2 });

  async function plannedUpdate(csvRow: string): Promise<PlannedRow & { kind: "update" }> {
    const [row] = await plan(`name,sku,category,quantity,unit_price\n${csvRow}`, [base]);
    if (row.kind !== "update") throw new Error("expected an update");
    return row;
  }

  test("an edit of other fields is kept and the import's fields are applied on top", async () => {
    const row = await plannedUpdate("Atta 5kg,ATTA-5KG,Grocery,15,250");
    const current = { ...base, category: "Flour", version: 3 };
    const again = replanAfterConflict(row, current, "owner", []);
    expect(again.kind).toBe("update");
    if (again.kind === "update") {
      expect(again.base).toBe(current);
      expect(again.changes).toEqual(["quantity"]);
      expect(updateFields(again, "u", new Date()).version).toBe(4);
    }
  });

  test("an edit of the same field is reported, not overwritten", async () => {
    const row = await plannedUpdate("Atta 5kg,ATTA-5KG,Grocery,15,250");
    const again = replanAfterConflict(row, { ...base, quantity: 7, version: 3 }, "owner", []);
    expect(resultOf(again, COLS)).toEqual(expect.objectContaining({ status: "error", details: expect.stringContaining("changed by someone else during the import (quantity)") }));
  });

  test("a SKU created meanwhile by someone else is updated rather than duplicated", async () => {
    const [row] = await plan("name,sku,category,quantity,unit_price\nAtta 5kg,ATTA-5KG,Grocery,15,250");
    if (row.kind !== "create") throw new Error("expected a create");
    expect(replanAfterConflict(row, base, "owner", []).kind).toBe("update");
  });
});

describe("errors.csv", () => {
  test("formula-like cells are neutralised", () => {
    expect(neutraliseCell("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    expect(neutraliseCell("+1")).toBe("'+1");
    expect(neutraliseCell("-5")).toBe("'-5");
    expect(neutraliseCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseCell("Atta")).toBe("Atta");
  });

  test("a formula after any delimiter a spreadsheet may split on is neutralised too, and every cell is quoted", () => {
    expect(neutraliseCell("Atta;=HYPERLINK(\"http://evil\")")).toBe("Atta;'=HYPERLINK(\"http://evil\")");
    expect(neutraliseCell("a, +1|@SUM(A1)\t-2")).toBe("a, '+1|'@SUM(A1)\t'-2");
    expect(neutraliseCell("got -1; fine")).toBe("got -1; fine");
    const csv = errorsCsv(["name"], [{ row_number: 2, sku: null, status: "error", details: "bad;=1+1", cells: { name: "x;y" } }]);
    expect(csv.split("\r\n")).toEqual(['"name","row_number","error"', '"x;y","2","bad;\'=1+1"', ""]);
  });

  test("columns named like Object.prototype members keep their own cells", () => {
    const csv = errorsCsv(["constructor", "__proto__", "toString"], [{ row_number: 2, sku: null, status: "error", details: "x", cells: {} }]);
    expect(csv.split("\r\n")[1]).toBe('"","","","2","x"');
  });

  test("a failed row's stored cells are bounded (30 columns, 300 characters each)", async () => {
    const columns = [...COLS, ...Array.from({ length: 40 }, (_, i) => `extra_${i}`)];
    const rows = await plan(`${columns.join(",")}\n${["x".repeat(5000), "S-1", "G", "-1", "2", ...Array(40).fill("y")].join(",")}`);
    const cells = resultOf(rows[0], columns).cells!;
    expect(Object.keys(cells)).toHaveLength(30);
    expect(cells.name).toHaveLength(301);
  });

  test("failed rows come back with their cells, line and reason", async () => {
    const rows = await plan("name,sku,category,quantity,unit_price\n=cmd|' /C calc'!A0,S-1,G,-5,2\nOk,O-1,G,1,2");
    const csv = errorsCsv(["name", "sku", "category", "quantity", "unit_price"], rows.map((r) => resultOf(r, COLS)));
    expect(csv.split("\r\n")).toEqual([
      '"name","sku","category","quantity","unit_price","row_number","error"',
      '"\'=cmd|\' /C calc\'!A0","S-1","G","\'-5","2","2","quantity must be a whole number ≥ 0, got -5"',
      "",
    ]);
  });
});

describe("the instance's row budget", () => {
  test("imports beyond the budget wait in arrival order until rows are released", async () => {
    const budget = new RowBudget(60_000);
    const order: string[] = [];
    const releaseA = await budget.acquire(50_000);
    const b = budget.acquire(20_000).then((release) => (order.push("b"), release));
    const c = budget.acquire(1_000).then((release) => (order.push("c"), release)); // waits behind b: no overtaking
    await Promise.resolve();
    expect(order).toEqual([]);
    releaseA();
    const [releaseB, releaseC] = await Promise.all([b, c]);
    expect(order).toEqual(["b", "c"]);
    expect(budget.inUse).toBe(21_000);
    releaseB();
    releaseC();
    releaseC(); // releasing twice is harmless
    expect(budget.inUse).toBe(0);
  });

  test("an import larger than the whole budget still runs, alone", async () => {
    const budget = new RowBudget(10);
    const release = await budget.acquire(50);
    expect(budget.inUse).toBe(10);
    release();
  });
});
