import { call, expectErrorShape, newCustomer, newOwner, newStaff, signIn, TEST_PASSWORD, type TestUser } from "../../helpers/api";
import { db } from "../../../src/platform/firebase";
import { adminDb, uniqueEmail, uniqueId } from "../../helpers/emulators";
import { adjustStock } from "../../../src/inventory/products.service";

// The code under test configures the shared Admin Firestore before anyone uses it.
beforeAll(() => {
  adminDb();
  db();
});

type Owner = TestUser & { shopId: string };

function sku(prefix = "SKU"): string {
  return uniqueId(prefix).toUpperCase();
}

async function createProduct(user: TestUser, body: Record<string, unknown>): Promise<any> {
  const res = await call("POST", "/v1/products", { token: user.token, body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function movementsOf(shopId: string, productId: string): Promise<any[]> {
  const snap = await adminDb().collection(`shops/${shopId}/stock_movements`).where("product_id", "==", productId).get();
  return snap.docs.map((d) => d.data());
}

async function auditOf(shopId: string, productId: string): Promise<any[]> {
  const snap = await adminDb().collection(`shops/${shopId}/audit`).where("product_id", "==", productId).get();
  return snap.docs.map((d) => d.data());
}

describe("the MSME Inventory Lite client flow over HTTP", () => {
  test("register, me, create, list/search/filter, update, stale update → 409, staff price → 403, delete", async () => {
    const email = uniqueEmail("msme");
    expect((await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD } })).status).toBe(201);
    const token = await signIn(email, TEST_PASSWORD);
    const me = await call("GET", "/v1/users/me", { token });
    expect(me.body.role).toBe("owner");
    const owner: Owner = { uid: me.body.uid, email, password: TEST_PASSWORD, token, shopId: me.body.shops[0].shop_id };

    const created = await call("POST", "/v1/products", { token, body: { name: "Basmati Rice 5kg", sku: "rice-5", category: "Grains", quantity: 10, unit_price: 499.5 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "RICE-5", sku: "rice-5", name: "Basmati Rice 5kg", category: "Grains", quantity: 10, unit_price: 499.5, version: 1, low_stock_threshold: 5 });
    expect(created.headers.get("etag")).toBe('"1"');
    await createProduct(owner, { name: "Toor Dal", sku: "dal-1", category: "Pulses", quantity: 2, unit_price: 140 });

    const all = await call("GET", "/v1/products", { token });
    expect(Array.isArray(all.body)).toBe(true);
    expect(all.body.map((p: any) => p.id)).toEqual(["RICE-5", "DAL-1"]);
    const searched = await call("GET", "/v1/products?search=bas&category=Grains", { token });
    expect(searched.body.map((p: any) => p.id)).toEqual(["RICE-5"]);
    const bySku = await call("GET", "/v1/products?search=DAL", { token });
    expect(bySku.body.map((p: any) => p.id)).toEqual(["DAL-1"]);
    const low = await call("GET", "/v1/products?low_stock=true", { token });
    expect(low.body.map((p: any) => p.id)).toEqual(["DAL-1"]);

    const updated = await call("PUT", "/v1/products/RICE-5", { token, body: { quantity: 8, version: 1 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ quantity: 8, version: 2 });
    expect(updated.headers.get("etag")).toBe('"2"');

    const stale = await call("PUT", "/v1/products/RICE-5", { token, body: { quantity: 3, version: 1 } });
    const conflict = expectErrorShape(stale, 409);
    expect(conflict.details.current).toMatchObject({ id: "RICE-5", quantity: 8, version: 2 });

    const staff = await newStaff(owner);
    const price = await call("PUT", "/v1/products/RICE-5", { token: staff.token, body: { unit_price: 450, version: 2 } });
    expect(expectErrorShape(price, 403).detail).toContain("unit_price");

    const gone = await call("DELETE", "/v1/products/RICE-5", { token });
    expect(gone.status).toBe(204);
    expectErrorShape(await call("GET", "/v1/products/RICE-5", { token }), 404);
  });
});

describe("creating products", () => {
  test("a duplicate SKU is a 409, case-insensitively, and the first product is untouched", async () => {
    const owner = await newOwner();
    const s = sku();
    await createProduct(owner, { name: "Atta", sku: s, category: "Flour", quantity: 1, unit_price: 10 });
    const dup = await call("POST", "/v1/products", { token: owner.token, body: { name: "Other", sku: s.toLowerCase(), category: "X", quantity: 9, unit_price: 1 } });
    expectErrorShape(dup, 409);
    expect((await call("GET", `/v1/products/${s}`, { token: owner.token })).body).toMatchObject({ name: "Atta", quantity: 1 });
  });

  test("two concurrent creates of the same SKU: exactly one 201 and one 409", async () => {
    const owner = await newOwner();
    const s = sku();
    const results = await Promise.all(
      ["first", "second"].map((name) => call("POST", "/v1/products", { token: owner.token, body: { name, sku: s, category: "C", quantity: 1, unit_price: 1 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  test("money with more than 2 decimals, negative quantity and unknown fields are refused with readable issues", async () => {
    const owner = await newOwner();
    const res = await call("POST", "/v1/products", { token: owner.token, body: { name: "X", sku: sku(), category: "C", quantity: -1, unit_price: 1.234, colour: "red" } });
    const body = expectErrorShape(res, 400);
    expect(body.issues.map((i: any) => i.path).sort()).toEqual(["", "quantity", "unit_price"]);
  });

  test("the opening stock leaves a stock movement", async () => {
    const owner = await newOwner();
    const p = await createProduct(owner, { name: "Sugar", sku: sku(), category: "C", quantity: 7, unit_price: 45 });
    expect(await movementsOf(owner.shopId, p.id)).toEqual([expect.objectContaining({ delta: 7, quantity_after: 7, reason: "create", source: "api", actor_id: owner.uid })]);
  });
});

describe("updating products", () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await newOwner();
  });

  test("a change that changes nothing does not bump the version", async () => {
    const p = await createProduct(owner, { name: "Salt", sku: sku(), category: "C", quantity: 5, unit_price: 20 });
    const same = await call("PUT", `/v1/products/${p.id}`, { token: owner.token, body: { ...p, version: 1 } });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
  });

  test("If-Match works instead of version, and without either the update is refused", async () => {
    const p = await createProduct(owner, { name: "Tea", sku: sku(), category: "C", quantity: 5, unit_price: 20 });
    const ok = await call("PATCH", `/v1/products/${p.id}`, { token: owner.token, body: { name: "Tea 250g" }, headers: { "if-match": '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: "Tea 250g", version: 2 });
    const stale = await call("PATCH", `/v1/products/${p.id}`, { token: owner.token, body: { name: "Tea" }, headers: { "if-match": '"1"' } });
    expectErrorShape(stale, 409);
    expectErrorShape(await call("PATCH", `/v1/products/${p.id}`, { token: owner.token, body: { name: "Tea" } }), 400);
  });

  test("staff may send the unchanged price in a full-object PUT, and change other fields", async () => {
    const staff = await newStaff(owner);
    const p = await createProduct(owner, { name: "Oil", sku: sku(), category: "C", quantity: 5, unit_price: 120.5 });
    const res = await call("PUT", `/v1/products/${p.id}`, { token: staff.token, body: { ...p, quantity: 4, version: 1 }, headers: { "x-shop-id": owner.shopId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quantity: 4, unit_price: 120.5, version: 2, updated_by: staff.uid });
  });

  test("the SKU is immutable", async () => {
    const p = await createProduct(owner, { name: "Ghee", sku: sku(), category: "C", quantity: 5, unit_price: 500 });
    expectErrorShape(await call("PUT", `/v1/products/${p.id}`, { token: owner.token, body: { sku: "OTHER", version: 1 } }), 400);
  });

  test("a price change and a quantity change leave an audit record and a stock movement", async () => {
    const p = await createProduct(owner, { name: "Soap", sku: sku(), category: "C", quantity: 5, unit_price: 30 });
    const res = await call("PUT", `/v1/products/${p.id}`, { token: owner.token, body: { unit_price: 32, quantity: 9, version: 1 } });
    expect(res.status).toBe(200);
    const audit = await auditOf(owner.shopId, p.id);
    expect(audit).toEqual([expect.objectContaining({ action: "product.price-changed", before: expect.objectContaining({ unit_price_paise: 3000 }), after: expect.objectContaining({ unit_price_paise: 3200 }), actor_id: owner.uid })]);
    const moves = await movementsOf(owner.shopId, p.id);
    expect(moves).toContainEqual(expect.objectContaining({ delta: 4, quantity_after: 9, reason: "edit" }));
  });

  test("20 concurrent updates from the same version: exactly one 200 and nineteen 409s, version 2", async () => {
    const p = await createProduct(owner, { name: "Biscuits", sku: sku(), category: "C", quantity: 100, unit_price: 10 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call("PUT", `/v1/products/${p.id}`, { token: owner.token, body: { quantity: 200 + i, version: 1 } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.find((r) => r.status === 200)!;
    const stored = await adminDb().doc(`shops/${owner.shopId}/products/${p.id}`).get();
    expect(stored.get("version")).toBe(2);
    expect(stored.get("quantity")).toBe(winner.body.quantity);
  }, 120000);
});

describe("stock adjustments", () => {
  // 200 parallel HTTP calls would make the functions emulator spawn 200 Node processes on this
  // 2-core machine, so the 200 writers run the route's own use case (same transaction) in
  // parallel from here; a smaller burst goes through HTTP.
  test("200 concurrent adjustments: the final quantity is the start plus their sum, one movement each", async () => {
    const owner = await newOwner();
    const p = await createProduct(owner, { name: "Eggs", sku: sku(), category: "C", quantity: 1000, unit_price: 6 });
    const deltas = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? -2 : 5));
    await Promise.all(deltas.map((delta) => adjustStock(owner.shopId, p.id, { delta, reason: delta < 0 ? "sale" : "receipt" }, owner.uid)));
    const stored = await adminDb().doc(`shops/${owner.shopId}/products/${p.id}`).get();
    expect(stored.get("quantity")).toBe(1000 + deltas.reduce((a, b) => a + b, 0));
    expect(stored.get("version")).toBe(201);
    const moves = await movementsOf(owner.shopId, p.id);
    expect(moves.filter((m) => m.reason !== "create")).toHaveLength(200);
    expect(new Set(moves.map((m) => m.quantity_after)).size).toBe(moves.length);
  }, 180000);

  test("concurrent adjustments through the API never conflict and add up", async () => {
    const owner = await newOwner();
    const p = await createProduct(owner, { name: "Bananas", sku: sku(), category: "C", quantity: 50, unit_price: 6 });
    const deltas = Array.from({ length: 12 }, (_, i) => (i % 2 ? -3 : 4));
    const results = await Promise.all(deltas.map((delta) => call("POST", `/v1/products/${p.id}/adjustments`, { token: owner.token, body: { delta, reason: delta < 0 ? "sale" : "receipt" } })));
    expect(results.map((r) => r.status)).toEqual(deltas.map(() => 200));
    const stored = await adminDb().doc(`shops/${owner.shopId}/products/${p.id}`).get();
    expect(stored.get("quantity")).toBe(50 + deltas.reduce((a, b) => a + b, 0));
  }, 120000);

  test("an adjustment below zero is refused and changes nothing; a replayed id applies once", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const p = await createProduct(owner, { name: "Milk", sku: sku(), category: "C", quantity: 3, unit_price: 30 });
    expectErrorShape(await call("POST", `/v1/products/${p.id}/adjustments`, { token: staff.token, body: { delta: -4, reason: "sale" } }), 422);
    const id = uniqueId("adj");
    const first = await call("POST", `/v1/products/${p.id}/adjustments`, { token: staff.token, body: { delta: -2, reason: "sale", id } });
    const again = await call("POST", `/v1/products/${p.id}/adjustments`, { token: staff.token, body: { delta: -2, reason: "sale", id } });
    expect(first.body).toMatchObject({ applied: true, product: { quantity: 1, version: 2 }, movement: { delta: -2, quantity_after: 1, actor_id: staff.uid } });
    expect(again.body).toMatchObject({ applied: false, product: { quantity: 1, version: 2 } });
    const ledger = await call("GET", `/v1/products/${p.id}/movements`, { token: owner.token });
    expect(ledger.body.map((m: any) => m.delta)).toEqual([-2, 3]);
  });
});

describe("listing", () => {
  test("cursor pagination walks every product once in the requested order", async () => {
    const owner = await newOwner();
    for (let i = 0; i < 7; i++) await createProduct(owner, { name: `Item ${i}`, sku: `P${i}`, category: i % 2 ? "Odd" : "Even", quantity: i, unit_price: 10 + i });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `/v1/products?sort=price&order=desc&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call("GET", qs, { token: owner.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: any) => p.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["P6", "P5", "P4", "P3", "P2", "P1", "P0"]);
    const chips = await call("GET", "/v1/products?category=Odd,Even&in_stock=true&sort=quantity", { token: owner.token });
    expect(chips.body.map((p: any) => p.id)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6"]);
    const newest: string[] = [];
    cursor = null;
    do {
      const page: any = await call("GET", `/v1/products?sort=updated_at&order=desc&category=Odd&category=Even&search=item&limit=4${cursor ? `&cursor=${cursor}` : ""}`, { token: owner.token });
      newest.push(...page.body.items.map((p: any) => p.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(newest).toEqual(["P6", "P5", "P4", "P3", "P2", "P1", "P0"]);
    const foreign = await call("GET", `/v1/products?sort=name&limit=4&cursor=${encodeURIComponent("not-a-cursor")}`, { token: owner.token });
    expectErrorShape(foreign, 400);
  });

  test("a customer reads a shop's catalog only by naming the shop, and cannot write", async () => {
    const owner = await newOwner();
    const p = await createProduct(owner, { name: "Bread", sku: sku(), category: "Bakery", quantity: 3, unit_price: 40 });
    const customer = await newCustomer();
    expectErrorShape(await call("GET", "/v1/products", { token: customer.token }), 403);
    const list = await call("GET", `/v1/products?shopId=${owner.shopId}`, { token: customer.token });
    expect(list.body.map((x: any) => x.id)).toEqual([p.id]);
    expect((await call("GET", `/v1/products/${p.id}?shopId=${owner.shopId}`, { token: customer.token })).status).toBe(200);
    expectErrorShape(await call("PUT", `/v1/products/${p.id}?shopId=${owner.shopId}`, { token: customer.token, body: { quantity: 1, version: 1 } }), 403);
  });
});

describe("deleting products", () => {
  test("staff cannot delete; a stale version is a 409; the owner's delete leaves an audit record", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const p = await createProduct(owner, { name: "Jam", sku: sku(), category: "C", quantity: 2, unit_price: 90 });
    expectErrorShape(await call("DELETE", `/v1/products/${p.id}`, { token: staff.token }), 403);
    await call("PUT", `/v1/products/${p.id}`, { token: owner.token, body: { name: "Jam 500g", version: 1 } });
    expectErrorShape(await call("DELETE", `/v1/products/${p.id}?version=1`, { token: owner.token }), 409);
    expect((await call("DELETE", `/v1/products/${p.id}`, { token: owner.token, headers: { "if-match": '"2"' } })).status).toBe(204);
    expect(await auditOf(owner.shopId, p.id)).toEqual([expect.objectContaining({ action: "product.deleted", actor_id: owner.uid })]);
    expect(await movementsOf(owner.shopId, p.id)).toContainEqual(expect.objectContaining({ delta: -2, quantity_after: 0, reason: "delete" }));
  });
});
