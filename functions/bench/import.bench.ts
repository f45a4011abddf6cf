import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { initializeApp } from "firebase-admin/app";
import { getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import { report, round, size, type Bench } from "./harness";
import { newProductDoc, diffProduct, type RowValues } from "../src/imports/imports.service";
import { ProductDoc, productIdForSku } from "../src/inventory/products.schema";

/**
 * CSV import on the emulator: 10,000 and 50,000 new rows through POST /v1/products/import/csv
 * (rows/s, peak memory of the functions worker), the same files again (must write 0 documents),
 * and the old system's naive way — read then write, one row at a time — on the same 10,000 rows.
 * Floor: a bare BulkWriter writing the same documents (products and their opening-stock
 * movements), built beforehand — no parsing, no planning, no HTTP.
 */

const PROJECT = process.env.GCLOUD_PROJECT ?? "demo-kirana";
const REGION = "asia-south1";
const HEADER = "name,sku,category,quantity,unit_price,mrp,unit";

interface Endpoint {
  host: string;
  port: number;
}

async function endpoints(): Promise<Record<string, Endpoint>> {
  const res = await fetch(`http://${process.env.FIREBASE_EMULATOR_HUB}/emulators`);
  return (await res.json()) as Record<string, Endpoint>;
}

function url(e: Endpoint): string {
  return `http://${e.host}:${e.port}`;
}

async function newOwner(eps: Record<string, Endpoint>): Promise<{ token: string; shopId: string; uid: string }> {
  const email = `bench-${randomUUID().slice(0, 12)}@example.test`;
  const password = "kirana-bench-pw";
  const reg = await fetch(`${url(eps.functions)}/${PROJECT}/${REGION}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, shop: { name: "Bench Kirana" } }),
  });
  const body = (await reg.json()) as { uid: string; shops: { shop_id: string }[] };
  const signIn = await fetch(`${url(eps.auth)}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const { idToken } = (await signIn.json()) as { idToken: string };
  return { token: idToken, shopId: body.shops[0].shop_id, uid: body.uid };
}

function csvOf(rows: number, prefix: string): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(6, "0");
    lines.push(`"Product ${prefix} ${n}, pack",${prefix}-${n},Category ${i % 40},${(i * 7) % 500},${(i % 997) + 0.5},${(i % 997) + 10},pc`);
  }
  return lines.join("\n") + "\n";
}

/** The firebase CLI that runs us (via `sh -c`) parents the functions emulator's worker processes. */
function cliPid(): number | null {
  try {
    return Number(execFileSync("ps", ["-o", "ppid=", "-p", String(process.ppid)]).toString().trim()) || null;
  } catch {
    return null;
  }
}

/** Whether a functions emulator worker runs the `api` function (not a trigger's worker). */
function runsApi(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").some((v) => v === "FUNCTION_TARGET=api");
  } catch {
    return false;
  }
}

/** Total RSS (bytes) of the functions emulator workers under our CLI that serve the `api` function. */
function workerRss(cli: number | null): number {
  if (!cli) return 0;
  try {
    const out = execFileSync("ps", ["-eo", "pid=,ppid=,rss=,args="]).toString();
    let total = 0;
    for (const line of out.split("\n")) {
      const m = line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/);
      if (m && Number(m[2]) === cli && /functionsEmulatorRuntime/.test(m[4]) && runsApi(m[1])) total += Number(m[3]) * 1024;
    }
    return total;
  } catch {
    return 0;
  }
}

interface Timed {
  ms: number;
  body: { import_id: string; processed_rows: number; successful_creates: number; unchanged: number; written: number; errors: unknown[] };
  peakWorkerRss: number;
}

async function importCsv(eps: Record<string, Endpoint>, token: string, csv: string): Promise<Timed> {
  const cli = cliPid();
  let peak = workerRss(cli);
  const sampler = setInterval(() => (peak = Math.max(peak, workerRss(cli))), 250);
  const form = new FormData();
  form.append("file", new Blob([csv], { type: "text/csv" }), "bench.csv");
  const t0 = performance.now();
  const res = await fetch(`${url(eps.functions)}/${PROJECT}/${REGION}/api/v1/products/import/csv`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const body = (await res.json()) as Timed["body"];
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body, peakWorkerRss: Math.max(peak, workerRss(cli)) };
}

/** One bench CSV line as row values (a naive split is fine: the rows have exactly one quoted comma, in the name). */
function rowValuesOf(line: string): RowValues {
  const m = line.match(/^"([^"]*)",([^,]+),([^,]+),(\d+),([\d.]+),([\d.]+),(\w+)$/)!;
  return { name: m[1], sku: m[2], productId: productIdForSku(m[2]), category: m[3], quantity: Number(m[4]), unit_price_paise: Math.round(Number(m[5]) * 100), mrp_paise: Math.round(Number(m[6]) * 100), unit: m[7] };
}

function adminDb(): Firestore {
  // This benchmark's own app (run.ts deletes every app after each benchmark).
  return getFirestore(initializeApp({ projectId: PROJECT }, "import-bench"));
}

/** The floor: the documents the import writes for `csv` (products + opening movements), written by a bare BulkWriter. */
async function bulkWriterFloor(db: Firestore, shopId: string, csv: string, actorId: string): Promise<number> {
  const col = db.collection("shops").doc(shopId).collection("products");
  const movements = db.collection("shops").doc(shopId).collection("stock_movements");
  const at = new Date();
  const docs = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const values = rowValuesOf(line);
      const product = newProductDoc(values, actorId, at);
      const movement = { product_id: values.productId, sku: values.sku, delta: values.quantity, reason: "create", quantity_after: values.quantity, actor_id: actorId, source: "import", ref: "floor", at };
      return { id: values.productId, product, movement };
    });
  const t0 = performance.now();
  const writer = db.bulkWriter();
  for (const d of docs) {
    void writer.create(col.doc(d.id), d.product);
    if (d.movement.delta !== 0) void writer.create(movements.doc(`floor-${d.id}`), d.movement);
  }
  await writer.close();
  return performance.now() - t0;
}

async function writtenSince(db: Firestore, shopId: string, since: Timestamp): Promise<number> {
  const snap = await db.collection("shops").doc(shopId).collection("products").where("updated_at", ">", since).count().get();
  return snap.data().count;
}

/** The old system's way: for each row, read the product, then create or update it. */
async function naiveImport(db: Firestore, shopId: string, csv: string, actorId: string): Promise<number> {
  const col = db.collection("shops").doc(shopId).collection("products");
  const lines = csv.trim().split("\n").slice(1);
  const t0 = performance.now();
  for (const line of lines) {
    const values = rowValuesOf(line);
    const ref = col.doc(values.productId);
    const snap = await ref.get();
    if (!snap.exists) await ref.set(newProductDoc(values, actorId, new Date()));
    else {
      const { patch } = diffProduct(ProductDoc.parse({ ...snap.data(), created_at: new Date(), updated_at: new Date() }), values);
      await ref.update({ ...patch, version: (snap.get("version") as number) + 1, updated_at: new Date() });
    }
  }
  return performance.now() - t0;
}

export const importBench: Bench = {
  name: "import",
  needsEmulators: true,
  async run() {
    const eps = await endpoints();
    const db = adminDb();
    const out: Record<string, number | string> = {};
    const mb = (b: number): number => round(b / (1024 * 1024));

    // KIRANA_BENCH_IMPORT_ROWS=10000 (comma-separated) measures only those sizes.
    const sizes = process.env.KIRANA_BENCH_IMPORT_ROWS ? process.env.KIRANA_BENCH_IMPORT_ROWS.split(",").map(Number) : size([10_000, 50_000], [50]);
    for (const rows of sizes) {
      const owner = await newOwner(eps);
      const csv = csvOf(rows, `B${rows / 1000}K`);
      const first = await importCsv(eps, owner.token, csv);
      if (first.body.successful_creates !== rows) throw new Error(`expected ${rows} creates, got ${JSON.stringify(first.body).slice(0, 300)}`);
      const job = (await db.collection("shops").doc(owner.shopId).collection("imports").doc(first.body.import_id).get()).data()!;
      const rps = rows / (first.ms / 1000);
      report("import", `${rows} new rows (${mb(Buffer.byteLength(csv))} MB): time`, round(first.ms / 1000, 2), "s");
      report("import", `${rows} new rows: throughput`, round(rps, 0), "rows/s");
      report("import", `${rows} new rows: peak RSS, functions worker (ps)`, mb(first.peakWorkerRss), "MB");
      report("import", `${rows} new rows: peak RSS seen in the handler (job doc)`, mb(job.peak_rss_bytes as number), "MB");

      const since = Timestamp.now();
      const again = await importCsv(eps, owner.token, csv);
      const touched = await writtenSince(db, owner.shopId, since);
      report("import", `${rows} re-imported: time`, round(again.ms / 1000, 2), "s");
      report("import", `${rows} re-imported: unchanged rows / documents written`, `${again.body.unchanged} / ${again.body.written}`);
      report("import", `${rows} re-imported: products with a newer updated_at`, touched);
      if (again.body.written !== 0 || touched !== 0) throw new Error("re-import wrote documents");
      out[`rows${rows}_s`] = round(first.ms / 1000, 2);
      out[`rows${rows}_rps`] = round(rps, 0);
      out[`rows${rows}_peak_worker_mb`] = mb(first.peakWorkerRss);
      out[`rows${rows}_reimport_s`] = round(again.ms / 1000, 2);

      const floorOwner = await newOwner(eps);
      const floorMs = await bulkWriterFloor(db, floorOwner.shopId, csv, floorOwner.uid);
      report("import", `floor: bare BulkWriter, same ${rows} products + movements`, round(floorMs / 1000, 2), "s");
      report("import", `ratio: import / BulkWriter floor time, ${rows} rows (target ≤ 1.5)`, round(first.ms / floorMs, 2), "x");
      out[`rows${rows}_floor_s`] = round(floorMs / 1000, 2);
      out[`rows${rows}_floor_ratio`] = round(first.ms / floorMs, 2);

      if (rows === sizes[0]) {
        const naiveOwner = await newOwner(eps);
        const naiveMs = await naiveImport(db, naiveOwner.shopId, csv, naiveOwner.uid);
        const naiveRps = rows / (naiveMs / 1000);
        report("import", `baseline: naive read-then-write per row, ${rows} rows`, round(naiveMs / 1000, 2), "s");
        report("import", "baseline: throughput", round(naiveRps, 0), "rows/s");
        report("import", `ratio: import / naive throughput (${rows} rows)`, round(rps / naiveRps, 1), "x");
        out.naive10000_s = round(naiveMs / 1000, 2);
        out.ratio = round(rps / naiveRps, 1);
      }
    }
    return out;
  },
};
