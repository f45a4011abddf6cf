import { randomUUID } from "node:crypto";
import { getApp, getApps, initializeApp } from "firebase-admin/app";
import { median, percentile, report, round, type Bench } from "./harness";
import { newStoredProduct, productIdForSku } from "../src/inventory/products.schema";
import type { GeoPoint, ShopDoc } from "../src/identity/identity.schema";
import { CATALOG } from "../tools/seed-catalog";
import { prng } from "../tools/seed";

/** Shop counts of a city area the figures are measured at. */
const SIZES = [10, 1000];
/** The area the shops are scattered over (a metro region, 50 km × 50 km) and the customer's radius. */
const AREA_KM = 50;
const RADIUS_KM = 5;
/** Products per shop (a sample of the seed catalog; enough to make catalogs differ). */
const PRODUCTS_PER_SHOP = 30;
const RUNS = 12;
const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/** A point `dx`, `dy` km east and north of `center`. */
function offset(center: GeoPoint, dxKm: number, dyKm: number): GeoPoint {
  return { lat: center.lat + dyKm / KM_PER_DEGREE, lng: center.lng + dxKm / (KM_PER_DEGREE * Math.cos((center.lat * Math.PI) / 180)) };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

function summarize(label: string, values: number[]): void {
  report("marketplace", `${label} p50`, round(median(values), 1), "ms");
  report("marketplace", `${label} p95`, round(percentile(values, 95), 1), "ms");
}

/**
 * Nearby and search latency at 10 and 1,000 shops, through the same service code the API runs,
 * in a project of its own (`demo-kirana-bench`, shared with the KPI bench; no trigger fires
 * there, so 30,000 products seed in seconds). Baselines in the same run: nearby as a scan of
 * every shop with haversine (the old system's approach), and search as reading the whole
 * catalog of the same nearest shops and matching in memory.
 */
export const marketplaceBench: Bench = {
  name: "marketplace",
  needsEmulators: true,
  async run() {
    if (!getApps().some((a) => a.name === "[DEFAULT]")) initializeApp({ projectId: "demo-kirana-bench" });
    if (getApp().options.projectId === process.env.GCLOUD_PROJECT) throw new Error("the marketplace bench must not seed the main project");
    const { db } = await import("../src/platform/firebase");
    const { newShopDoc } = await import("../src/identity/identity.service");
    const { findShopsNear } = await import("../src/shops/shops.service");
    const { haversineKm, geohashRangesWithin } = await import("../src/shops/geo");
    const { allShops, shopsInGeohashRanges } = await import("../src/shops/shops.repository");
    const { firestoreSearchIndex, MAX_CATALOGS_SEARCHED } = await import("../src/search/search.firestore");
    const { textTypos, wordsOf } = await import("../src/search/search.text");
    const { productsCol } = await import("../src/inventory/products.repository");
    const { ProductDoc } = await import("../src/inventory/products.schema");
    const { parseStoredOrSkip } = await import("../src/platform/firestore");
    const out: Record<string, number> = {};
    const products = CATALOG.flatMap((item) => item.sizes.map(([unit, price, mrp]) => ({ name: `${item.name} ${unit}`, category: item.category, unit, price, mrp })));

    for (const size of SIZES) {
      const random = prng(size);
      const run = randomUUID().slice(0, 6);
      // Every size gets its own empty area far from the others (and from any other shop).
      const center: GeoPoint = { lat: -40 + random() * 20, lng: -150 + random() * 40 };
      const at = new Date();
      const locations: GeoPoint[] = [];
      const seeded = await timed(async () => {
        const writer = db().bulkWriter();
        for (let i = 0; i < size; i++) {
          const id = `mkt-${size}-${run}-${i}`;
          const location = offset(center, (random() - 0.5) * AREA_KM, (random() - 0.5) * AREA_KM);
          locations.push(location);
          const shop: ShopDoc = { ...newShopDoc("bench", { name: `Bench Kirana ${i}`, category: "kirana", location }), created_at: at };
          void writer.set(db().doc(`shops/${id}`), shop);
          for (let p = 0; p < PRODUCTS_PER_SHOP; p++) {
            const item = products[Math.floor(random() * products.length)];
            const sku = `B${p}-${Math.floor(random() * 1e6)}`;
            const quantity = random() < 0.1 ? 0 : 1 + Math.floor(random() * 40);
            const doc = newStoredProduct({ sku, name: item.name, category: item.category, quantity, unit_price_paise: item.price * 100, mrp_paise: item.mrp * 100, unit: item.unit }, "bench", at);
            void writer.set(productsCol(id).doc(productIdForSku(sku)), doc);
          }
        }
        await writer.close();
      });
      report("marketplace", `${size} shops × ${PRODUCTS_PER_SHOP} products: seed with BulkWriter`, round(seeded.ms / 1000, 2), "s");

      // Customers stand within a kilometre of a random shop (so even 10 shops give answers); the same points for both approaches.
      const points = Array.from({ length: RUNS }, () => offset(locations[Math.floor(random() * locations.length)], random() - 0.5, random() - 0.5));
      const nearbyMs: number[] = [];
      const scanMs: number[] = [];
      let nearbyReads = 0;
      let found = 0;
      for (const point of points) {
        const fast = await timed(async () => (await findShopsNear(point, RADIUS_KM, 500)).shops);
        nearbyMs.push(fast.ms);
        const scan = await timed(async () => {
          const all = (await allShops()).filter((s) => s.doc.active && s.doc.location);
          return all
            .map((s) => ({ id: s.id, d: haversineKm(point, s.doc.location!) }))
            .filter((s) => s.d <= RADIUS_KM)
            .sort((a, b) => a.d - b.d);
        });
        scanMs.push(scan.ms);
        // Both must agree on the answer, or the comparison means nothing. (The scan sees every shop of the project.)
        const mine = scan.value.filter((s) => s.id.startsWith(`mkt-${size}-${run}-`)).map((s) => s.id);
        if (JSON.stringify(mine) !== JSON.stringify(fast.value.map((s) => s.id))) throw new Error(`nearby and the scan disagree at ${JSON.stringify(point)}`);
        nearbyReads += (await shopsInGeohashRanges(geohashRangesWithin(point, RADIUS_KM), 5000)).read;
        found += fast.value.length;
      }
      const projectShops = (await allShops()).length;
      summarize(`${size} shops: nearby ${RADIUS_KM} km (geohash ranges)`, nearbyMs);
      summarize(`${size} shops: baseline scan + haversine`, scanMs);
      report("marketplace", `${size} shops: nearby, documents read / shops returned (mean)`, `${round(nearbyReads / RUNS)} / ${round(found / RUNS)}`);
      report("marketplace", `${size} shops: baseline scan, documents read`, projectShops, "reads");
      out[`nearby_p50_ms_${size}`] = round(median(nearbyMs), 1);
      out[`scan_p50_ms_${size}`] = round(median(scanMs), 1);

      for (const [label, q] of [
        ["exact", "aashirvaad atta"],
        ["typo", "ashirvad"],
      ] as const) {
        const searchMs: number[] = [];
        const naiveMs: number[] = [];
        let hits = 0;
        let searchReads = 0;
        let naiveReads = 0;
        for (const point of points) {
          const fast = await timed(() => firestoreSearchIndex.search({ text: q, center: point, radiusKm: RADIUS_KM, limit: 30 }));
          searchMs.push(fast.ms);
          hits += fast.value.products.length;
          searchReads += fast.value.documentsRead;
          // Baseline: read the whole catalog of the same nearest shops and match every product in memory.
          const naive = await timed(async () => {
            const words = wordsOf(q);
            const near = await findShopsNear(point, RADIUS_KM, 500);
            const catalogs = await Promise.all(near.shops.slice(0, MAX_CATALOGS_SEARCHED).map((s) => productsCol(s.id).get()));
            naiveReads += near.documentsRead + catalogs.reduce((sum, c) => sum + c.size, 0);
            let n = 0;
            for (const snap of catalogs) for (const d of snap.docs) {
              const doc = parseStoredOrSkip(ProductDoc, d.data(), d.ref.path);
              if (doc && doc.quantity > 0 && textTypos(words, doc.name) !== null) n++;
            }
            return n;
          });
          naiveMs.push(naive.ms);
        }
        summarize(`${size} shops: search "${q}" (${label})`, searchMs);
        summarize(`${size} shops: baseline catalog scan "${q}"`, naiveMs);
        report("marketplace", `${size} shops: search "${q}", product hits (mean)`, round(hits / RUNS, 1));
        report("marketplace", `${size} shops: "${q}" documents read, search / catalog scan`, `${round(searchReads / RUNS)} / ${round(naiveReads / RUNS)}`);
        out[`search_${label}_p50_ms_${size}`] = round(median(searchMs), 1);
        out[`naive_${label}_p50_ms_${size}`] = round(median(naiveMs), 1);
      }
    }
    return out;
  },
};
