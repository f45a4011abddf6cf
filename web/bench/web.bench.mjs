// npm run bench -- web: the shop console's load performance in Chromium, against the emulators.
// Cold load (empty HTTP cache, no service worker, empty Firestore cache; the user is signed in)
// and warm reload (app shell from the service worker, data from the offline cache) with CDP
// CPU 4× slowdown and DevTools' "Fast 3G" profile; first contentful paint and time to the first
// inventory row at 212 and 5,000 products; and the JavaScript the first screen needs (gzip).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { chromium } from "@playwright/test";
import { benchOrdersBoard } from "./orders-board.bench.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const fnRequire = createRequire(path.join(root, "functions/package.json"));
const admin = fnRequire("firebase-admin");
const { newStoredProduct, productIdForSku } = fnRequire("./lib/src/inventory/products.schema.js");

const APP = process.env.KIRANA_APP_URL;
const PROJECT = process.env.GCLOUD_PROJECT ?? "demo-kirana";
const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 1);
const TARGETS = { firstRowMs: 2500, warmMs: 1000, initialJsKb: 250 };
// Chrome DevTools' "Fast 3G" preset.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const PASSWORD = "kirana123";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A shop with `count` products and its owner, written with the Admin SDK (no API on the path). */
async function seedShop(shopId, email, count) {
  const app = admin.apps.length ? admin.app() : admin.initializeApp({ projectId: PROJECT });
  const db = app.firestore();
  const auth = app.auth();
  const user = await auth.createUser({ email, password: PASSWORD, displayName: "Bench Owner" });
  await auth.setCustomUserClaims(user.uid, { shops: { [shopId]: "owner" } });
  const at = new Date();
  await db.doc(`users/${user.uid}`).set({ email, display_name: "Bench Owner", shops: { [shopId]: "owner" }, created_at: at, updated_at: at });
  await db.doc(`shops/${shopId}`).set({ name: `Bench shop (${count})`, owner_id: user.uid, address: null, city: "Bengaluru", phone: null, location: null, geohash: null, created_at: at });
  await db.doc(`shops/${shopId}/members/${user.uid}`).set({ role: "owner", email, joined_at: at });
  const writer = db.bulkWriter();
  const cats = ["Staples", "Dairy", "Snacks", "Beverages", "Household", "Personal Care", "Masalas", "Oils", "Fresh", "Dals"];
  for (let i = 0; i < count; i++) {
    const sku = `BENCH-${String(i).padStart(5, "0")}`;
    const product = newStoredProduct(
      { sku, name: `Bench Product ${i} Premium Quality ${cats[i % cats.length]} Pack`, category: cats[i % cats.length], quantity: (i * 7) % 60, unit_price_paise: 1000 + ((i * 137) % 50000), unit: "1 pc" },
      user.uid,
      at,
    );
    writer.create(db.doc(`shops/${shopId}/products/${productIdForSku(sku)}`), product);
  }
  await writer.close();
}

/** The Admin SDK's Firestore (the orders board's writes). */
const boardDb = () => (admin.apps.length ? admin.app() : admin.initializeApp({ projectId: PROJECT })).firestore();

/** Files the first screen loads: the entry script and its modulepreloads (gzip -6 sizes). */
function jsShipped() {
  const dist = path.join(root, "web/dist");
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f))).length;
  const all = fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
  const initialKb = initial.reduce((s, f) => s + gz(f), 0) / 1024;
  const totalKb = all.reduce((s, f) => s + gz(`assets/${f}`), 0) / 1024;
  return { initialKb, totalKb, initialFiles: initial.length, files: all.length };
}

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

/** ms from navigation start to the first inventory row, and the first contentful paint. */
async function measureLoad(page, load) {
  await load();
  const firstRow = await page.waitForFunction(() => (document.querySelector("[data-testid=product-row]") ? performance.now() : 0), null, { timeout: 120_000, polling: "raf" });
  const rowMs = await firstRow.jsonValue();
  const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null);
  return { rowMs, fcpMs: fcp };
}

async function oneRun(browser, email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  // Sign in unthrottled, so the run starts as a returning, signed-in user...
  await page.goto(`${APP}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector("[data-testid=product-row]", { timeout: 120_000 });
  // ...then forget everything but the sign-in: service worker, caches, Firestore's cache, profile.
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
    for (const k of Object.keys(localStorage)) if (k.startsWith("kirana.me.")) localStorage.removeItem(k);
  });
  await page.goto("about:blank");
  const cleaner = await context.newPage();
  await cleaner.goto(`${APP}/config.js`);
  await cleaner.evaluate(async () => {
    for (const db of await indexedDB.databases()) if (db.name?.startsWith("firestore/")) await new Promise((ok) => { const r = indexedDB.deleteDatabase(db.name); r.onsuccess = r.onerror = r.onblocked = ok; });
  });
  await cleaner.close();
  const cdp = await throttle(page);
  await cdp.send("Network.clearBrowserCache");
  const cold = await measureLoad(page, () => page.goto(`${APP}/`));
  // Let the service worker install and the full catalog reach the cache, then reload.
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === "activated", null, { timeout: 120_000 });
  await page.waitForFunction(() => !/loading/.test(document.querySelector("[data-testid=product-count]")?.textContent ?? "loading"), null, { timeout: 180_000 });
  const warm = await measureLoad(page, () => page.reload());
  await context.close();
  return { cold, warm };
}

async function main() {
  if (!APP) throw new Error("run through `npm run bench -- web`");
  console.log("seeding: the demo chain (212 products per shop) and a 5,000-product shop");
  execFileSync(process.execPath, [path.join(root, "functions/lib/tools/seed.js")], { stdio: "inherit" });
  const boardOnly = process.env.WEB_BENCH_ONLY === "orders-board"; // only the orders board's figure
  if (!boardOnly) await seedShop("bench-5000", "bench5000@kirana.demo", 5000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  if (boardOnly) {
    await benchOrdersBoard({ browser, app: APP, db: boardDb(), samples: process.env.KIRANA_BENCH_TINY === "1" ? 3 : 30, password: PASSWORD });
    await browser.close();
    return;
  }
  const rows = [];
  for (const [label, email] of [["212 products", "suresh@kirana.demo"], ["5,000 products", "bench5000@kirana.demo"]]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, email));
    const r = {
      label,
      fcp: median(runs.map((x) => x.cold.fcpMs)),
      coldRow: median(runs.map((x) => x.cold.rowMs)),
      warmFcp: median(runs.map((x) => x.warm.fcpMs)),
      warmRow: median(runs.map((x) => x.warm.rowMs)),
    };
    rows.push(r);
    console.log(`${label}: cold FCP ${Math.round(r.fcp)} ms, cold first row ${Math.round(r.coldRow)} ms, warm FCP ${Math.round(r.warmFcp)} ms, warm first row ${Math.round(r.warmRow)} ms (median of ${RUNS}; runs: ${runs.map((x) => Math.round(x.cold.rowMs)).join("/")} cold, ${runs.map((x) => Math.round(x.warm.rowMs)).join("/")} warm)`);
  }
  await benchOrdersBoard({ browser, app: APP, db: boardDb(), samples: process.env.KIRANA_BENCH_TINY === "1" ? 3 : 30, password: PASSWORD });
  await browser.close();
  const js = jsShipped();
  console.log(`\nJS shipped (gzip): first screen ${js.initialKb.toFixed(1)} kB in ${js.initialFiles} files; all ${js.totalKb.toFixed(1)} kB in ${js.files} files`);
  console.log("\n| figure (Fast 3G, CPU 4×, median) | 212 products | 5,000 products | target |");
  console.log("| --- | --- | --- | --- |");
  const cell = (v, t) => `${Math.round(v).toLocaleString("en-IN")} ms${t ? (v < t ? " ✓" : " ✗") : ""}`;
  console.log(`| cold: first contentful paint | ${cell(rows[0].fcp)} | ${cell(rows[1].fcp)} | |`);
  console.log(`| cold: first inventory row | ${cell(rows[0].coldRow, TARGETS.firstRowMs)} | ${cell(rows[1].coldRow, TARGETS.firstRowMs)} | < 2,500 ms |`);
  console.log(`| warm reload (offline cache): first row | ${cell(rows[0].warmRow, TARGETS.warmMs)} | ${cell(rows[1].warmRow, TARGETS.warmMs)} | < 1,000 ms |`);
  console.log(`| JS for the first screen (gzip) | ${js.initialKb.toFixed(0)} kB${js.initialKb < TARGETS.initialJsKb ? " ✓" : " ✗"} | | < 250 kB |`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
