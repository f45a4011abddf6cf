import { call, expectErrorShape, newOwner, newStaff, type ApiResponse, type TestUser } from "../../helpers/api";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { productRef } from "../../helpers/products";
import { recompute } from "../../helpers/kpis";
import { db } from "../../../src/platform/firebase";

// Trigger side effects share the emulator's event queue with other suites.
jest.setTimeout(180_000);

beforeAll(() => {
  db();
});

type Owner = TestUser & { shopId: string };

async function create(owner: TestUser, body: Record<string, unknown>): Promise<any> {
  const res = await call("POST", "/v1/products", { token: owner.token, body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** No answer ever names an internal document path. */
function expectNoInternalPath(res: ApiResponse): void {
  expect(JSON.stringify(res.body)).not.toMatch(/shops\/|stock_movements|products\//);
}

/** The KPI figures an answer of GET /v1/dashboard/kpis shows, per category too. */
function figures(body: any) {
  return {
    products: body.total_items,
    units: body.total_units,
    value_paise: body.total_stock_value_paise,
    low_stock: body.low_stock_count,
    out_of_stock: body.out_of_stock_count,
    by_category: Object.fromEntries(
      (body.by_category as any[]).map((c) => [c.category, { products: c.total_items, units: c.total_units, value_paise: c.total_stock_value_paise, low_stock: c.low_stock_count, out_of_stock: c.out_of_stock_count }]),
    ),
  };
}

describe("derived fields are server-owned and a malformed document never takes a list down", () => {
  test("poisoned search_tokens (a non-string token, 'iphone') neither break the list nor the owner's repair, and are rewritten", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "butter-1", name: "Amul Butter", category: "Dairy", quantity: 3, unit_price: 52 });
    await create(owner, { sku: "milk-1", name: "Amul Milk", category: "Dairy", quantity: 3, unit_price: 30 });
    // A direct write as a client could have made it before the rules required search_tokens untouched.
    await productRef(owner.shopId, "butter-1").update({ search_tokens: ["iphone", 42] });

    const list = await call("GET", "/v1/products", { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.map((p: any) => p.id).sort()).toEqual(["BUTTER-1", "MILK-1"]);
    const poisoned = await call("GET", "/v1/products?search=iphone", { token: owner.token });
    expect(poisoned.status).toBe(200);
    expect(poisoned.body).toEqual([]);

    const repaired = await call("PATCH", "/v1/products/BUTTER-1", { token: owner.token, body: { quantity: 4, version: 1 } });
    expect(repaired.status).toBe(200);
    await waitFor(async () => {
      const tokens = (await productRef(owner.shopId, "butter-1").get()).get("search_tokens") as unknown[];
      return tokens.includes("butter") && !tokens.includes("iphone") ? true : undefined;
    }, "the stored search tokens to be rewritten from the name");
    const found = await call("GET", "/v1/products?search=butter", { token: owner.token });
    expect(found.body.map((p: any) => p.id)).toEqual(["BUTTER-1"]);
  });

  test("a document that is not a product is skipped (and logged) by the list; the others are listed", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "ok-1", name: "Fine", category: "Misc", quantity: 1, unit_price: 1 });
    await adminDb().doc(`shops/${owner.shopId}/products/BROKEN`).set({ sku: "broken", name: 42, quantity: "lots" });
    const list = await call("GET", "/v1/products?limit=10", { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: any) => p.id)).toEqual(["OK-1"]);
    const one = await call("GET", "/v1/products/BROKEN", { token: owner.token });
    expectErrorShape(one, 500);
    expectNoInternalPath(one);
  });
});

describe("the ledger", () => {
  test("a forged movement with a delta past 2^53 is skipped by GET movements, never a 500 with a path", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "atta-1", name: "Atta", category: "Flour", quantity: 5, unit_price: 40 });
    await adminDb().collection(`shops/${owner.shopId}/stock_movements`).doc("forged").set({
      product_id: "ATTA-1", sku: "atta-1", delta: 2 ** 53 + 2, reason: "sale", quantity_after: 5, actor_id: "x", source: "client", ref: null, at: new Date(),
    });
    const res = await call("GET", "/v1/products/ATTA-1/movements", { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.map((m: any) => m.id)).not.toContain("forged");
    expect(res.body).toHaveLength(1);
    expectNoInternalPath(res);
  });

  test("a product created through the API has an incarnation; a re-created one gets a new one", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "soap-1", name: "Soap", category: "Care", quantity: 1, unit_price: 10 });
    const first = (await productRef(owner.shopId, "soap-1").get()).get("incarnation");
    expect(first).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect((await call("DELETE", "/v1/products/SOAP-1", { token: owner.token })).status).toBe(204);
    await create(owner, { sku: "soap-1", name: "Soap", category: "Care", quantity: 1, unit_price: 10 });
    expect((await productRef(owner.shopId, "soap-1").get()).get("incarnation")).not.toBe(first);
  });
});

describe("adjustment ids belong to one product and one request", () => {
  test("the same id on another product is another adjustment; a replay with a different delta is a 409", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "a-1", name: "A", category: "Misc", quantity: 10, unit_price: 1 });
    await create(owner, { sku: "b-1", name: "B", category: "Misc", quantity: 10, unit_price: 1 });
    const id = uniqueId("adj");
    const first = await call("POST", "/v1/products/A-1/adjustments", { token: owner.token, body: { id, delta: -2, reason: "sale" } });
    expect(first.body).toMatchObject({ applied: true, product: { quantity: 8 } });
    const other = await call("POST", "/v1/products/B-1/adjustments", { token: owner.token, body: { id, delta: -3, reason: "sale" } });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ applied: true, product: { id: "B-1", quantity: 7 }, movement: { product_id: "B-1", delta: -3 } });
    const replay = await call("POST", "/v1/products/A-1/adjustments", { token: owner.token, body: { id, delta: -2, reason: "sale" } });
    expect(replay.body).toMatchObject({ applied: false, product: { quantity: 8 }, movement: { delta: -2 } });
    const different = await call("POST", "/v1/products/A-1/adjustments", { token: owner.token, body: { id, delta: -5, reason: "sale" } });
    expectErrorShape(different, 409);
    expect((await call("GET", "/v1/products/A-1", { token: owner.token })).body.quantity).toBe(8);
  });
});

describe("numbers are bounded everywhere; -0 is 0", () => {
  test("quantity, price and stock value past their bounds are 400/422 and write nothing", async () => {
    const owner = await newOwner();
    expectErrorShape(await call("POST", "/v1/products", { token: owner.token, body: { sku: "q-1", name: "Q", category: "M", quantity: 1_000_001, unit_price: 0 } }), 400);
    expectErrorShape(await call("POST", "/v1/products", { token: owner.token, body: { sku: "q-2", name: "Q", category: "M", quantity: 1, unit_price: 1_000_000.01 } }), 400);
    const value = await call("POST", "/v1/products", { token: owner.token, body: { sku: "q-3", name: "Q", category: "M", quantity: 1_000_000, unit_price: 1000 } });
    expectErrorShape(value, 400);
    expect(value.body.message).toMatch(/stock value/);
    expect((await productRef(owner.shopId, "q-3").get()).exists).toBe(false);
    await create(owner, { sku: "q-4", name: "Q", category: "M", quantity: 999_999, unit_price: 1 });
    expectErrorShape(await call("POST", "/v1/products/Q-4/adjustments", { token: owner.token, body: { delta: 2, reason: "receipt" } }), 422);
    // 999,999 × ₹11 is over the ₹1 crore a product may be worth.
    expectErrorShape(await call("PATCH", "/v1/products/Q-4", { token: owner.token, body: { unit_price: 11, version: 1 } }), 400);
    expect((await call("GET", "/v1/products/Q-4", { token: owner.token })).body).toMatchObject({ quantity: 999_999, unit_price: 1, version: 1 });
  });

  test("-0 is stored as the integer 0, so the owner's own direct writes keep working", async () => {
    const owner = await newOwner();
    const res = await call("POST", "/v1/products", { token: owner.token, rawBody: '{"sku":"z-1","name":"Z","category":"M","quantity":-0,"unit_price":-0,"low_stock_threshold":-0}', contentType: "application/json" });
    expect(res.status).toBe(201);
    const stored = (await productRef(owner.shopId, "z-1").get()).data()!;
    expect(Object.is(stored.quantity, 0) && Object.is(stored.unit_price_paise, 0) && Object.is(stored.low_stock_threshold, 0)).toBe(true);
  });
});

describe("inputs that used to crash are refused", () => {
  test("a lone surrogate in any string is a 400 at once, on create, PUT and register (nested)", async () => {
    const owner = await newOwner();
    expectErrorShape(await call("POST", "/v1/products", { token: owner.token, body: { sku: "s-1", name: "Bad \ud800", category: "M", quantity: 1, unit_price: 1 } }), 400);
    await create(owner, { sku: "s-2", name: "Fine", category: "M", quantity: 1, unit_price: 1 });
    const put = await call("PUT", "/v1/products/S-2", { token: owner.token, body: { category: "\udfff", version: 1 } });
    expectErrorShape(put, 400);
    expect(put.body.issues[0].path).toBe("category");
    expectErrorShape(await call("POST", "/v1/auth/register", { body: { email: `${uniqueId("u")}@example.com`, password: "secret-pw", shop: { name: "K\ud83d" } } }), 400);
  });

  test("a nested unknown key (location.alt on register) is refused, not dropped", async () => {
    const res = await call("POST", "/v1/auth/register", {
      body: { email: `${uniqueId("u")}@example.com`, password: "secret-pw", shop: { name: "K", location: { lat: 12.9, lng: 77.6, alt: 900 } } },
    });
    expectErrorShape(res, 400);
    expect(JSON.stringify(res.body.issues)).toContain("alt");
  });

  test("cursors that decode to null, an empty id, a path or a reserved id are 400", async () => {
    const owner = await newOwner();
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [null, { s: "name", o: "asc", v: "a", i: "" }, { s: "name", o: "asc", v: "a", i: "../../x" }, { s: "name", o: "asc", v: "a", i: "__x__" }, { s: "updated_at", o: "asc", v: 1e300, i: "A" }, [1], 7]) {
      const res = await call("GET", `/v1/products?cursor=${cursor(bad)}${bad && (bad as any).s === "updated_at" ? "&sort=updated_at" : ""}`, { token: owner.token });
      expectErrorShape(res, 400);
    }
  });
});

describe("KPIs are right as soon as the API answered a write", () => {
  test("create, then read the KPIs at once: right 50 times in a row (categories named constructor, __proto__, toString)", async () => {
    const owner = await newOwner();
    const categories = ["constructor", "__proto__", "toString", "Dairy", "~tilde"];
    for (let i = 0; i < 50; i++) {
      await create(owner, { sku: `k-${i}`, name: `K ${i}`, category: categories[i % categories.length], quantity: i % 7, unit_price: 1 + i / 100, low_stock_threshold: 3 });
      const kpis = await call("GET", "/v1/dashboard/kpis", { token: owner.token });
      expect(kpis.status).toBe(200);
      expect(figures(kpis.body)).toEqual(await recompute(owner.shopId));
    }
  });

  test("an unreadable KPI shard is repaired loudly before the dashboard answers, never read as zero", async () => {
    const owner = await newOwner();
    await create(owner, { sku: "r-1", name: "R", category: "Dairy", quantity: 4, unit_price: 25 });
    const record = await adminDb().doc(`shops/${owner.shopId}/kpi_products/R-1`).get();
    const shard = String(record.get("shard")).padStart(2, "0");
    await adminDb().doc(`shops/${owner.shopId}/kpi_shards/${shard}`).update({ value_paise: 2 ** 53 + 2, units: "four" });
    const kpis = await call("GET", "/v1/dashboard/kpis", { token: owner.token });
    expect(kpis.status).toBe(200);
    expect(figures(kpis.body)).toEqual(await recompute(owner.shopId));
    expect(kpis.body.total_stock_value_paise).toBe(10_000);
    expect((await adminDb().doc(`shops/${owner.shopId}/kpi_shards/${shard}`).get()).get("units")).toBe(4);
  });

  test("updates, adjustments and deletes are in the KPIs the moment they answer", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    await create(owner, { sku: "u-1", name: "U", category: "constructor", quantity: 10, unit_price: 5 });
    const check = async () => expect(figures((await call("GET", "/v1/dashboard/kpis", { token: owner.token })).body)).toEqual(await recompute(owner.shopId));
    await check();
    await call("PATCH", "/v1/products/U-1", { token: staff.token, body: { category: "__proto__", version: 1 } });
    await check();
    await call("POST", "/v1/products/U-1/adjustments", { token: staff.token, body: { delta: -9, reason: "sale" } });
    await check();
    await call("DELETE", "/v1/products/U-1", { token: owner.token });
    await check();
  });
});

describe("the CSV import", () => {
  async function upload(user: TestUser, csv: string, query = ""): Promise<ApiResponse> {
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "stock.csv");
    return call("POST", `/v1/products/import/csv${query}`, { token: user.token, rawBody: form });
  }

  test("a price or MRP change writes the same audit record as the API, once, however often the file is sent", async () => {
    const owner: Owner = await newOwner();
    await create(owner, { sku: "p-1", name: "P", category: "M", quantity: 1, unit_price: 10 });
    await call("PATCH", "/v1/products/P-1", { token: owner.token, body: { unit_price: 11, version: 1 } });
    const csv = "name,sku,category,quantity,unit_price,mrp\nP,p-1,M,1,12,15\n";
    const first = await upload(owner, csv);
    expect(first.body.successful_updates).toBe(1);
    await upload(owner, csv);
    const audit = await adminDb().collection(`shops/${owner.shopId}/audit`).where("product_id", "==", "P-1").get();
    const records = audit.docs.map((d) => d.data()).sort((a, b) => a.after.version - b.after.version);
    expect(records.map((r) => r.source)).toEqual(["api", "import"]);
    expect(Object.keys(records[1]).sort()).toEqual(Object.keys(records[0]).sort());
    expect(Object.keys(records[1].before).sort()).toEqual(Object.keys(records[0].before).sort());
    expect(records[1]).toMatchObject({
      action: "product.price-changed",
      before: { unit_price_paise: 1100, mrp_paise: null, version: 2 },
      after: { unit_price_paise: 1200, mrp_paise: 1500, version: 3 },
      ref: first.body.import_id,
    });
  });

  test("bounds hold in the import: a row past them is an error row, the others go in", async () => {
    const owner = await newOwner();
    const res = await upload(owner, "name,sku,category,quantity,unit_price\nOk,i-1,M,5,10\nBig,i-2,M,1000000,1000\nHuge,i-3,M,1,1000001\n");
    expect(res.body.successful_creates).toBe(1);
    expect(res.body.errors.map((e: any) => e.row_number)).toEqual([3, 4]);
    expect(res.body.errors[0].details).toMatch(/stock value/);
  });

  test("the KPIs are right the moment a 5,000-row import answers", async () => {
    const owner = await newOwner();
    const categories = ["constructor", "__proto__", "toString", "Staples", "Dairy"];
    const rows = Array.from({ length: 5000 }, (_, i) => `Item ${i},imp-${i},${categories[i % 5]},${i % 13},${(i % 97) + 0.5}`);
    const res = await upload(owner, `name,sku,category,quantity,unit_price\n${rows.join("\n")}\n`);
    expect(res.body.successful_creates).toBe(5000);
    const kpis = await call("GET", "/v1/dashboard/kpis", { token: owner.token });
    expect(figures(kpis.body)).toEqual(await recompute(owner.shopId));
    expect(kpis.body.total_items).toBe(5000);
    // The import's 5,000 product events (which now find nothing to add) share the emulator's
    // event queue with the next suites: wait for them to drain, seen through a sentinel written
    // after them whose stale search_tokens the same trigger rewrites.
    await productRef(owner.shopId, "sentinel-1").set({ ...(await productRef(owner.shopId, "imp-1").get()).data(), sku: "sentinel-1", name: "Sentinel", search_tokens: [] });
    await waitFor(async () => (((await productRef(owner.shopId, "sentinel-1").get()).get("search_tokens") as string[]).length ? true : undefined), "the import's trigger events to drain", 300_000, 500);
  }, 420_000);
});
