import { detectDelimiter, normaliseHeader, parseCsvStream, parseCsvUpload } from "../../../src/imports/imports.parse";
import { AppError } from "../../../src/platform/errors";

async function* chunks(...parts: (string | Buffer)[]): AsyncIterable<Buffer> {
  for (const p of parts) yield Buffer.isBuffer(p) ? p : Buffer.from(p, "utf8");
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a rejection");
}

const HEADER = "name,sku,category,quantity,unit_price";

describe("reading a CSV file", () => {
  test("header names match case- and space-insensitively", () => {
    expect(normaliseHeader(" Unit Price ")).toBe("unit_price");
    expect(normaliseHeader("UNIT-PRICE")).toBe("unit_price");
    expect(normaliseHeader("\uFEFFName")).toBe("name");
  });

  test("the delimiter is detected among comma, semicolon and tab, ignoring quoted ones", () => {
    expect(detectDelimiter("name,sku,category\n")).toBe(",");
    expect(detectDelimiter("name;sku;category;\"a,b,c,d\"\n")).toBe(";");
    expect(detectDelimiter("name\tsku\tcategory\n")).toBe("\t");
  });

  test("a UTF-8 BOM and CRLF line ends are accepted", async () => {
    const parsed = await parseCsvStream(chunks(Buffer.from([0xef, 0xbb, 0xbf]), `${HEADER}\r\nAtta,ATTA-1,Grocery,5,10\r\n`), "a.csv");
    expect(parsed.fieldIndex.name).toBe(0);
    expect(parsed.rows).toEqual([{ line: 2, cells: ["Atta", "ATTA-1", "Grocery", "5", "10"] }]);
  });

  test("quoted fields may hold commas, quotes and newlines, and row numbers stay the CSV line", async () => {
    const csv = `${HEADER}\n"Rice, Basmati ""Gold""",R-1,"Grains\nand more",1,2\n\nDal,D-1,Pulses,3,4\n`;
    const parsed = await parseCsvStream(chunks(csv), null);
    expect(parsed.rows[0]).toEqual({ line: 2, cells: ['Rice, Basmati "Gold"', "R-1", "Grains\nand more", "1", "2"] });
    expect(parsed.rows[1].line).toBe(5);
  });

  test("semicolon- and tab-separated files are read", async () => {
    const semi = await parseCsvStream(chunks("Name;SKU;Category;Quantity;Unit Price\nTea;T-1;Bev;1;\"1,50\"\n"), null);
    expect(semi.delimiter).toBe(";");
    expect(semi.rows[0].cells).toEqual(["Tea", "T-1", "Bev", "1", "1,50"]);
    const tab = await parseCsvStream(chunks("name\tsku\tcategory\tquantity\tunit_price\nTea\tT-1\tBev\t1\t2\n"), null);
    expect(tab.rows[0].cells).toEqual(["Tea", "T-1", "Bev", "1", "2"]);
  });

  test("a record split across chunks is reassembled", async () => {
    const parsed = await parseCsvStream(chunks("name,sku,cat", "egory,quantity,unit_price\nA", "tta,A-1,G,1,2\n"), null);
    expect(parsed.rows[0].cells[0]).toBe("Atta");
  });

  test("extra columns are reported and ignored; missing required columns are named", async () => {
    const parsed = await parseCsvStream(chunks(`${HEADER},colour\nA,A-1,G,1,2,red\n`), null);
    expect(parsed.ignoredColumns).toEqual(["colour"]);
    const err = await rejection(parseCsvStream(chunks("name,sku,qty\nA,A-1,1\n"), null));
    expect(err.kind).toBe("INVALID_DATA");
    expect(err.message).toContain("category, quantity, unit_price");
    expect(err.details?.missing_columns).toEqual(["category", "quantity", "unit_price"]);
  });

  test("a column named twice in the header is refused", async () => {
    const err = await rejection(parseCsvStream(chunks(`${HEADER},Unit Price\nA,A-1,G,1,2,3\n`), null));
    expect(err.message).toBe('The column "unit_price" appears twice in the header');
  });

  test("an empty file and a header-only file are refused", async () => {
    expect((await rejection(parseCsvStream(chunks(""), null))).message).toContain("empty");
    expect((await rejection(parseCsvStream(chunks(`${HEADER}\n`), null))).message).toContain("only a header");
  });

  test("binary and non-UTF-8 files are refused", async () => {
    expect((await rejection(parseCsvStream(chunks(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), null))).kind).toBe("UNSUPPORTED_MEDIA_TYPE");
    const latin1 = Buffer.from(`${HEADER}\nCaf\xe9,C-1,Bev,1,2\n`, "latin1");
    expect((await rejection(parseCsvStream(chunks(latin1), null))).message).toContain("not UTF-8");
  });

  test("a UTF-16 file (Excel's \"Unicode text\") is refused with how to save it", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\nA,A-1,G,1,2\n`, "utf16le")]);
    const err = await rejection(parseCsvStream(chunks(utf16), null));
    expect(err.kind).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(err.message).toContain("CSV UTF-8");
  });

  test("more rows than the limit is a 413 naming the limits", async () => {
    const err = await rejection(parseCsvStream(chunks(`${HEADER}\n`, "A,A-1,G,1,2\nB,B-1,G,1,2\nC,C-1,G,1,2\n"), null, { maxRows: 2, maxFileBytes: 1000 }));
    expect(err.kind).toBe("TOO_LARGE");
    expect(err.message).toContain("50,000 rows and 10 MB");
  });

  test("an unclosed quote is a 400 with the line", async () => {
    const err = await rejection(parseCsvStream(chunks(`${HEADER}\nA,A-1,"G,1,2\n`), null));
    expect(err.kind).toBe("INVALID_DATA");
  });
});

describe("reading the multipart upload", () => {
  async function multipart(form: FormData): Promise<{ body: Buffer; type: string }> {
    const req = new Request("http://x/", { method: "POST", body: form });
    return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get("content-type")! };
  }

  test("the field named file is parsed", async () => {
    const form = new FormData();
    form.append("note", "hello");
    form.append("file", new Blob([`${HEADER}\nA,A-1,G,1,2\n`]), "stock.csv");
    const { body, type } = await multipart(form);
    const parsed = await parseCsvUpload(body, type);
    expect(parsed.fileName).toBe("stock.csv");
    expect(parsed.rows).toHaveLength(1);
  });

  test("a body that is not multipart is a 415, a form without file is a 400", async () => {
    expect((await rejection(parseCsvUpload(Buffer.from("x"), "text/csv"))).kind).toBe("UNSUPPORTED_MEDIA_TYPE");
    const form = new FormData();
    form.append("upload", new Blob([`${HEADER}\nA,A-1,G,1,2\n`]), "stock.csv");
    const { body, type } = await multipart(form);
    expect((await rejection(parseCsvUpload(body, type))).message).toContain('field named "file"');
  });

  test("a file over the byte limit is a 413", async () => {
    const form = new FormData();
    form.append("file", new Blob([`${HEADER}\n${"A,A-1,G,1,2\n".repeat(200)}`]), "big.csv");
    const { body, type } = await multipart(form);
    expect((await rejection(parseCsvUpload(body, type, { maxRows: 50_000, maxFileBytes: 1000 }))).kind).toBe("TOO_LARGE");
  });
});
