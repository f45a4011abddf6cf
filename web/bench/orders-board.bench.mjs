// Part of `npm run bench -- web`: "new order → visible on the orders board", p50/p95.
// An order document is written with the Admin SDK (the functions are not running in the web
// bench; what is measured is Firestore's listener path to the board, not order placement — the
// orders bench measures that) and the time until its card is in the board's DOM is taken in the
// page (a MutationObserver, same machine clock). The floor, in the same run: the same writes seen
// by an Admin SDK listener on the same query in Node (the emulator's own delivery time).

const SHOP = "shop-indiranagar";
const IST_OFFSET_MS = 330 * 60_000;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function orderDoc(now, i) {
  const price = 4500 + i;
  return {
    shop_id: SHOP,
    shop_name: "Gupta Kirana Store, Indiranagar",
    customer_id: "bench-customer",
    customer_name: `Bench customer ${i}`,
    order_type: "instant",
    scheduled_pickup_time: null,
    items: [{ product_id: "bench-product", sku: "BENCH-1", name: "Bench item", quantity: 1, unit_price_paise: price, line_total_paise: price, special_instructions: null }],
    item_count: 1,
    total_paise: price,
    order_notes: null,
    has_chitty: false,
    awaiting_chitty: false,
    status: "pending",
    estimated_preparation_minutes: null,
    cancel_reason: null,
    history: [],
    request_hash: "bench",
    idempotency_key: null,
    source: "api",
    applied_operations: [],
    ist_date: new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10),
    version: 1,
    created_at: now,
    updated_at: now,
    confirmed_at: null,
    ready_at: null,
  };
}

/**
 * Opens the board as the Indiranagar staff member and writes `samples` orders one at a time,
 * each after the previous one's card appeared. Returns the figures and prints them.
 */
export async function benchOrdersBoard({ browser, app, db, samples, password }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${app}/`);
  await page.getByLabel("Email").fill("suresh@kirana.demo");
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector("[data-testid=product-row]", { timeout: 120_000 });
  await page.getByRole("link", { name: "Orders" }).click();
  await page.waitForSelector("[data-testid=board-live]", { timeout: 120_000 });
  await page.evaluate(() => {
    const seen = (window.__boardSeen = {});
    new MutationObserver(() => {
      for (const el of document.querySelectorAll("[data-testid=order-card][data-order-id^='bench-board-']")) seen[el.dataset.orderId] ??= Date.now();
    }).observe(document.body, { childList: true, subtree: true });
  });

  const floorSeen = new Map();
  const stop = db
    .collection("orders")
    .where("shop_id", "==", SHOP)
    .where("status", "in", ["pending", "confirmed", "preparing", "ready"])
    .onSnapshot((snap) => {
      for (const ch of snap.docChanges()) if (ch.doc.id.startsWith("bench-board-") && !floorSeen.has(ch.doc.id)) floorSeen.set(ch.doc.id, Date.now());
    });

  const board = [];
  const floor = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < samples; i++) {
    const id = `bench-board-${run}-${i}`;
    const t0 = Date.now();
    await db.doc(`orders/${id}`).set(orderDoc(new Date(), i));
    const seenAt = await (await page.waitForFunction((x) => window.__boardSeen[x] ?? 0, id, { timeout: 60_000, polling: 50 })).jsonValue();
    board.push(seenAt - t0);
    const start = Date.now();
    while (!floorSeen.has(id) && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 5));
    if (floorSeen.has(id)) floor.push(floorSeen.get(id) - t0);
  }
  stop();
  await context.close();
  const figures = { samples, boardP50: pct(board, 50), boardP95: pct(board, 95), floorP50: pct(floor, 50), floorP95: pct(floor, 95) };
  console.log(
    `\nnew order → visible on the orders board (${samples} orders, no throttling): p50 ${figures.boardP50} ms, p95 ${figures.boardP95} ms; ` +
      `floor (Admin SDK listener on the same query): p50 ${figures.floorP50} ms, p95 ${figures.floorP95} ms; the board adds p50 ${figures.boardP50 - figures.floorP50} ms`,
  );
  return figures;
}
