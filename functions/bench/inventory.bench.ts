import { randomUUID } from "node:crypto";
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { load, percentile, report, reportLoad, round, size, type Bench } from "./harness";

/**
 * Inventory figures on the emulator: product update throughput and latency through the API
 * with 1 and 16 concurrent clients (each client updates its own product, so none conflict),
 * against GET /v1/health at the same concurrency as the floor of an HTTP round trip; and the
 * latency from an offline edit landing in Firestore to the trigger marking it applied.
 * Floor of PUT: the same update transaction (the service function the route calls) run directly
 * by the Admin SDK from this process, with no HTTP, auth or functions emulator in between.
 */

const PROJECT = process.env.GCLOUD_PROJECT ?? "demo-kirana";
const REGION = "asia-south1";
const CLIENTS = size([1, 16], [1, 2]);
const updatesPerClient = (clients: number): number => size(clients === 1 ? 40 : 8, 2); // a multiple of 4 (blocks)
const EDITS = size(20, 2);

async function endpoints(): Promise<Record<string, { host: string; port: number }>> {
  const res = await fetch(`http://${process.env.FIREBASE_EMULATOR_HUB}/emulators`);
  return (await res.json()) as Record<string, { host: string; port: number }>;
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function ownerToken(base: string, authUrl: string): Promise<{ token: string; uid: string; shopId: string }> {
  const email = `bench-${randomUUID().slice(0, 8)}@example.test`;
  const reg = await api(base, "POST", "/v1/auth/register", undefined, { email, password: "bench-pw-123" });
  if (reg.status !== 201) throw new Error(`register failed ${reg.status}`);
  const res = await fetch(`${authUrl}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "bench-pw-123", returnSecureToken: true }),
  });
  const { idToken } = (await res.json()) as { idToken: string };
  return { token: idToken, uid: reg.json.uid, shopId: reg.json.shops[0].shop_id };
}

/** The inventory figures of a `load` run (throughput, p50, p95). */
function print(label: string, r: { latencies: number[]; wallMs: number }): Record<string, number> {
  return reportLoad("inventory", label, r);
}

export const inventory: Bench = {
  name: "inventory",
  needsEmulators: true,
  async run() {
    const e = await endpoints();
    const base = `http://${e.functions.host}:${e.functions.port}/${PROJECT}/${REGION}/api`;
    const owner = await ownerToken(base, `http://${e.auth.host}:${e.auth.port}`);
    const figures: Record<string, number> = {};

    // Warm the function (the first request loads the code).
    await api(base, "GET", "/v1/health");
    const { updateProduct } = await import("../src/inventory/products.service");
    for (const clients of CLIENTS) {
      const versions: number[] = [];
      const ids: string[] = [];
      for (let c = 0; c < clients; c++) {
        const created = await api(base, "POST", "/v1/products", owner.token, { sku: `B${clients}-${c}`, name: `Bench item ${c}`, category: "Bench", quantity: 100, unit_price: 10 });
        if (created.status !== 201) throw new Error(`create failed ${created.status} ${JSON.stringify(created.json)}`);
        ids.push(created.json.id);
        versions.push(1);
      }
      const perClient = updatesPerClient(clients);
      // The functions emulator starts one worker process per concurrent request, and each opens
      // its own Firestore channel on first use: warm both before measuring.
      await load(clients, 2, async (c) => void (await api(base, "GET", `/v1/products/${ids[c]}`, owner.token)));
      const health = await load(clients, perClient, async () => {
        const r = await api(base, "GET", "/v1/health");
        if (r.status !== 200) throw new Error(`health ${r.status}`);
      });
      Object.assign(figures, print(`baseline GET /v1/health, ${clients} client${clients > 1 ? "s" : ""}`, health));
      // PUT and its floor alternate in blocks, so the trigger backlog each leaves hits both alike.
      const updates = { latencies: [] as number[], wallMs: 0 };
      const direct = { latencies: [] as number[], wallMs: 0 };
      const blocks = perClient >= 4 ? 4 : 1;
      let n = 0;
      for (let block = 0; block < blocks; block++) {
        const viaApi = await load(clients, perClient / blocks, async (c) => {
          const r = await api(base, "PUT", `/v1/products/${ids[c]}`, owner.token, { quantity: 100 + ++n, version: versions[c] });
          if (r.status !== 200) throw new Error(`update ${r.status} ${JSON.stringify(r.json)}`);
          versions[c] = r.json.version;
        });
        updates.latencies.push(...viaApi.latencies);
        updates.wallMs += viaApi.wallMs;
        // Floor: the route's own transaction (updateProduct, through the default Admin app) from here.
        const viaSdk = await load(clients, perClient / blocks, async (c) => {
          const r = await updateProduct(owner.shopId, "owner", ids[c], { quantity: 100 + ++n }, versions[c], owner.uid);
          versions[c] = r.product.version;
        });
        direct.latencies.push(...viaSdk.latencies);
        direct.wallMs += viaSdk.wallMs;
      }
      const put = print(`PUT /v1/products/{id}, ${clients} client${clients > 1 ? "s" : ""}`, updates);
      Object.assign(figures, put);
      const floor = print(`floor: the same transaction via the Admin SDK, ${clients} client${clients > 1 ? "s" : ""}`, direct);
      Object.assign(figures, floor);
      const ratio = (percentile(updates.latencies, 50) / percentile(direct.latencies, 50));
      report("inventory", `ratio: PUT p50 / floor p50, ${clients} client${clients > 1 ? "s" : ""} (target ≤ 2)`, round(ratio, 2), "x");
      figures[`put/floor p50 ratio ${clients}`] = round(ratio, 2);
    }

    // Edit → applied: write a pending adjustment as a client would, wait for the trigger's verdict.
    const db = getFirestore(initializeApp({ projectId: PROJECT }, "inventory-bench"));
    const productId = "B1-0";
    // Baseline: the same write and listener round trip with no trigger in between.
    const echo: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const ref = db.doc(`bench_echo/${randomUUID()}`);
      const t = performance.now();
      const seen = new Promise<void>((resolve) => {
        const unsubscribe = ref.onSnapshot((snap) => {
          if (snap.exists) {
            unsubscribe();
            resolve();
          }
        });
      });
      await ref.set({ at: new Date() });
      await seen;
      echo.push(performance.now() - t);
    }
    report("inventory", `baseline: write → seen by a listener, no trigger: p50`, round(percentile(echo, 50)), "ms");
    report("inventory", `baseline: write → seen by a listener, no trigger: p95`, round(percentile(echo, 95)), "ms");
    figures["write→seen p50 ms"] = round(percentile(echo, 50));
    const latencies: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const ref = db.doc(`shops/${owner.shopId}/product_edits/bench-${randomUUID()}`);
      const t = performance.now();
      const done = new Promise<void>((resolve) => {
        const unsubscribe = ref.onSnapshot((snap) => {
          if (snap.exists && snap.get("status") !== "pending") {
            unsubscribe();
            resolve();
          }
        });
      });
      await ref.set({ product_id: productId, kind: "adjustment", delta: 1, reason: "receipt", status: "pending", created_by: owner.uid, created_at: new Date() });
      await done;
      latencies.push(performance.now() - t);
    }
    report("inventory", `edit → applied through the trigger (n=${EDITS}): p50`, round(percentile(latencies, 50)), "ms");
    report("inventory", `edit → applied through the trigger (n=${EDITS}): p95`, round(percentile(latencies, 95)), "ms");
    figures["edit→applied p50 ms"] = round(percentile(latencies, 50));
    figures["edit→applied p95 ms"] = round(percentile(latencies, 95));
    return figures;
  },
};
