// npm run bench -- web: the shop console's load performance in Chromium, against the emulators.
// Cold load (empty HTTP cache, no service worker, empty Firestore cache; the user is signed in)
// and warm reload (app shell from the service worker, data from the offline cache) with CDP
// CPU 4× slowdown and DevTools' "Fast 3G" profile; first contentful paint and time to the first
// inventory row at 212 and 5,000 products; and the JavaScript the browser actually downloaded
// before the first inventory row (cold) and before the sign-in form (signed out), gzip. Figures
// are printed next to the baseline in web/bench/baseline.json (the build before the boot-path
// work, measured the same way), with this machine's load average.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
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

const dist = path.join(root, "web/dist");
const gzKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 6 }).length / 1024;

/** gzip size of built JS files named by URL path ("/assets/x.js"); and of every built JS file. */
function jsKb(paths) {
  const files = [...new Set(paths)].filter((p) => p.startsWith("/assets/") && p.endsWith(".js"));
  return { kb: files.reduce((s, f) => s + gzKb(f), 0), files: files.length };
}
function allJs() {
  const all = fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
  return { kb: all.reduce((s, f) => s + gzKb(`assets/${f}`), 0), files: all.length };
}

/** The same-origin JS the page had asked for when `atMs` came (Resource Timing), as URL paths. */
function scriptsBefore(page, atMs) {
  return page.evaluate(
    (at) =>
      performance
        .getEntriesByType("resource")
        .filter((e) => e.startTime <= at && new URL(e.name).origin === location.origin && new URL(e.name).pathname.endsWith(".js"))
        .map((e) => new URL(e.name).pathname),
    atMs,
  );
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
  // The paint entry is queued after the frame is presented: wait for it (no contentful paint in 5 s: null).
  const fcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName("first-contentful-paint")[0];
          if (e) resolve(e.startTime);
        }).observe({ type: "paint", buffered: true });
        setTimeout(() => resolve(null), 5000);
      }),
  );
  if (process.env.WEB_BENCH_VERBOSE)
    console.log(
      await page.evaluate(() =>
        [...performance.getEntriesByType("resource"), ...performance.getEntriesByType("mark")]
          .map((e) => `  ${Math.round(e.startTime)}→${Math.round(e.responseEnd ?? e.startTime)} ms ${e.name.replace(location.origin, "")}${e.transferSize ? ` (${(e.transferSize / 1024).toFixed(1)} kB)` : ""}`)
          .join("\n"),
      ),
    );
  // Where the first rows came from: the request index.html makes at load, the offline cache or the server.
  const source = await page.evaluate(() => performance.getEntriesByType("mark").find((m) => m.name.startsWith("kirana:first-rows:"))?.name.split(":")[2] ?? "?");
  // The JS asked for before the rows were committed (the app's `kirana:rows-in-dom` mark; the
  // polling above sees them a frame later, when code meant to wait for them may have started).
  const committed = await page.evaluate(() => performance.getEntriesByName("kirana:rows-in-dom")[0]?.startTime ?? null);
  const scripts = await scriptsBefore(page, committed ?? rowMs);
  return { rowMs, fcpMs: fcp, source, scripts };
}

/** Cold load of the signed-out console: ms to the sign-in form and the JS it needed. */
async function signInScreen(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await throttle(page);
  await page.goto(`${APP}/`);
  const ready = await page.waitForFunction(() => (document.querySelector("button[type=submit]") ? performance.now() : 0), null, { timeout: 120_000, polling: "raf" });
  const ms = await ready.jsonValue();
  const scripts = await scriptsBefore(page, ms);
  await context.close();
  return { ms, scripts };
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
  // ...then forget everything but the sign-in: service worker, caches, Firestore's cache, the
  // cached profile and first rows.
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
    // The cached profile and the device's snapshot of the first rows are caches too.
    for (const k of Object.keys(localStorage)) if (k.startsWith("kirana.me.") || k.startsWith("kirana.device.")) localStorage.removeItem(k);
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
  if (!boardOnly && process.env.WEB_BENCH_SIZES !== "212") await seedShop("bench-5000", "bench5000@kirana.demo", 5000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  if (boardOnly) {
    await benchOrdersBoard({ browser, app: APP, db: boardDb(), samples: process.env.KIRANA_BENCH_TINY === "1" ? 3 : 30, password: PASSWORD });
    await browser.close();
    return;
  }
  const signIn = await signInScreen(browser);
  const rows = [];
  let coldScripts = [];
  const sizes = [["212 products", "suresh@kirana.demo"], ["5,000 products", "bench5000@kirana.demo"]];
  // WEB_BENCH_SIZES=212 measures the seed's shop only (a quicker loop while working on it).
  for (const [label, email] of process.env.WEB_BENCH_SIZES === "212" ? sizes.slice(0, 1) : sizes) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, email));
    const r = {
      label,
      fcp: median(runs.map((x) => x.cold.fcpMs)),
      coldRow: median(runs.map((x) => x.cold.rowMs)),
      warmFcp: median(runs.map((x) => x.warm.fcpMs)),
      warmRow: median(runs.map((x) => x.warm.rowMs)),
      sources: `cold ${runs.map((x) => x.cold.source).join("/")}, warm ${runs.map((x) => x.warm.source).join("/")}`,
    };
    coldScripts.push(...runs.flatMap((x) => x.cold.scripts));
    rows.push(r);
    console.log(`${label}: cold FCP ${Math.round(r.fcp)} ms, cold first row ${Math.round(r.coldRow)} ms, warm FCP ${Math.round(r.warmFcp)} ms, warm first row ${Math.round(r.warmRow)} ms (median of ${RUNS}; runs: ${runs.map((x) => Math.round(x.cold.rowMs)).join("/")} cold, ${runs.map((x) => Math.round(x.warm.rowMs)).join("/")} warm; first rows from: ${r.sources})`);
  }
  await benchOrdersBoard({ browser, app: APP, db: boardDb(), samples: process.env.KIRANA_BENCH_TINY === "1" ? 3 : 30, password: PASSWORD });
  await browser.close();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(", ");
  // Honest "initial JS": what the browser fetched before the first row of a cold load (the
  // largest set over the runs), and before the sign-in form — not the entry chunk alone.
  const inventoryJs = jsKb(coldScripts);
  const signInJs = jsKb(signIn.scripts);
  const all = allJs();
  console.log(`\nsign-in screen (signed out, cold): form after ${Math.round(signIn.ms)} ms`);
  console.log(`JS (gzip -6 of the built files): before the first inventory row ${inventoryJs.kb.toFixed(1)} kB in ${inventoryJs.files} files; before the sign-in form ${signInJs.kb.toFixed(1)} kB in ${signInJs.files} files; all screens ${all.kb.toFixed(1)} kB in ${all.files} files`);
  console.log(`load average now: ${load}`);

  const base = JSON.parse(fs.readFileSync(path.join(here, "baseline.json"), "utf8"));
  const b = base.figures;
  console.log(`\nbaseline: ${base.what} (load average then: ${base.load_average})`);
  console.log("\n| figure (Fast 3G, CPU 4×, median) | 212 products | 5,000 products | baseline 212 / 5,000 | target |");
  console.log("| --- | --- | --- | --- | --- |");
  const ms = (v) => `${Math.round(v).toLocaleString("en-IN")} ms`;
  const cell = (v, t) => (v == null ? "—" : `${ms(v)}${t ? (v < t ? " ✓" : " ✗") : ""}`);
  console.log(`| cold: first contentful paint | ${cell(rows[0].fcp)} | ${cell(rows[1]?.fcp)} | ${ms(b.cold_fcp[0])} / ${ms(b.cold_fcp[1])} | |`);
  console.log(`| cold: first inventory row | ${cell(rows[0].coldRow, TARGETS.firstRowMs)} | ${cell(rows[1]?.coldRow, TARGETS.firstRowMs)} | ${ms(b.cold_row[0])} / ${ms(b.cold_row[1])} | < 2,500 ms |`);
  console.log(`| warm reload (offline cache): first row | ${cell(rows[0].warmRow, TARGETS.warmMs)} | ${cell(rows[1]?.warmRow, TARGETS.warmMs)} | ${ms(b.warm_row[0])} / ${ms(b.warm_row[1])} | < 1,000 ms |`);
  console.log(`| cold: sign-in form (signed out) | ${ms(signIn.ms)} | | ${b.sign_in_ms ? ms(b.sign_in_ms) : "—"} | |`);
  const kb = (v, t) => `${v.toFixed(0)} kB${t ? (v < t ? " ✓" : " ✗") : ""}`;
  console.log(`| JS before the first row (gzip) | ${kb(inventoryJs.kb, TARGETS.initialJsKb)} | | ${kb(b.js_before_row_kb)} | < 250 kB |`);
  console.log(`| JS before the sign-in form (gzip) | ${kb(signInJs.kb, TARGETS.initialJsKb)} | | ${kb(b.js_before_sign_in_kb)} | < 250 kB |`);
  console.log(`| JS of all screens (gzip) | ${kb(all.kb)} | | ${kb(b.js_all_kb)} | |`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
