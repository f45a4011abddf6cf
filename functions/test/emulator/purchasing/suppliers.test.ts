import { call, expectErrorShape, newOwner, newStaff } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { db } from "../../../src/platform/firebase";

beforeAll(() => {
  db();
});

const supplierBody = (over: Record<string, unknown> = {}) => ({
  name: "Sri Lakshmi Agencies",
  phone: "+91 98450 12345",
  gstin: "29aagcb7383j1z4",
  lead_time_days: 2,
  min_order: 1500,
  items: [
    { sku: "tata-salt-1kg", name: "Tata Salt 1 kg", buying_price: 22, pack_size: 12 },
    { sku: "ATTA-5KG", name: "Aashirvaad Atta 5 kg", buying_price: 235.5 },
  ],
  ...over,
});

describe("suppliers", () => {
  test("an owner adds a supplier: phone normalised, GSTIN upper-cased, prices in paise, items keyed by product id, version 1", async () => {
    const owner = await newOwner();
    const res = await call("POST", "/v1/suppliers", { token: owner.token, body: supplierBody() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ owner_uid: owner.uid, phone: "+919845012345", gstin: "29AAGCB7383J1Z4", lead_time_days: 2, min_order: 1500, min_order_paise: 150000, version: 1, active: true });
    expect(res.body.items).toEqual([
      { sku: "ATTA-5KG", product_id: "ATTA-5KG", name: "Aashirvaad Atta 5 kg", buying_price: 235.5, buying_price_paise: 23550, pack_size: 1 },
      { sku: "tata-salt-1kg", product_id: "TATA-SALT-1KG", name: "Tata Salt 1 kg", buying_price: 22, buying_price_paise: 2200, pack_size: 12 },
    ]);
    // The shared shape the replenishment job reads.
    const stored = (await adminDb().doc(`suppliers/${res.body.id}`).get()).data();
    expect(stored).toMatchObject({ owner_uid: owner.uid, name: "Sri Lakshmi Agencies", gstin: "29AAGCB7383J1Z4", lead_time_days: 2, min_order_paise: 150000, active: true, version: 1 });
    expect((await adminDb().doc(`suppliers/${res.body.id}/items/TATA-SALT-1KG`).get()).data()).toMatchObject({ sku: "tata-salt-1kg", buying_price_paise: 2200, pack_size: 12 });
  });

  test.each([
    [{ gstin: "29AAGCB7383J1Z5" }, "check character"],
    [{ gstin: "40AAGCB7383J1Z4" }, "state code"],
    [{ phone: "12345" }, "Indian mobile"],
    [{ lead_time_days: 91 }, "at most 90"],
    [{ lead_time_days: 1.5 }, "whole number"],
    [{ min_order: 1e12 }, "at most"],
    [{ items: [{ sku: "A", name: "x", buying_price: 1, pack_size: 0 }] }, "pack_size"],
    [{ items: [{ sku: "A", name: "x", buying_price: 1 }, { sku: "a", name: "y", buying_price: 2 }] }, "repeat a SKU"],
    [{ items: [{ sku: "__proto__", name: "x", buying_price: -1 }] }, "≥ 0"],
    [{ name: "bad \ud800 name" }, "surrogate"],
    [{ extra: 1 }, "extra"],
  ])("a bad supplier %j is a 400 naming the problem, and nothing is written", async (over, problem) => {
    const owner = await newOwner();
    const res = await call("POST", "/v1/suppliers", { token: owner.token, body: supplierBody(over) });
    const err = expectErrorShape(res, 400);
    expect(JSON.stringify(err)).toContain(problem);
    expect((await adminDb().collection("suppliers").where("owner_uid", "==", owner.uid).get()).size).toBe(0);
  });

  test("changes are version-checked like products: a stale version is a 409 carrying the current supplier; items replace the list", async () => {
    const owner = await newOwner();
    const created = (await call("POST", "/v1/suppliers", { token: owner.token, body: supplierBody() })).body;
    const ok = await call("PATCH", `/v1/suppliers/${created.id}`, { token: owner.token, body: { version: 1, lead_time_days: 3, items: [{ sku: "MAGGI-280G", name: "Maggi 280 g", buying_price: 50, pack_size: 24 }] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, lead_time_days: 3 });
    expect(ok.body.items.map((i: { product_id: string }) => i.product_id)).toEqual(["MAGGI-280G"]);
    expect((await adminDb().collection(`suppliers/${created.id}/items`).get()).docs.map((d) => d.id)).toEqual(["MAGGI-280G"]);
    const stale = await call("PATCH", `/v1/suppliers/${created.id}`, { token: owner.token, body: { version: 1, name: "Lost update" } });
    expect(expectErrorShape(stale, 409).details.current).toMatchObject({ version: 2, name: "Sri Lakshmi Agencies" });
    const staleDelete = await call("DELETE", `/v1/suppliers/${created.id}?version=1`, { token: owner.token });
    expectErrorShape(staleDelete, 409);
    expect((await call("DELETE", `/v1/suppliers/${created.id}?version=2`, { token: owner.token })).status).toBe(204);
    expect((await adminDb().doc(`suppliers/${created.id}`).get()).exists).toBe(false);
    expect((await adminDb().collection(`suppliers/${created.id}/items`).get()).size).toBe(0);
  });

  test("staff of the owner's shop read the chain's suppliers but cannot change them; another owner sees a 404", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const other = await newOwner();
    const created = (await call("POST", "/v1/suppliers", { token: owner.token, body: supplierBody() })).body;
    const list = await call("GET", "/v1/suppliers", { token: staff.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect((await call("GET", `/v1/suppliers/${created.id}`, { token: staff.token })).body.items).toHaveLength(2);
    expectErrorShape(await call("POST", "/v1/suppliers", { token: staff.token, body: supplierBody() }), 403);
    expectErrorShape(await call("PATCH", `/v1/suppliers/${created.id}`, { token: staff.token, body: { version: 1, name: "x" } }), 403);
    expectErrorShape(await call("GET", `/v1/suppliers/${created.id}`, { token: other.token }), 404);
    expectErrorShape(await call("PATCH", `/v1/suppliers/${created.id}`, { token: other.token, body: { version: 1, name: "x" } }), 404);
    expect((await call("GET", "/v1/suppliers", { token: other.token })).body.items).toEqual([]);
  });
});
