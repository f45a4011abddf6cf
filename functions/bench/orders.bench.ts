import { randomUUID } from "node:crypto";
import { getApps, initializeApp as initializeAdminApp } from "firebase-admin/app";
import { FieldValue, getFirestore } from "firebase-admin/firestore";
import { deleteApp, initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from "firebase/auth";
import { connectFirestoreEmulator, doc, initializeFirestore, onSnapshot, terminate } from "firebase/firestore";
import { load, percentile, report, reportLoad, round, type Bench } from "./harness";

/**
 * Order figures on the emulator:
 * - placement of 5-line orders through POST /v1/orders (Idempotency-Key, prices, stock through
 *   the ledger, one transaction) with 1 and 16 concurrent customers, against the floor of the
 *   same Firestore transaction (read shop + 5 products + order id, write order + 5 products +
 *   5 movements) run directly by the Admin SDK from this process at the same concurrency.
 *   Each customer orders its own 5 products, so the figures measure the path, not contention.
 * - a status change through PATCH /v1/orders/{id} → the customer's web SDK listener on the
 *   order fires, and → the customer's notification document appears (through the trigger).
 */

const PROJECT = process.env.GCLOUD_PROJECT ?? "demo-kirana";
const REGION = "asia-south1";
const ORDERS_PER_CLIENT = { 1: 20, 16: 4 } as const;
const STATUS_FLOW = ["confirmed", "preparing", "ready", "picked_up"] as const;
const STATUS_ORDERS = 4;
const PASSWORD = "bench-pw-123";

async function endpoints(): Promise<Record<string, { host: string; port: number }>> {
  const res = await fetch(`http://${process.env.FIREBASE_EMULATOR_HUB}/emulators`);
  return (await res.json()) as Record<string, { host: string; port: number }>;
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    // Under a loaded machine the functions emulator sometimes never answers a request whose
    // worker failed to start; give up on it (the caller retries with the same Idempotency-Key).
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function register(base: string, authUrl: string, role: "owner" | "customer"): Promise<{ token: string; uid: string; email: string; shopId?: string }> {
  const email = `bench-${role}-${randomUUID().slice(0, 8)}@example.test`;
  const reg = await api(base, "POST", "/v1/auth/register", undefined, { email, password: PASSWORD, role });
  if (reg.status !== 201) throw new Error(`register failed ${reg.status}`);
  const res = await fetch(`${authUrl}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, returnSecureToken: true }),
  });
  const { idToken } = (await res.json()) as { idToken: string };
  return { token: idToken, uid: reg.json.uid, email, shopId: reg.json.shops[0]?.shop_id };
}

export const ordersBench: Bench = {
  name: "orders",
  needsEmulators: true,
  async run() {
    const e = await endpoints();
    const base = `http://${e.functions.host}:${e.functions.port}/${PROJECT}/${REGION}/api`;
    const authUrl = `http://${e.auth.host}:${e.auth.port}`;
    if (!getApps().length) initializeAdminApp({ projectId: PROJECT });
    const db = getFirestore();
    const owner = await register(base, authUrl, "owner");
    const shopId = owner.shopId as string;
    const customers: Array<Awaited<ReturnType<typeof register>>> = [];
    for (let i = 0; i < 16; i++) customers.push(await register(base, authUrl, "customer"));
    // 5 products per customer, plenty of stock (within the product bounds: stock value ≤ ₹1 crore).
    const productsOf = (c: number) => Array.from({ length: 5 }, (_, j) => `BENCH-C${c}-P${j}`);
    const writer = db.bulkWriter();
    for (let c = 0; c < 16; c++) {
      for (const sku of productsOf(c)) {
        const at = new Date();
        writer.set(db.doc(`shops/${shopId}/products/${sku}`), {
          sku, name: `Bench ${sku}`, category: "Bench", quantity: 10_000, unit_price_paise: 4550, low_stock_threshold: 5, mrp_paise: null,
          unit: null, barcode: null, search_tokens: [], version: 1, created_at: at, updated_at: at, updated_by: owner.uid,
        });
      }
    }
    await writer.close();
    // Let the KPI trigger work through those 80 product writes before measuring anything.
    const drained = Date.now() + 180_000;
    while (Date.now() < drained && (await db.doc(`shops/${shopId}/kpis/summary`).get()).get("products") !== 80) await new Promise((r) => setTimeout(r, 500));
    const body = (c: number) => ({ shop_id: shopId, items: productsOf(c).map((product_id) => ({ product_id, quantity: 1 })) });
    const figures: Record<string, number> = {};

    // The floor: the same transaction, straight from the Admin SDK.
    const floorOrder = async (c: number) => {
      const orderRef = db.collection("bench_orders").doc();
      await db.runTransaction(async (tx) => {
        const refs = [db.doc(`shops/${shopId}`), ...productsOf(c).map((sku) => db.doc(`shops/${shopId}/products/${sku}`))];
        const [shop, ...products] = await tx.getAll(orderRef, ...refs).then((s) => s.slice(1));
        if (!shop.exists) throw new Error("no shop");
        const at = new Date();
        const lines = products.map((p) => ({ product_id: p.id, quantity: 1, unit_price_paise: p.get("unit_price_paise") as number }));
        for (const p of products) {
          const quantity = (p.get("quantity") as number) - 1;
          tx.update(p.ref, { quantity, version: FieldValue.increment(1), updated_at: at });
          tx.create(db.collection(`shops/${shopId}/stock_movements`).doc(`bench-${orderRef.id}-${p.id}`), { product_id: p.id, delta: -1, reason: "order", quantity_after: quantity, ref: orderRef.id, at });
        }
        tx.create(orderRef, { shop_id: shopId, items: lines, total_paise: lines.reduce((s, l) => s + l.unit_price_paise, 0), status: "pending", created_at: at });
      });
    };

    // Warm: the functions emulator starts one worker process per concurrent request; ramp up
    // so that 16 workers exist (and have loaded the code) before anything is measured.
    const warm = async (c: number) => {
      let last: { status: number } | undefined;
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await api(base, "POST", "/v1/orders", customers[c].token, body(c), { "idempotency-key": `warm-${randomUUID()}` }).catch(() => ({ status: 0 }));
        if (r.status === 201) return;
        last = r;
      }
      throw new Error(`warm-up order kept failing: ${last?.status} ${JSON.stringify((last as { json?: unknown } | undefined)?.json)}`);
    };
    for (const width of [1, 2, 4, 8, 16]) await load(width, 1, async (c) => warm(c));
    for (const clients of [1, 16] as const) {
      const perClient = ORDERS_PER_CLIENT[clients];
      const floor = await load(clients, perClient, async (c) => floorOrder(c));
      Object.assign(figures, reportLoad("orders", `floor: Admin SDK transaction, ${clients} client${clients > 1 ? "s" : ""}`, floor, "orders/s"));
      let retries = 0;
      const placed = await load(clients, perClient, async (c) => {
        // A client on a flaky link retries with the same key: safe, and counted.
        const key = `bench-${randomUUID()}`;
        for (let attempt = 0; ; attempt++) {
          const r = await api(base, "POST", "/v1/orders", customers[c].token, body(c), { "idempotency-key": key }).catch((err: unknown) => ({ status: 0, json: String(err) }));
          if (r.status === 201 || r.status === 200) return;
          if (attempt >= 3) throw new Error(`order ${r.status} ${JSON.stringify(r.json)}`);
          retries++;
        }
      });
      report("orders", `POST /v1/orders, ${clients} customer${clients > 1 ? "s" : ""}: retried requests (emulator worker failures)`, retries);
      Object.assign(figures, reportLoad("orders", `POST /v1/orders (5 lines), ${clients} customer${clients > 1 ? "s" : ""}`, placed, "orders/s"));
    }

    // Status change → the customer's listener (web SDK, signed in as the customer) fires.
    const customer = customers[0];
    const app = initializeApp({ projectId: PROJECT, apiKey: "fake-api-key" }, `bench-${randomUUID()}`);
    const auth = getAuth(app);
    connectAuthEmulator(auth, authUrl, { disableWarnings: true });
    await signInWithEmailAndPassword(auth, customer.email, PASSWORD);
    const web = initializeFirestore(app, {});
    connectFirestoreEmulator(web, e.firestore.host, e.firestore.port);
    const toListener: number[] = [];
    const toNotification: number[] = [];
    for (let n = 0; n < STATUS_ORDERS; n++) {
      const placed = await api(base, "POST", "/v1/orders", customer.token, body(0), { "idempotency-key": `status-${randomUUID()}` });
      const orderId = placed.json.id as string;
      for (const status of STATUS_FLOW) {
        const t = performance.now();
        const seen = new Promise<number>((resolve, reject) => {
          const stop = onSnapshot(
            doc(web, `orders/${orderId}`),
            (snap) => {
              if (snap.get("status") === status) {
                stop();
                resolve(performance.now() - t);
              }
            },
            reject,
          );
        });
        const version = (STATUS_FLOW.indexOf(status) + 2).toString();
        const noted = new Promise<number>((resolve, reject) => {
          const stop = onSnapshot(
            doc(web, `users/${customer.uid}/notifications/${orderId}-v${version}-order_update`),
            (snap) => {
              if (snap.exists()) {
                stop();
                resolve(performance.now() - t);
              }
            },
            reject,
          );
        });
        const r = await api(base, "PATCH", `/v1/orders/${orderId}`, owner.token, { status });
        if (r.status !== 200) throw new Error(`patch ${r.status} ${JSON.stringify(r.json)}`);
        toListener.push(await seen);
        toNotification.push(await noted);
      }
    }
    await terminate(web);
    await deleteApp(app);
    const n = toListener.length;
    report("orders", `status change → customer's order listener fired (n=${n}): p50`, round(percentile(toListener, 50)), "ms");
    report("orders", `status change → customer's order listener fired (n=${n}): p95`, round(percentile(toListener, 95)), "ms");
    report("orders", `status change → order_update notification seen (n=${n}): p50`, round(percentile(toNotification, 50)), "ms");
    report("orders", `status change → order_update notification seen (n=${n}): p95`, round(percentile(toNotification, 95)), "ms");
    figures["status→listener p50 ms"] = round(percentile(toListener, 50));
    figures["status→listener p95 ms"] = round(percentile(toListener, 95));
    figures["status→notification p50 ms"] = round(percentile(toNotification, 50));
    figures["status→notification p95 ms"] = round(percentile(toNotification, 95));
    return figures;
  },
};
