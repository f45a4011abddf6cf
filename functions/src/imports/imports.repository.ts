import { randomUUID } from "node:crypto";
import type { BulkWriter, CollectionReference, DocumentReference, Timestamp } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { parseSnapshot, parseStored, parseStoredOrSkip } from "../platform/firestore";
import { AppError } from "../platform/errors";
import { ProductDoc, type AuditDoc, type StockMovementDoc } from "../inventory/products.schema";
import { withDerivedFields } from "../inventory/products.derived";
import { applyProducts, readSummary } from "../kpis/kpis.repository";
import { ImportJobDoc, ImportResultsChunkDoc, RESULTS_PER_CHUNK, type RowResult } from "./imports.schema";

/**
 * Every Firestore path and write of the import: products read in chunks with getAll, written with
 * BulkWriter (creates with create(), so a concurrent create is detected; updates conditional on
 * the update time we read, so a concurrent edit is detected, never overwritten), the ledger,
 * the job document and its results.
 */

/** Product ids per getAll call, and how many calls run at once. */
const READ_CHUNK = 300;
const READ_CONCURRENCY = 6;

/** What BulkWriter rejects a write with (its BulkWriterError class is not re-exported by firebase-admin). */
interface BulkWriterError {
  code: number;
  message: string;
  failedAttempts: number;
}

/** gRPC codes a write may fail with when someone else got there first. */
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;
const NOT_FOUND = 5;

function products(shopId: string): CollectionReference {
  return db().collection("shops").doc(shopId).collection("products");
}

function imports(shopId: string): CollectionReference {
  return db().collection("shops").doc(shopId).collection("imports");
}

function movements(shopId: string): CollectionReference {
  return db().collection("shops").doc(shopId).collection("stock_movements");
}

/** A product as read, with the update time its conditional write will be checked against. */
export interface StoredProduct {
  doc: ProductDoc;
  updateTime: Timestamp;
}

/** A fresh import id (the client may also choose one, to listen before the answer arrives). */
export function newImportId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 20);
}

/** Reads products by id, READ_CHUNK per getAll; absent ids map to null. */
export async function readProducts(shopId: string, ids: string[]): Promise<Map<string, StoredProduct | null>> {
  const out = new Map<string, StoredProduct | null>();
  const col = products(shopId);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += READ_CHUNK) chunks.push(ids.slice(i, i + READ_CHUNK));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const snaps = await db().getAll(...chunk.map((id) => col.doc(id)));
      for (const snap of snaps) {
        out.set(snap.id, snap.exists ? { doc: parseStored(ProductDoc, withDerivedFields(snap.data()), snap.ref.path), updateTime: snap.updateTime! } : null);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, chunks.length) }, worker));
  return out;
}

/** One product write of an import; its document is built only when its turn comes. */
export interface ProductWrite {
  kind: "create" | "update";
  productId: string;
  /** For updates: the update time read; the write succeeds only if the document still has it. */
  readTime?: Timestamp;
}

/** What to write for a product: its data (whole document, or changed fields) and its ledger entry. */
export interface BuiltWrite {
  data: Partial<ProductDoc>;
  movement: StockMovementDoc | null;
  /** The price/MRP audit record of an update that changes them. */
  audit?: AuditDoc | null;
}

export interface WriteOutcome {
  /** Written product ids. */
  written: Set<string>;
  /** Lost a race (created, changed or deleted by someone else since we read): re-read and re-plan. */
  lost: Set<string>;
  /** Failed for another reason, with the message. */
  failed: Map<string, string>;
}

/**
 * The emulator has no write-rate ramp to respect, so throttling is off there; in production the
 * BulkWriter starts at 500 writes/s and ramps up (the 500/50/5 rule for fresh key ranges).
 */
function bulkWriter(): BulkWriter {
  const writer = db().bulkWriter({ throttling: process.env.FIRESTORE_EMULATOR_HOST ? false : { initialOpsPerSecond: 500, maxOpsPerSecond: 10_000 } });
  writer.onWriteError((err: BulkWriterError) => {
    if (err.code === ALREADY_EXISTS || err.code === FAILED_PRECONDITION || err.code === NOT_FOUND) return false;
    return err.failedAttempts < 5; // transient errors: BulkWriter backs off and retries
  });
  return writer;
}

/** Writes in flight at once: bounds memory (BulkWriter holds every enqueued write) on 50,000-row files. */
const WRITE_WINDOW = 1000;

/**
 * Writes the products through one BulkWriter with at most WRITE_WINDOW writes in flight (a
 * sliding window: BulkWriter sends each full batch as soon as it fills); each written product's
 * stock movement is enqueued as soon as its write succeeds. A movement's id is derived from the
 * import and product, so a retry never books it twice.
 */
export async function writeProducts(
  shopId: string,
  importId: string,
  writes: ProductWrite[],
  build: (write: ProductWrite) => BuiltWrite,
  onWritten: (count: number) => void,
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: new Set(), lost: new Set(), failed: new Map() };
  if (writes.length === 0) return outcome;
  const col = products(shopId);
  const ledger = movements(shopId);
  const auditTrail = db().collection("shops").doc(shopId).collection("audit");
  const writer = bulkWriter();
  const booked: Promise<unknown>[] = [];
  const settled: Promise<void>[] = [];
  let inFlight = 0;
  let wake: (() => void) | null = null;
  for (const w of writes) {
    while (inFlight >= WRITE_WINDOW) await new Promise<void>((resolve) => (wake = resolve));
    const { data, movement, audit } = build(w);
    const ref = col.doc(w.productId);
    const op = w.kind === "create" ? writer.create(ref, data as ProductDoc) : writer.update(ref, data, { lastUpdateTime: w.readTime! });
    inFlight++;
    settled.push(
      op
        .then(
          () => {
            outcome.written.add(w.productId);
            onWritten(1);
            const bookOnce = (ref: DocumentReference, doc: StockMovementDoc | AuditDoc) =>
              booked.push(
                writer.create(ref, doc).catch((err: BulkWriterError) => {
                  if (err.code !== ALREADY_EXISTS) throw err;
                }),
              );
            // Deterministic ids (import + product): a retried write never books a second record.
            if (movement) bookOnce(ledger.doc(`${importId}-${w.productId}`), movement);
            if (audit) bookOnce(auditTrail.doc(`import-${importId}-${w.productId}`), audit);
          },
          (err: BulkWriterError) => {
            if (err.code === ALREADY_EXISTS || err.code === FAILED_PRECONDITION || err.code === NOT_FOUND) outcome.lost.add(w.productId);
            else outcome.failed.set(w.productId, err.message);
          },
        )
        .finally(() => {
          inFlight--;
          const resume = wake;
          wake = null;
          resume?.();
        }),
    );
  }
  await writer.flush();
  await Promise.all(settled);
  await writer.close();
  await Promise.all(booked);
  return outcome;
}

/** How many products the shop holds, as its KPI summary counts them (0 before the first). */
export async function catalogSize(shopId: string): Promise<number> {
  return (await readSummary(shopId))?.totals?.products ?? 0;
}

/** Products per KPI transaction (two reads and one write each) and transactions in flight. */
const KPI_CHUNK = 200;
const KPI_PARALLEL = 4;

/**
 * Applies the KPI change of every product the import wrote, before the import answers, through
 * the same per-product transaction the trigger uses (applyProducts): the dashboard is right as
 * soon as the import has answered, and the triggers of its writes find nothing left to add.
 */
export async function applyKpisOfWrites(shopId: string, importId: string, productIds: string[]): Promise<void> {
  const chunks: string[][] = [];
  for (let i = 0; i < productIds.length; i += KPI_CHUNK) chunks.push(productIds.slice(i, i + KPI_CHUNK));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(KPI_PARALLEL, chunks.length) }, async () => {
      while (next < chunks.length) await applyProducts(shopId, chunks[next++], `import:${importId}`, new Date());
    }),
  );
}

// ---------- the job document and its results ----------

/** Creates the job document; a client-chosen id that is already taken is a 409. */
export async function createJob(shopId: string, importId: string, job: ImportJobDoc): Promise<void> {
  try {
    await imports(shopId).doc(importId).create(job);
  } catch (err) {
    if ((err as { code?: number }).code === ALREADY_EXISTS) throw new AppError("CONFLICT", `An import with id ${importId} already exists; choose another import_id`, { importId });
    throw err;
  }
}

export async function updateJob(shopId: string, importId: string, fields: Partial<ImportJobDoc>): Promise<void> {
  await imports(shopId).doc(importId).update(fields);
}

export async function getJob(shopId: string, importId: string): Promise<ImportJobDoc | null> {
  return parseSnapshot(ImportJobDoc, await imports(shopId).doc(importId).get());
}

function chunkId(index: number): string {
  return String(index).padStart(5, "0");
}

/** Stores the per-row results, up to RESULTS_PER_CHUNK per document; returns the number of documents. */
export async function writeResults(shopId: string, importId: string, results: RowResult[]): Promise<number> {
  const col = imports(shopId).doc(importId).collection("results");
  const writer = db().bulkWriter({ throttling: false });
  let chunks = 0;
  let page: RowResult[] = [];
  let bytes = 0;
  const emit = (): void => {
    const doc: ImportResultsChunkDoc = { index: chunks, results: page };
    void writer.set(col.doc(chunkId(chunks++)), doc);
    page = [];
    bytes = 0;
  };
  for (const result of results) {
    // A page closes at RESULTS_PER_CHUNK rows or ~800 KB, under Firestore's 1 MiB per document.
    const size = JSON.stringify(result).length;
    if (page.length && (page.length >= RESULTS_PER_CHUNK || bytes + size > RESULTS_CHUNK_BYTES)) emit();
    page.push(result);
    bytes += size;
  }
  if (page.length) emit();
  await writer.close();
  return chunks;
}

/** One page of results (one results document), or [] past the end. */
export async function getResultsChunk(shopId: string, importId: string, index: number): Promise<RowResult[]> {
  const snap = await imports(shopId).doc(importId).collection("results").doc(chunkId(index)).get();
  return parseSnapshot(ImportResultsChunkDoc, snap)?.results ?? [];
}

/** Bytes of results per results document (JSON estimate), below Firestore's 1 MiB. */
const RESULTS_CHUNK_BYTES = 800 * 1024;

/** Every stored result, in row order. */
export async function getAllResults(shopId: string, importId: string): Promise<RowResult[]> {
  const snaps = await imports(shopId).doc(importId).collection("results").orderBy("index").get();
  // A malformed results page is logged and skipped: it never takes the whole errors.csv down.
  return snaps.docs.flatMap((s) => parseStoredOrSkip(ImportResultsChunkDoc, s.data(), s.ref.path)?.results ?? []);
}
