import { adminDb, waitFor } from "../../helpers/emulators";
import { call, newOwner, newStaff, type TestUser } from "../../helpers/api";
import { db } from "../../../src/platform/firebase";
import { handleStockAlert, sendDailyDigests } from "../../../src/replenishment/stock-alerts.handlers";

// Alerts ride on the product trigger, which shares the emulator's event queue with other suites.
jest.setTimeout(150_000);

beforeAll(() => {
  db();
});

type Shop = TestUser & { shopId: string };

async function stockNotifications(uid: string, productId: string): Promise<Array<Record<string, any>>> {
  const snap = await adminDb().collection(`users/${uid}/notifications`).get();
  return snap.docs
    .map((d) => ({ id: d.id, ...d.data() }) as Record<string, any>)
    .filter((n) => String(n.type).startsWith("stock_") && n.data?.product_id === productId)
    .sort((a, b) => a.created_at.toMillis() - b.created_at.toMillis() || (a.id < b.id ? -1 : 1));
}

async function createProduct(owner: Shop, sku: string, quantity: number, threshold = 5): Promise<string> {
  const res = await call("POST", `/v1/products?shopId=${owner.shopId}`, { token: owner.token, body: { sku, name: `Item ${sku}`, category: "Staples", quantity, unit_price: 40, low_stock_threshold: threshold } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function adjust(user: Shop, productId: string, delta: number, reason: string): Promise<void> {
  const res = await call("POST", `/v1/products/${productId}/adjustments?shopId=${user.shopId}`, { token: user.token, body: { delta, reason } });
  expect(res.status).toBe(200);
}

async function waitForCount(uid: string, productId: string, count: number, what: string): Promise<Array<Record<string, any>>> {
  return waitFor(async () => {
    const list = await stockNotifications(uid, productId);
    return list.length >= count ? list : undefined;
  }, what, 120_000);
}

describe("low and out-of-stock alerts through the product trigger", () => {
  let owner: Shop;
  let staff: Shop;
  beforeAll(async () => {
    owner = await newOwner();
    staff = await newStaff(owner);
  });

  test("going low, back above, then low again alerts owner and staff twice, with quantity and threshold, and the return is a cleared alert", async () => {
    const id = await createProduct(owner, "ALERT-RICE", 20, 5);
    await adjust(staff, id, -16, "sale"); // 4: low
    const first = await waitForCount(owner.uid, id, 1, "the first low alert");
    expect(first[0]).toMatchObject({ type: "stock_low", shop_id: owner.shopId, order_id: null, read: false, data: { quantity: 4, threshold: 5, state: "low", cleared: false, sku: "ALERT-RICE" } });
    await adjust(owner, id, 10, "receipt"); // 14: ok
    await waitForCount(owner.uid, id, 2, "the back-in-stock notification");
    await adjust(staff, id, -2, "sale"); // 12: still ok, no alert
    await adjust(staff, id, -10, "sale"); // 2: low again
    const all = await waitForCount(owner.uid, id, 3, "the second low alert");
    expect(all.map((n) => n.type)).toEqual(["stock_low", "stock_back", "stock_low"]);
    expect(all[1].data).toMatchObject({ quantity: 14, cleared: true, state: "ok" });
    expect(all[2].data).toMatchObject({ quantity: 2, threshold: 5 });
    expect(new Set(all.map((n) => n.id)).size).toBe(3);
    // Staff get the same alerts.
    expect((await waitForCount(staff.uid, id, 3, "the staff member's alerts")).map((n) => n.type)).toEqual(["stock_low", "stock_back", "stock_low"]);
    // The product's alert state shows it is low now, announced by the last alert.
    const state = await waitFor(async () => {
      const s = (await adminDb().doc(`shops/${owner.shopId}/stock_alerts/${id}`).get()).data();
      return s && s.quantity === 2 ? s : undefined;
    }, "the alert state", 60_000);
    expect(state).toMatchObject({ state: "low", cleared: false, threshold: 5, notification_id: all[2].id });
  });

  test("selling out is an out-of-stock alert; a redelivered event sends nothing twice", async () => {
    const id = await createProduct(owner, "ALERT-DAL", 3, 5);
    await adjust(staff, id, -3, "sale");
    const [out] = await waitForCount(owner.uid, id, 1, "the out-of-stock alert");
    expect(out).toMatchObject({ type: "stock_out", data: { quantity: 0, threshold: 5, state: "out" } });
    // The same crossing delivered again (the platform retries at least once) creates nothing.
    const product = (await adminDb().doc(`shops/${owner.shopId}/products/${id}`).get()).data()!;
    const input = { eventId: "redelivered-1", shopId: owner.shopId, productId: id, before: { ...product, quantity: 3, version: product.version - 1 }, after: product };
    const again = await handleStockAlert(input);
    const third = await handleStockAlert({ ...input, eventId: "redelivered-2" });
    expect(again).toMatchObject({ type: "stock_out", created: 0 });
    expect(third.created).toBe(0);
    expect(await stockNotifications(owner.uid, id)).toHaveLength(1);
    expect(await stockNotifications(staff.uid, id)).toHaveLength(1);
  });

  test("a late event of an older version does not overwrite the newer alert state", async () => {
    const id = await createProduct(owner, "ALERT-OIL", 2, 5);
    const product = (await adminDb().doc(`shops/${owner.shopId}/products/${id}`).get()).data()!;
    const newer = { ...product, quantity: 50, version: product.version + 2 };
    const older = { ...product, quantity: 1, version: product.version + 1 };
    await handleStockAlert({ eventId: "ooo-2", shopId: owner.shopId, productId: id, before: older, after: newer });
    const late = await handleStockAlert({ eventId: "ooo-1", shopId: owner.shopId, productId: id, before: product, after: older });
    expect(late.stateWritten).toBe(false);
    expect((await adminDb().doc(`shops/${owner.shopId}/stock_alerts/${id}`).get()).data()).toMatchObject({ state: "ok", quantity: 50, cleared: true });
  });

  test("a member who turned instant alerts off gets none; the settings round-trip through the API", async () => {
    const shop = await newOwner();
    const put = await call("PUT", "/v1/users/me/stock-alert-settings", { token: shop.token, body: { instant: false } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ instant: false, daily_digest: false });
    const got = await call("GET", "/v1/users/me/stock-alert-settings", { token: shop.token });
    expect(got.body).toMatchObject({ instant: false, daily_digest: false });
    const id = await createProduct(shop, "QUIET", 10, 5);
    const product = (await adminDb().doc(`shops/${shop.shopId}/products/${id}`).get()).data()!;
    const result = await handleStockAlert({ eventId: "quiet-1", shopId: shop.shopId, productId: id, before: product, after: { ...product, quantity: 1, version: product.version + 1 } });
    expect(result).toMatchObject({ type: "stock_low", created: 0 });
    expect(await stockNotifications(shop.uid, id)).toHaveLength(0);
  });

  test("bad settings bodies are a 400 in the error shape and change nothing", async () => {
    const shop = await newOwner();
    for (const body of [{}, { instant: "yes" }, { daily_digest: true, extra: 1 }]) {
      const res = await call("PUT", "/v1/users/me/stock-alert-settings", { token: shop.token, body });
      expect(res.status).toBe(400);
      expect(typeof res.body.detail).toBe("string");
    }
    expect((await call("GET", "/v1/users/me/stock-alert-settings", { token: shop.token })).body).toMatchObject({ instant: true, daily_digest: false, updated_at: null });
  });

  test("the daily digest lists each opted-in user's low and out-of-stock items once a day", async () => {
    const shop = await newOwner();
    expect((await call("PUT", "/v1/users/me/stock-alert-settings", { token: shop.token, body: { daily_digest: true } })).status).toBe(200);
    const low = await createProduct(shop, "DIGEST-LOW", 20, 5);
    const ok = await createProduct(shop, "DIGEST-OK", 20, 5);
    await adjust(shop, low, -17, "sale"); // 3: low
    await waitFor(async () => ((await adminDb().doc(`shops/${shop.shopId}/stock_alerts/${low}`).get()).data()?.state === "low" ? true : undefined), "the low state", 120_000);
    const at = new Date("2031-01-05T03:00:00Z"); // a day no other test uses
    const first = await sendDailyDigests(at);
    const second = await sendDailyDigests(at);
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect(second.created).toBe(0);
    const digest = (await adminDb().doc(`users/${shop.uid}/notifications/stock-digest-2031-01-05`).get()).data()!;
    expect(digest).toMatchObject({ type: "stock_digest", shop_id: null, order_id: null, data: { day: "2031-01-05", low_count: 1, out_count: 0 } });
    expect(digest.data.items).toEqual([expect.objectContaining({ shop_id: shop.shopId, product_id: low, quantity: 3, threshold: 5, state: "low" })]);
    expect(digest.data.items.some((i: { product_id: string }) => i.product_id === ok)).toBe(false);
  });
});
