/**
 * Writes the demo chain into the running emulators (Auth + Firestore). `npm run seed` runs it
 * under `firebase emulators:exec` and exports the result to emulator-data/, which `npm start`
 * imports. Deterministic: the same catalog, quantities and ids on every run.
 */
import { adminAuth, db } from "../src/platform/firebase";
import { newShopDoc } from "../src/identity/identity.service";
import { OpeningHours } from "../src/shops/shops.hours";
import { productIdForSku, searchTokens, DEFAULT_LOW_STOCK_THRESHOLD, type ProductDoc, type StockMovementDoc } from "../src/inventory/products.schema";
import { reconcileShop } from "../src/kpis/kpis.reconcile";
import { CATALOG } from "./seed-catalog";
import { changeOrderStatus, orderContribution, orderContributionDelta, placeOrder } from "../src/orders/orders.service";
import { applyOrderKpis, getOrder } from "../src/orders/orders.repository";
import { PlaceOrderBody, type OrderStatus } from "../src/orders/orders.schema";
import { notifyOrderWrite } from "../src/notifications/notifications.service";
import { primaryRole } from "../src/identity/actor";

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
    category: "kirana",
    // A neighbourhood kirana: early till late, a short Sunday afternoon break.
    opening_hours: {
      ...Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat"].map((d) => [d, [{ open: "07:00", close: "22:00" }]])),
      sun: [{ open: "07:30", close: "13:30" }, { open: "16:30", close: "21:30" }],
    } as OpeningHours,
    order_settings: { accepting_orders: true, default_preparation_minutes: 15 },
  },
  {
    id: "shop-koramangala",
    name: "Gupta Kirana Store, Koramangala",
    address: "17, 80 Feet Road, 6th Block, Koramangala, Bengaluru 560095",
    city: "Bengaluru",
    phone: "+91 80 4987 1234",
    location: { lat: 12.9352, lng: 77.6245 },
    category: "supermarket",
    // A bigger store: a lunch break on weekdays, open through on weekends.
    opening_hours: {
      ...Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ open: "08:00", close: "14:00" }, { open: "16:00", close: "22:30" }]])),
      sat: [{ open: "08:00", close: "23:00" }],
      sun: [{ open: "08:00", close: "23:00" }],
    } as OpeningHours,
    order_settings: { accepting_orders: true, default_preparation_minutes: 20 },
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
        incarnation: "seed",
        version: 1,
        created_at: at,
        updated_at: at,
        updated_by: actorId,
      });
    }
  }
  return out;
}

/** The seed's hours pass the same schema the API checks them with. */
function withCheckedHours<T extends { opening_hours: OpeningHours }>(shop: T): T {
  return { ...shop, opening_hours: OpeningHours.parse(shop.opening_hours) };
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
    // Built like every shop (registration, POST /v1/shops): defaults, and the geohash derived from the location.
    writer.create(db().doc(`shops/${id}`), { ...newShopDoc(owner.uid, withCheckedHours(rest)), created_at: at });
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

/** The path each demo order takes from pending, one order per final state. */
const ORDER_PATHS: Array<{ to: OrderStatus[]; reason?: string }> = [
  { to: [] },
  { to: ["confirmed"] },
  { to: ["confirmed", "preparing"] },
  { to: ["confirmed", "preparing", "ready"] },
  { to: ["confirmed", "ready", "picked_up"] },
  { to: ["confirmed", "preparing", "ready", "delivered"] },
  { to: ["cancelled"], reason: "customer changed their mind" },
];

/**
 * A few orders in each state per shop, placed and moved through the real order service (so
 * stock, ledger and history are as the API leaves them), with their KPIs and new_order
 * notifications (no triggers run while seeding). Ids derive from fixed keys: the same every run.
 */
async function seedOrders(): Promise<number> {
  const customers = USERS.filter((u) => Object.keys(u.shops).length === 0);
  const actorOf = (u: DemoUser) => ({ uid: u.uid, email: u.email, displayName: u.name, role: primaryRole(u.shops), shops: u.shops });
  let count = 0;
  for (const [shopIndex, shop] of SHOPS.entries()) {
    // The demo orders are "instant" orders placed whenever the seed runs: open the shop round the
    // clock while placing them (a seed run at lunch time or at night would be refused as closed),
    // then give it back its published hours.
    await db().doc(`shops/${shop.id}`).update({ opening_hours: null });
    const stocked = (await db().collection(`shops/${shop.id}/products`).where("quantity", ">=", 20).limit(30).get()).docs.map((d) => d.id);
    const staff = USERS.find((u) => u.shops[shop.id] === "staff") ?? USERS[0];
    for (const [i, path] of ORDER_PATHS.entries()) {
      const customer = customers[(i + shopIndex) % customers.length];
      const items = [0, 1, 2].slice(0, 1 + (i % 3)).map((j) => ({ product_id: stocked[(i * 3 + j) % stocked.length], quantity: 1 + ((i + j) % 3) }));
      const body = PlaceOrderBody.parse({ shop_id: shop.id, items, order_notes: i % 2 ? "Please pack the dal separately" : undefined });
      const { order } = await placeOrder({ uid: customer.uid, name: customer.name }, body, { key: `seed-${shop.id}-${i}`, source: "api" });
      for (const status of path.to) {
        const actor = status === "cancelled" ? actorOf(customer) : actorOf(staff);
        await changeOrderStatus(actor, order.id, { status, reason: path.reason });
      }
      await applyOrderKpis(order.id, orderContribution, orderContributionDelta, new Date());
      await notifyOrderWrite("seed", order.id, null, { ...(await readSeededOrder(order.id)) }, new Date());
      count++;
    }
    await db().doc(`shops/${shop.id}`).update({ opening_hours: withCheckedHours(shop).opening_hours });
  }
  return count;
}

async function readSeededOrder(orderId: string) {
  const order = await getOrder(orderId);
  if (!order) throw new Error(`seeded order ${orderId} is missing`);
  // The new_order notification describes the order as it was placed.
  return { ...order, version: 1 };
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
  const orders = await seedOrders();
  // The orders took stock: bring the stock KPIs up to date again.
  for (const shop of SHOPS) await reconcileShop(shop.id, { runId: "seed-orders", trigger: "seed" });
  console.log(`seeded ${USERS.length} users, ${SHOPS.length} shops, ${products} products, ${orders} orders, KPIs for each shop`);
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
