import { readFileSync } from "node:fs";
import path from "node:path";
import { call, expectErrorShape, newOwner, newStaff, type ApiResponse, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { db } from "../../../src/platform/firebase";
import { parseCsvStream } from "../../../src/imports/imports.parse";
import { runImport } from "../../../src/imports/imports.service";

type Owner = TestUser & { shopId: string };

const HEADER = "name,sku,category,quantity,unit_price";
/** The sample CSV of MSME Inventory Lite: into an empty shop, 3 creates and errors on lines 4 and 6. */
const MSME_SAMPLE = readFileSync(path.join(__dirname, "../../fixtures/msme-sample.csv"), "utf8");

async function upload(user: TestUser, csv: string | Buffer, options: { query?: string; field?: string; fileName?: string } = {}): Promise<ApiResponse> {
  const form = new FormData();
  form.append(options.field ?? "file", new Blob([csv], { type: "text/csv" }), options.fileName ?? "stock.csv");
  return call("POST", `/v1/products/import/csv${options.query ?? ""}`, { token: user.token, rawBody: form });
}

function shop(shopId: string) {
  return adminDb().collection("shops").doc(shopId);
}

async function productTimes(shopId: string): Promise<Record<string, string>> {
  const snaps = await shop(shopId).collection("products").get();
  return Object.fromEntries(snaps.docs.map((d) => [d.id, d.updateTime.toDate().toISOString() + d.updateTime.nanoseconds]));
}

async function expectNothingWritten(shopId: string): Promise<void> {
  expect((await shop(shopId).collection("products").get()).size).toBe(0);
  expect((await shop(shopId).collection("imports").get()).size).toBe(0);
  expect((await shop(shopId).collection("stock_movements").get()).size).toBe(0);
}

beforeAll(() => {
  db(); // the code under test configures the shared Firestore handle first
});

describe("importing products from CSV", () => {
  let owner: Owner;
  beforeEach(async () => {
    owner = await newOwner();
  });

  test("the MSME sample creates 3 products and reports lines 4 and 6 in the MSME fields", async () => {
    const res = await upload(owner, MSME_SAMPLE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        processed_rows: 5,
        successful_creates: 3,
        successful_updates: 0,
        errors: [
          { row_number: 4, sku: null, details: "sku is required" },
          { row_number: 6, sku: "SALT-1KG", details: "quantity must be a whole number ≥ 0, got -5" },
        ],
        written: 3,
      }),
    );
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["created", "created", "error", "created", "error"]);
    expect(res.headers.get("location")).toBe(`/v1/imports/${res.body.import_id}`);

    const rice = (await shop(owner.shopId).collection("products").doc("RICE-1KG").get()).data()!;
    expect(rice).toEqual(
      expect.objectContaining({ sku: "RICE-1KG", name: "Basmati Rice 1kg", quantity: 50, unit_price_paise: 12050, low_stock_threshold: 5, mrp_paise: null, version: 1, updated_by: owner.uid }),
    );
    expect(rice.search_tokens).toEqual(expect.arrayContaining(["basmati", "rice-1kg".slice(0, 4)]));
    const moves = await shop(owner.shopId).collection("stock_movements").where("ref", "==", res.body.import_id).get();
    expect(moves.docs.map((d) => d.data()).map((m) => [m.product_id, m.delta, m.source, m.reason]).sort()).toEqual([
      ["DAL-1KG", 30, "import", "create"],
      ["OIL-1L", 20, "import", "create"],
      ["RICE-1KG", 50, "import", "create"],
    ]);
  });

  test("importing the same file again reports every row unchanged and writes no document", async () => {
    const csv = [HEADER, "Atta 5kg,ATTA-5KG,Grocery,10,250", "Tea 250g,TEA-250,Beverages,4,\"₹1,200.50\""].join("\r\n");
    const first = await upload(owner, csv);
    expect(first.body.successful_creates).toBe(2);
    const before = await productTimes(owner.shopId);
    const movesBefore = (await shop(owner.shopId).collection("stock_movements").get()).size;

    const second = await upload(owner, csv);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(expect.objectContaining({ successful_creates: 0, successful_updates: 0, unchanged: 2, written: 0, errors: [] }));
    expect(await productTimes(owner.shopId)).toEqual(before);
    expect((await shop(owner.shopId).collection("stock_movements").get()).size).toBe(movesBefore);
    expect((await shop(owner.shopId).collection("products").doc("TEA-250").get()).data()!.unit_price_paise).toBe(120050);
  });

  test("an import interrupted half-way and run again finishes without duplicates", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `Item ${i},ITEM-${i},Misc,${i},${i + 1}`);
    await upload(owner, [HEADER, ...rows.slice(0, 17)].join("\n")); // what the interrupted run got done
    const rerun = await upload(owner, [HEADER, ...rows].join("\n"));
    expect(rerun.body).toEqual(expect.objectContaining({ successful_creates: 23, unchanged: 17, successful_updates: 0 }));
    expect((await shop(owner.shopId).collection("products").get()).size).toBe(40);
  });

  test("a changed row is an update of the changed fields with version + 1 and a stock movement", async () => {
    await upload(owner, `${HEADER}\nAtta 5kg,ATTA-5KG,Grocery,10,250`);
    const res = await upload(owner, `Name;SKU;Category;Quantity;Unit Price;MRP\nAtta 5kg Chakki;atta-5kg;Grocery;14;250;260`);
    expect(res.body.results[0]).toEqual({ row_number: 2, sku: "atta-5kg", status: "updated", changes: ["name", "quantity", "mrp_paise"] });
    const atta = (await shop(owner.shopId).collection("products").doc("ATTA-5KG").get()).data()!;
    expect(atta).toEqual(expect.objectContaining({ name: "Atta 5kg Chakki", quantity: 14, mrp_paise: 26000, version: 2, sku: "ATTA-5KG" }));
    expect(atta.search_tokens).toContain("chakki");
    const move = (await shop(owner.shopId).collection("stock_movements").doc(`${res.body.import_id}-ATTA-5KG`).get()).data()!;
    expect(move).toEqual(expect.objectContaining({ delta: 4, quantity_after: 14, reason: "import", source: "import", ref: res.body.import_id }));
  });

  test("a dry run answers the full report and writes nothing", async () => {
    const res = await upload(owner, MSME_SAMPLE, { query: "?dry_run=true" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ dry_run: true, import_id: null, successful_creates: 3, written: 0 }));
    expect(res.body.errors).toHaveLength(2);
    await expectNothingWritten(owner.shopId);
  });

  test("the same SKU twice in a file: the later row is an error naming the earlier line", async () => {
    const res = await upload(owner, `${HEADER}\nA,DUP-1,G,1,2\nB,B-1,G,1,2\nA2,dup-1,G,3,2`);
    expect(res.body.errors).toEqual([{ row_number: 4, sku: "dup-1", details: "sku dup-1 already appears on line 2; each SKU may appear only once per file" }]);
    expect((await shop(owner.shopId).collection("products").doc("DUP-1").get()).data()!.quantity).toBe(1);
  });

  test("staff may import, but a row that changes an existing price is an error and the price stays", async () => {
    await upload(owner, `${HEADER}\nAtta 5kg,ATTA-5KG,Grocery,10,250\nDal,DAL-1,Pulses,5,100`);
    const staff = await newStaff(owner);
    const res = await upload(staff, `${HEADER}\nAtta 5kg,ATTA-5KG,Grocery,10,199\nDal,DAL-1,Pulses,8,100\nNew,NEW-1,Misc,1,5`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([{ row_number: 2, sku: "ATTA-5KG", details: expect.stringContaining("staff cannot change prices") }]);
    expect(res.body).toEqual(expect.objectContaining({ successful_updates: 1, successful_creates: 1 }));
    expect((await shop(owner.shopId).collection("products").doc("ATTA-5KG").get()).data()!.unit_price_paise).toBe(25000);
    expect((await shop(owner.shopId).collection("products").doc("DAL-1").get()).data()!.quantity).toBe(8);
  });

  test("a concurrent edit during the import is not overwritten: other fields merge, the same field is reported", async () => {
    await upload(owner, `${HEADER}\nAtta 5kg,ATTA-5KG,Grocery,10,250\nDal,DAL-1,Pulses,5,100`);
    const parsed = await parseCsvStream(
      (async function* () {
        yield Buffer.from(`${HEADER}\nAtta 5kg,ATTA-5KG,Grocery,12,250\nDal,DAL-1,Pulses,9,100\n`);
      })(),
      null,
    );
    const products = shop(owner.shopId).collection("products");
    const report = await runImport({
      shopId: owner.shopId,
      actorId: owner.uid,
      role: "owner",
      parsed,
      dryRun: false,
      importId: `race-${Date.now()}`,
      // Between the import's read and its write, someone renames the atta and sells 2 dal.
      beforeWrite: async () => {
        await products.doc("ATTA-5KG").update({ category: "Flour", version: 2 });
        await products.doc("DAL-1").update({ quantity: 3, version: 2 });
      },
    });
    const atta = (await products.doc("ATTA-5KG").get()).data()!;
    expect(atta).toEqual(expect.objectContaining({ category: "Flour", quantity: 12, version: 3 }));
    const dal = (await products.doc("DAL-1").get()).data()!;
    expect(dal).toEqual(expect.objectContaining({ quantity: 3, version: 2 }));
    expect(report.successful_updates).toBe(1);
    expect(report.errors).toEqual([{ row_number: 3, sku: "DAL-1", details: expect.stringContaining("changed by someone else during the import (quantity)") }]);
  });
});

describe("following an import", () => {
  test("the job document and GET /v1/imports/{id} show the counts and page through the results", async () => {
    const owner = await newOwner();
    const rows = Array.from({ length: 1200 }, (_, i) => (i === 700 ? `=HYPERLINK("http://evil"),BAD-${i},Misc,-1,1` : `Item ${i},ITEM-${i},Misc,${i},1`));
    const res = await upload(owner, [HEADER, ...rows].join("\n"));
    expect(res.body.results).toBeUndefined(); // over 1,000 rows: fetched from GET /v1/imports/{id}
    expect(res.body.successful_creates).toBe(1199);

    const job = (await shop(owner.shopId).collection("imports").doc(res.body.import_id).get()).data()!;
    expect(job).toEqual(expect.objectContaining({ status: "completed", rows_read: 1200, written: 1199, created: 1199, errors: 1, result_chunks: 3 }));
    expect(job.peak_rss_bytes).toBeGreaterThan(0);

    const page0 = await call("GET", `/v1/imports/${res.body.import_id}`, { token: owner.token });
    expect(page0.status).toBe(200);
    expect(page0.body).toEqual(expect.objectContaining({ id: res.body.import_id, status: "completed", stalled: false, page: 0, next_page: 1 }));
    expect(page0.body.results).toHaveLength(500);
    const page2 = await call("GET", `/v1/imports/${res.body.import_id}?page=2`, { token: owner.token });
    expect(page2.body.results).toHaveLength(200);
    expect(page2.body.next_page).toBeNull();

    const errors = await call("GET", `/v1/imports/${res.body.import_id}/errors.csv`, { token: owner.token });
    expect(errors.status).toBe(200);
    expect(errors.headers.get("content-type")).toContain("text/csv");
    expect(errors.body.split("\r\n")).toEqual([
      '"name","sku","category","quantity","unit_price","row_number","error"',
      `"'=HYPERLINK(""http://evil"")","BAD-700","Misc","'-1","1","702","quantity must be a whole number ≥ 0, got -1"`,
      "",
    ]);
  });

  test("while an import writes, its job document says so with the rows read and the errors already known", async () => {
    const owner = await newOwner();
    const csv = [HEADER, ...Array.from({ length: 30 }, (_, i) => `Item ${i},ITEM-${i},Misc,${i},1`), "Bad,BAD-1,Misc,-1,1"].join("\n");
    const parsed = await parseCsvStream((async function* () { yield Buffer.from(csv); })(), "live.csv");
    const importId = `live-${Date.now()}`;
    const seen: Record<string, unknown>[] = [];
    await runImport({
      shopId: owner.shopId,
      actorId: owner.uid,
      role: "owner",
      parsed,
      dryRun: false,
      importId,
      beforeWrite: async () => {
        seen.push((await shop(owner.shopId).collection("imports").doc(importId).get()).data()!);
      },
    });
    expect(seen[0]).toEqual(expect.objectContaining({ status: "writing", file_name: "live.csv", rows_read: 31, rows_planned: 31, errors: 1, written: 0, finished_at: null }));
    const done = (await shop(owner.shopId).collection("imports").doc(importId).get()).data()!;
    expect(done).toEqual(expect.objectContaining({ status: "completed", written: 30, created: 30, errors: 1 }));
  });

  test("many wide failed rows are stored in several results documents, each under Firestore's 1 MiB", async () => {
    const owner = await newOwner();
    const extra = ["a", "b", "c", "d", "e"];
    const wide = "w".repeat(400);
    const rows = Array.from({ length: 450 }, (_, i) => [`${wide}`, `W-${i}`, wide, "-1", "1", ...extra.map(() => wide)].join(","));
    const res = await upload(owner, [[HEADER, ...extra].join(","), ...rows].join("\n"));
    expect(res.body.errors).toHaveLength(450);
    const job = (await shop(owner.shopId).collection("imports").doc(res.body.import_id).get()).data()!;
    expect(job.result_chunks).toBeGreaterThan(1);
    let seen = 0;
    for (let page = 0; page < job.result_chunks; page++) seen += (await call("GET", `/v1/imports/${res.body.import_id}?page=${page}`, { token: owner.token })).body.results.length;
    expect(seen).toBe(450);
  });

  test("an import whose instance died shows as stalled, and its errors.csv waits for completion (409)", async () => {
    const owner = await newOwner();
    const long = new Date(Date.now() - 20 * 60 * 1000);
    await shop(owner.shopId).collection("imports").doc("died-123").set({
      status: "writing", file_name: "x.csv", actor_id: owner.uid, role: "owner", columns: ["name"], ignored_columns: [],
      rows_read: 10, rows_planned: 10, written: 4, created: 0, updated: 0, unchanged: 0, errors: 0, result_chunks: 0,
      peak_rss_bytes: 1, failure: null, started_at: long, updated_at: long, finished_at: null,
    });
    const res = await call("GET", "/v1/imports/died-123", { token: owner.token });
    expect(res.body).toEqual(expect.objectContaining({ status: "writing", stalled: true, written: 4, results: [], next_page: null }));
    expectErrorShape(await call("GET", "/v1/imports/died-123/errors.csv", { token: owner.token }), 409);
  });

  test("another shop's owner cannot read an import; an unknown id is a 404", async () => {
    const owner = await newOwner();
    const res = await upload(owner, `${HEADER}\nA,A-1,G,1,2`);
    const stranger = await newOwner();
    expectErrorShape(await call("GET", `/v1/imports/${res.body.import_id}?shopId=${owner.shopId}`, { token: stranger.token }), 403);
    expectErrorShape(await call("GET", `/v1/imports/${res.body.import_id}`, { token: stranger.token }), 404);
    expectErrorShape(await call("GET", "/v1/imports/nope12345", { token: owner.token }), 404);
  });
});

describe("a rejected file gets a 4xx in the one error shape and leaves nothing behind", () => {
  let owner: Owner;
  beforeEach(async () => {
    owner = await newOwner();
  });

  test("a body that is not multipart is a 415", async () => {
    expectErrorShape(await call("POST", "/v1/products/import/csv", { token: owner.token, rawBody: `${HEADER}\nA,A-1,G,1,2`, contentType: "text/csv" }), 415);
    await expectNothingWritten(owner.shopId);
  });

  test("a form without a file field is a 400", async () => {
    const body = expectErrorShape(await upload(owner, `${HEADER}\nA,A-1,G,1,2`, { field: "csv" }), 400);
    expect(body.detail).toContain('field named "file"');
    await expectNothingWritten(owner.shopId);
  });

  test("an empty file and a header-only file are 400s", async () => {
    expect(expectErrorShape(await upload(owner, ""), 400).detail).toContain("empty");
    expect(expectErrorShape(await upload(owner, `${HEADER}\n`), 400).detail).toContain("only a header");
    await expectNothingWritten(owner.shopId);
  });

  test("a binary file and a non-UTF-8 file are 415s", async () => {
    expectErrorShape(await upload(owner, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), 415);
    expectErrorShape(await upload(owner, Buffer.from(`${HEADER}\nCaf\xe9,C-1,Bev,1,2\n`, "latin1")), 415);
    await expectNothingWritten(owner.shopId);
  });

  test("missing required columns are a 400 that names them", async () => {
    const body = expectErrorShape(await upload(owner, "name,sku,qty\nA,A-1,1"), 400);
    expect(body.details.missing_columns).toEqual(["category", "quantity", "unit_price"]);
    expect(body.detail).toContain("category, quantity, unit_price");
    await expectNothingWritten(owner.shopId);
  });

  test("more than 50,000 rows is a 413 naming the limits", async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `a,S${i},c,1,1`);
    const body = expectErrorShape(await upload(owner, [HEADER, ...rows].join("\n")), 413);
    expect(body.detail).toContain("50,000 rows and 10 MB");
    await expectNothingWritten(owner.shopId);
  });

  test("a file over 10 MB is a 413 naming the limit", async () => {
    const row = `${"x".repeat(90)},S1,c,1,1\n`;
    const res = await upload(owner, HEADER + "\n" + row.repeat(Math.ceil((10.2 * 1024 * 1024) / row.length)));
    expect(expectErrorShape(res, 413).detail).toContain("at most 50,000 rows and 10 MB");
    await expectNothingWritten(owner.shopId);
  });

  test("a body far over the limit is refused before it is parsed, naming the limit", async () => {
    const res = await upload(owner, Buffer.alloc(12 * 1024 * 1024, "a"));
    expect(expectErrorShape(res, 413).details.limitBytes).toBe(11 * 1024 * 1024);
    await expectNothingWritten(owner.shopId);
  });

  test("a client-chosen import id that is taken is a 409 and writes nothing more", async () => {
    const id = `client-${Date.now()}`;
    expect((await upload(owner, `${HEADER}\nA,A-1,G,1,2`, { query: `?import_id=${id}` })).status).toBe(200);
    expect((await shop(owner.shopId).collection("imports").doc(id).get()).data()!.status).toBe("completed");
    expectErrorShape(await upload(owner, `${HEADER}\nB,B-1,G,1,2`, { query: `?import_id=${id}` }), 409);
    expect((await shop(owner.shopId).collection("products").doc("B-1").get()).exists).toBe(false);
  });

  test("a customer may not import", async () => {
    const { newCustomer } = await import("../../helpers/api");
    const customer = await newCustomer();
    expectErrorShape(await upload(customer, `${HEADER}\nA,A-1,G,1,2`), 403);
  });

  test("bad rows are reported one by one while the good rows are imported", async () => {
    const csv = [
      HEADER,
      "Too few,F-1,G,1",
      "Frac,Q-1,G,1.5,2",
      "Huge,Q-2,G,99999999999,2",
      "Paise,P-1,G,1,12.345",
      `${"N".repeat(101)},N-1,G,1,2`,
      "Slash,A/B,G,1,2",
      'Rupees,R-1,G,1,"₹1,200.50"',
    ].join("\n");
    const res = await upload(owner, csv);
    expect(res.status).toBe(200);
    expect(res.body.errors.map((e: { row_number: number }) => e.row_number)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(res.body.successful_creates).toBe(1);
    expect((await shop(owner.shopId).collection("products").get()).docs.map((d) => d.id)).toEqual(["R-1"]);
  });
});
