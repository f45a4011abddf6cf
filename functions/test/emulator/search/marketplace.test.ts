import { call, expectErrorShape, newCustomer, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";
import { putProduct } from "../../helpers/products";
import { northOf, putShop, randomCenter } from "../../helpers/shops";
import type { GeoPoint } from "../../../src/identity/identity.schema";

let customer: TestUser;
beforeAll(async () => {
  adminDb();
  customer = await newCustomer();
});

const get = (path: string) => call("GET", path, { token: customer.token });

/** A shop near `center` stocked with the given products. */
async function stockedShop(center: GeoPoint, km: number, name: string, products: Array<{ sku: string; name: string; quantity: number; price: number; category?: string }>) {
  const shop = await putShop({ name, location: northOf(center, km), category: "kirana" });
  await Promise.all(
    products.map((p) =>
      putProduct(shop.id, { sku: p.sku, name: p.name, quantity: p.quantity, unit_price_paise: p.price * 100, mrp_paise: (p.price + 20) * 100, unit: "5 kg", category: p.category ?? "Staples" }),
    ),
  );
  return shop;
}

describe("GET /v1/shops/{shopId}/items", () => {
  let shopId: string;
  beforeAll(async () => {
    const shop = await stockedShop(randomCenter(), 1, "Items Kirana", [
      { sku: "ATTA-5", name: "Aashirvaad Shudh Chakki Atta 5 kg", quantity: 12, price: 265 },
      { sku: "ATTA-10", name: "Aashirvaad Shudh Chakki Atta 10 kg", quantity: 0, price: 510 },
      { sku: "RICE-1", name: "India Gate Basmati Rice 1 kg", quantity: 4, price: 145 },
      { sku: "BUTTER", name: "Amul Butter 100 g", quantity: 30, price: 56.5, category: "Dairy" },
      { sku: "GHEE", name: "Amul Pure Ghee 1 L", quantity: 3, price: 610, category: "Dairy" },
    ]);
    shopId = shop.id;
    // One malformed product document must not fail the list.
    await adminDb().doc(`shops/${shopId}/products/BROKEN`).set({ name: "Broken", quantity: "lots" });
  });

  test("a customer sees the in-stock catalog in the Smart Kirana shape, in rupees", async () => {
    const res = await get(`/v1/shops/${shopId}/items`);
    expect(res.status).toBe(200);
    expect(res.body.map((i: any) => i.product_id)).toEqual(["ATTA-5", "BUTTER", "GHEE", "RICE-1"]);
    expect(res.body[1]).toEqual({ product_id: "BUTTER", product_name: "Amul Butter 100 g", category: "Dairy", image_url: null, mrp: 76.5, unit: "5 kg", price: 56.5, stock: 30 });
  });

  test("word-prefix search and category filter", async () => {
    expect((await get(`/v1/shops/${shopId}/items?search=chakki`)).body.map((i: any) => i.product_id)).toEqual(["ATTA-5"]);
    expect((await get(`/v1/shops/${shopId}/items?search=amul%20gh`)).body.map((i: any) => i.product_id)).toEqual(["GHEE"]);
    expect((await get(`/v1/shops/${shopId}/items?category=Dairy`)).body.map((i: any) => i.product_id)).toEqual(["BUTTER", "GHEE"]);
  });

  test("pages through with a cursor; a forged or foreign cursor is a 400", async () => {
    const first = await get(`/v1/shops/${shopId}/items?limit=3`);
    expect(first.body.items.map((i: any) => i.product_id)).toEqual(["ATTA-5", "BUTTER", "GHEE"]);
    const second = await get(`/v1/shops/${shopId}/items?limit=3&cursor=${first.body.next_cursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ product_id: "RICE-1" })], next_cursor: null });
    expectErrorShape(await get(`/v1/shops/${shopId}/items?limit=3&cursor=not-a-cursor`), 400);
    const foreign = Buffer.from(JSON.stringify({ s: "price", o: "desc", v: 1, i: "X" })).toString("base64url");
    expectErrorShape(await get(`/v1/shops/${shopId}/items?cursor=${foreign}`), 400);
    expectErrorShape(await get(`/v1/shops/${shopId}/items?limit=0`), 400);
    expectErrorShape(await get(`/v1/shops/${shopId}/items?in_stock=false`), 400);
  });

  test("an unknown shop is a 404", async () => {
    expectErrorShape(await get("/v1/shops/no-such-shop/items"), 404);
  });
});

describe("GET /v1/search", () => {
  let center: GeoPoint;
  let near: { id: string };
  let farther: { id: string };
  beforeAll(async () => {
    center = randomCenter();
    near = await stockedShop(center, 1, "Sharma Provision Store", [
      { sku: "ATTA-5", name: "Aashirvaad Shudh Chakki Atta 5 kg", quantity: 8, price: 265 },
      { sku: "BUTTER", name: "Amul Butter 100 g", quantity: 10, price: 56 },
    ]);
    farther = await stockedShop(center, 3, "Gupta Kirana", [
      { sku: "AAS-ATTA-5KG", name: "Aashirvaad Shudh Chakki Atta 5 kg", quantity: 2, price: 260 },
      { sku: "RICE", name: "Daawat Basmati Rice 1 kg", quantity: 9, price: 150 },
    ]);
    // Nearest of all, but sold out; and one outside the radius.
    await stockedShop(center, 0.5, "Sold Out Stores", [{ sku: "ATTA-5", name: "Aashirvaad Shudh Chakki Atta 5 kg", quantity: 0, price: 250 }]);
    await stockedShop(center, 12, "Far Away Mart", [{ sku: "ATTA-5", name: "Aashirvaad Shudh Chakki Atta 5 kg", quantity: 50, price: 199 }]);
  });

  const search = (q: string, extra = "") => get(`/v1/search?q=${encodeURIComponent(q)}&lat=${center.lat}&lng=${center.lng}${extra}`);

  test('"aashirvaad atta": which shops near me have it, at what price, how far — nearest first, in stock only', async () => {
    const res = await search("aashirvaad atta");
    expect(res.status).toBe(200);
    expect(res.body.typo_tolerant).toBe(false);
    expect(res.body.products.map((p: any) => [p.shop.shop_id, p.price, p.stock, p.distance_km])).toEqual([
      [near.id, 265, 8, 1],
      [farther.id, 260, 2, 3],
    ]);
    expect(res.body.products[0]).toMatchObject({ product_id: "ATTA-5", product_name: "Aashirvaad Shudh Chakki Atta 5 kg", shop: { name: "Sharma Provision Store", open_now: true, accepting_orders: true }, typos: 0 });
    expect(res.body.shops_searched).toBe(3);
  });

  test('typos are tolerated: "ashirvad" and "amull" find Aashirvaad and Amul', async () => {
    const ashirvad = await search("ashirvad");
    expect(ashirvad.body.typo_tolerant).toBe(true);
    expect(ashirvad.body.products.map((p: any) => p.shop.shop_id)).toEqual([near.id, farther.id]);
    expect(ashirvad.body.products[0].typos).toBe(2);
    const amull = await search("amull");
    expect(amull.body.products.map((p: any) => [p.product_name, p.typos])).toEqual([["Amul Butter 100 g", 1]]);
  });

  test("a misspelt second word still matches, ranked by typos; an exact query is not typo-tolerant", async () => {
    const misspelt = await search("aashirvaad atts");
    expect(misspelt.body.products.map((p: any) => [p.shop.shop_id, p.typos])).toEqual([
      [near.id, 1],
      [farther.id, 1],
    ]);
    const res = await search("basmati");
    expect(res.body.products.map((p: any) => p.product_id)).toEqual(["RICE"]);
    expect(res.body.typo_tolerant).toBe(false);
  });

  test("shops whose name matches come back with their distance", async () => {
    const res = await search("sharma");
    expect(res.body.shops).toEqual([expect.objectContaining({ shop_id: near.id, name: "Sharma Provision Store", distance_km: 1, typos: 0, open_now: true })]);
    expect(res.body.products).toEqual([]);
  });

  test("nothing beyond the radius; nonsense finds nothing", async () => {
    expect((await search("aashirvaad", "&radius_km=0.8")).body.products).toEqual([]);
    const none = await search("zzqqxx");
    expect(none.body).toMatchObject({ shops: [], products: [] });
  });

  test.each([
    ["lat=1&lng=1", "q"],
    ["q=&lat=1&lng=1", "q"],
    ["q=%20%20&lat=1&lng=1", "q"],
    ["q=%2B%2B%2B&lat=1&lng=1", "q"],
    [`q=${"a".repeat(101)}&lat=1&lng=1`, "q"],
    ["q=atta&lng=1", "lat"],
    ["q=atta&lat=1&lng=1&radius_km=0", "radius_km"],
    ["q=atta&lat=1&lng=1&limit=101", "limit"],
    ["q=a&q=b&lat=1&lng=1", "q"],
  ])("bad query %s is a 400 naming %s", async (query, param) => {
    const body = expectErrorShape(await get(`/v1/search?${query}`), 400);
    expect(body.message).toContain(param);
  });

  test("an encoded lone surrogate in q (not valid UTF-8) is kept as literal text: no error, no hits", async () => {
    const res = await get(`/v1/search?q=%ED%A0%80aashirvaad&lat=${center.lat}&lng=${center.lng}`);
    expect(res.status).toBe(200);
    expect(res.body.products).toEqual([]);
  });
});
