/**
 * Writes the demo chain into the running emulators (Auth + Firestore). `npm run seed` runs it
 * under `firebase emulators:exec` and exports the result to emulator-data/, which `npm start`
 * imports. Deterministic: the same catalog, quantities and ids on every run.
 */
import { adminAuth, db } from "../src/platform/firebase";
import { geohashFor } from "../src/shops/geo";
import { productIdForSku, searchTokens, DEFAULT_LOW_STOCK_THRESHOLD, type ProductDoc, type StockMovementDoc } from "../src/inventory/products.schema";
import { reconcileShop } from "../src/kpis/kpis.reconcile";
import { CATALOG } from "./seed-catalog";

export const DEMO_PASSWORD = "kirana123";

interface DemoUser {
  uid: string;
  email: string;
  name: string;
  shops: Record<string, "owner" | "staff">;
}

export const SHOPS = [
  {
    id: "shop-indiranagar",
    name: "Gupta Kirana Store, Indiranagar",
    address: "482, 100 Feet Road, HAL 2nd Stage, Indiranagar, Bengaluru 560038",
    city: "Bengaluru",
    phone: "+91 80 4123 5678",
    location: { lat: 12.9719, lng: 77.6412 },
  },
  {
    id: "shop-koramangala",
    name: "Gupta Kirana Store, Koramangala",
    address: "17, 80 Feet Road, 6th Block, Koramangala, Bengaluru 560095",
    city: "Bengaluru",
    phone: "+91 80 4987 1234",
    location: { lat: 12.9352, lng: 77.6245 },
  },
];

export const USERS: DemoUser[] = [
  { uid: "demo-owner-ramesh", email: "ramesh@kirana.demo", name: "Ramesh Gupta", shops: { "shop-indiranagar": "owner", "shop-koramangala": "owner" } },
  { uid: "demo-staff-suresh", email: "suresh@kirana.demo", name: "Suresh Kumar", shops: { "shop-indiranagar": "staff" } },
  { uid: "demo-staff-lakshmi", email: "lakshmi@kirana.demo", name: "Lakshmi Narayan", shops: { "shop-koramangala": "staff" } },
  { uid: "demo-customer-priya", email: "priya@kirana.demo", name: "Priya Sharma", shops: {} },
  { uid: "demo-customer-arjun", email: "arjun@kirana.demo", name: "Arjun Reddy", shops: {} },
  { uid: "demo-customer-fatima", email: "fatima@kirana.demo", name: "Fatima Sheikh", shops: {} },
];

/** Small deterministic PRNG (mulberry32), so the seed is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "Tata Salt Iodised" + "1 kg" → "TAT-SAL-IOD-1KG". */
function skuFor(name: string, unit: string): string {
  const words = name.replace(/[^A-Za-z0-9 ]/g, "").split(/\s+/).filter(Boolean).slice(0, 3);
  const stem = words.map((w) => w.slice(0, 3).toUpperCase()).join("-");
  const size = unit.replace(/[^A-Za-z0-9.]/g, "").toUpperCase();
  return `${stem}-${size}`.slice(0, 64);
}

/** Appends the EAN-13 check digit to 12 digits (890 is India's GS1 prefix). */
function ean13(twelve: string): string {
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

/** The products of one shop, with quantities that make a few of them low or out of stock. */
export function productsForShop(shopIndex: number, at: Date, actorId: string): ProductDoc[] {
  const random = prng(1000 + shopIndex);
  const out: ProductDoc[] = [];
  const seen = new Set<string>();
  for (const item of CATALOG) {
    for (const [unit, price, mrp] of item.sizes) {
      let sku = skuFor(item.name, unit);
      while (seen.has(productIdForSku(sku))) sku = `${sku}-X`;
      seen.add(productIdForSku(sku));
      const roll = random();
      const threshold = item.category === "Fruits & Vegetables" ? 10 : DEFAULT_LOW_STOCK_THRESHOLD;
      // ~4% out of stock, ~8% low, the rest comfortably stocked.
      const quantity = roll < 0.04 ? 0 : roll < 0.12 ? 1 + Math.floor(random() * threshold) : threshold + 5 + Math.floor(random() * 60);
      const name = `${item.name} ${unit}`;
      out.push({
        sku,
        name,
        category: item.category,
        quantity,
        unit_price_paise: Math.round(price * 100),
        low_stock_threshold: threshold,
        mrp_paise: Math.round(mrp * 100),
        unit,
        barcode: ean13(`890${String(10_000 + out.length * 37).padStart(9, "0")}`),
        search_tokens: searchTokens(name, sku),
        version: 1,
        created_at: at,
        updated_at: at,
        updated_by: actorId,
      });
    }
  }
  return out;
}

async function seedUsers(): Promise<void> {
  for (const user of USERS) {
    await adminAuth().createUser({ uid: user.uid, email: user.email, password: DEMO_PASSWORD, displayName: user.name, emailVerified: true });
    await adminAuth().setCustomUserClaims(user.uid, { shops: user.shops });
  }
}

async function seedFirestore(at: Date): Promise<number> {
  const writer = db().bulkWriter();
  const owner = USERS[0];
  for (const user of USERS) {
    writer.create(db().doc(`users/${user.uid}`), { email: user.email, display_name: user.name, shops: user.shops, created_at: at, updated_at: at });
  }
  let products = 0;
  for (const [index, shop] of SHOPS.entries()) {
    const { id, ...rest } = shop;
    writer.create(db().doc(`shops/${id}`), { ...rest, owner_id: owner.uid, geohash: geohashFor(shop.location), created_at: at });
    for (const user of USERS) {
      const role = user.shops[id];
      if (role) writer.create(db().doc(`shops/${id}/members/${user.uid}`), { role, email: user.email, joined_at: at });
    }
    for (const product of productsForShop(index, at, owner.uid)) {
      const productId = productIdForSku(product.sku);
      writer.create(db().doc(`shops/${id}/products/${productId}`), product);
      if (product.quantity > 0) {
        const movement: StockMovementDoc = {
          product_id: productId,
          sku: product.sku,
          delta: product.quantity,
          reason: "receipt",
          quantity_after: product.quantity,
          actor_id: owner.uid,
          source: "seed",
          ref: "opening-stock",
          at,
        };
        writer.create(db().doc(`shops/${id}/stock_movements/seed-${productId}`), movement);
      }
      products++;
    }
  }
  await writer.close();
  return products;
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_AUTH_EMULATOR_HOST) {
    throw new Error("Refusing to seed: run through `npm run seed` so only the emulators are touched");
  }
  const at = new Date("2026-11-01T09:00:00+05:30");
  await seedUsers();
  const products = await seedFirestore(at);
  // No triggers run while seeding (only Auth and Firestore are up), so the KPI documents are
  // built the way the nightly reconciliation builds them.
  for (const shop of SHOPS) await reconcileShop(shop.id, { runId: "seed", trigger: "seed" });
  console.log(`seeded ${USERS.length} users, ${SHOPS.length} shops, ${products} products, KPIs for each shop`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
