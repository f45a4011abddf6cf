import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { onTaskDispatched } from "firebase-functions/v2/tasks";
import { HttpsError } from "firebase-functions/v2/https";
import "../config";
import { adminApp } from "../platform/firebase";
import { runTrigger } from "../platform/triggers";

// The triggers only unpack their event; the handlers (and the Admin SDK's Firestore, zod, ...)
// load on the first event, so importing the entry module stays cheap for every function.

// firebase-functions decodes a Firestore event's snapshots with the default Admin app before
// the handler runs, so the app must exist at load time (initializeApp is cheap: no I/O).
adminApp();

/**
 * Firestore trigger: every product write (API, offline edit, CSV import, seed, direct SDK write)
 * updates the KPIs, raises stock alerts (replenishment) when the product crosses into low or out
 * of stock or back, and rewrites the product's derived fields (search_tokens) when a direct write
 * left them wrong. One trigger for all three: a second function on the same document would double
 * the invocations of every write (50,000 for one large import).
 */
export const onProductWritten = onDocumentWritten({ document: "shops/{shopId}/products/{productId}", retry: true }, async (event) => {
  const subject = `shops/${event.params.shopId}/products/${event.params.productId}`;
  const after = event.data?.after.exists ? (event.data.after.data() ?? null) : null;
  // Retries only transient failures; a poison event is dead-lettered and acknowledged.
  await runTrigger({ trigger: "onProductWritten", eventId: event.id, subject }, async () => {
    const { handleProductWritten } = await import("./kpis.handlers");
    await handleProductWritten({
      eventId: event.id,
      shopId: event.params.shopId,
      productId: event.params.productId,
      before: event.data?.before.exists ? (event.data.before.data() ?? null) : null,
      after,
    });
    // Stock alerts (replenishment): a pure check of before/after; only a crossing (or a low
    // product's new figures) costs reads and writes. Ids are per crossing, so a retry of this
    // event after any step above re-sends nothing.
    const before = event.data?.before.exists ? (event.data.before.data() ?? null) : null;
    const { stockAlertMayChange } = await import("../replenishment/stock-alerts.service");
    if (stockAlertMayChange(before, after)) {
      const { handleStockAlert } = await import("../replenishment/stock-alerts.handlers");
      await handleStockAlert({ eventId: event.id, shopId: event.params.shopId, productId: event.params.productId, before, after });
    }
    // Derived fields: a pure check of the event's data; only a stale product costs a read.
    const { derivedFieldsStale } = await import("../inventory/products.derived");
    if (!derivedFieldsStale(after)) return;
    const { handleProductDerivedFieldsStale } = await import("../inventory/products.handlers");
    await handleProductDerivedFieldsStale({ eventId: event.id, shopId: event.params.shopId, productId: event.params.productId });
  });
});

/**
 * Cloud Tasks queue function: carries out a scheduled KPI roll-up (enqueued by product triggers
 * that found the summary too recent, for the moment it is due). Too soon still (clock skew; the
 * emulator runs tasks at once) fails the attempt, and the queue retries after its backoff.
 */
export const rollUpKpis = onTaskDispatched(
  {
    // Retries cover "too soon" and transient Firestore errors; both limits must be reached to give up (~1 h).
    retryConfig: { maxAttempts: 100, maxRetrySeconds: 3600, minBackoffSeconds: 0.1, maxBackoffSeconds: 60, maxDoublings: 5 },
    // At most one task per shop per second; this bounds the burst of many shops at once.
    rateLimits: { maxConcurrentDispatches: 50, maxDispatchesPerSecond: 200 },
    memory: "256MiB",
    timeoutSeconds: 60,
  },
  async (req) => {
    const subject = `kpi-rollup:${JSON.stringify(req.data ?? null).slice(0, 200)}`;
    const outcome = await runTrigger({ trigger: "rollUpKpis", eventId: req.id ?? "unknown", subject }, async () => {
      const { handleRollupTask } = await import("./kpis.rollup");
      return handleRollupTask(req.data);
    });
    // "Too soon" is the one failure thrown on purpose: the queue retries it after its backoff.
    if (outcome?.kind === "too-soon") {
      throw new HttpsError("failed-precondition", `KPI summary not due for ${outcome.waitMs} ms`, { retryAfterMs: outcome.waitMs });
    }
  },
);

/** Nightly (02:30 India time) recomputation of every shop's KPIs from its products; logs and repairs drift. */
export const reconcileKpisNightly = onSchedule({ schedule: "30 2 * * *", timeZone: "Asia/Kolkata", timeoutSeconds: 540, memory: "1GiB" }, async () => {
  const { reconcileAllShops } = await import("./kpis.reconcile");
  await reconcileAllShops(`nightly-${new Date().toISOString()}`);
});
