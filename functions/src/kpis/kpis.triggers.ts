import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import type { Timestamp } from "firebase-admin/firestore";
import "../config";
import { adminApp } from "../platform/firebase";

// The triggers only unpack their event; the handlers (and the Admin SDK's Firestore, zod, ...)
// load on the first event, so importing the entry module stays cheap for every function.

// firebase-functions decodes a Firestore event's snapshots with the default Admin app before
// the handler runs, so the app must exist at load time (initializeApp is cheap: no I/O).
adminApp();

/** Firestore trigger: every product write (API, offline edit, CSV import, seed) updates the KPIs. */
export const onProductWritten = onDocumentWritten({ document: "shops/{shopId}/products/{productId}", retry: true }, async (event) => {
  const { handleProductWritten } = await import("./kpis.handlers");
  await handleProductWritten({
    eventId: event.id,
    shopId: event.params.shopId,
    productId: event.params.productId,
    before: event.data?.before.exists ? (event.data.before.data() ?? null) : null,
    after: event.data?.after.exists ? (event.data.after.data() ?? null) : null,
  });
});

/** Carries out a pending KPI roll-up request (written by product triggers that found the summary too recent). */
export const onKpiRollupRequested = onDocumentWritten({ document: "shops/{shopId}/kpis/rollup_request", retry: true }, async (event) => {
  const after = event.data?.after;
  if (!after?.exists) return; // the request was retired
  const due = after.get("due_at") as Timestamp | undefined;
  const { handleRollupRequested } = await import("./kpis.rollup");
  await handleRollupRequested({ shopId: event.params.shopId, dueAt: due ? due.toDate() : null });
});

/** Nightly (02:30 India time) recomputation of every shop's KPIs from its products; logs and repairs drift. */
export const reconcileKpisNightly = onSchedule({ schedule: "30 2 * * *", timeZone: "Asia/Kolkata", timeoutSeconds: 540, memory: "1GiB" }, async () => {
  const { reconcileAllShops } = await import("./kpis.reconcile");
  await reconcileAllShops(`nightly-${new Date().toISOString()}`);
});
