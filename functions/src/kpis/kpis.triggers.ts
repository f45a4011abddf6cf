import { onDocumentWritten } from "firebase-functions/v2/firestore";
import type { Timestamp } from "firebase-admin/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import "../config";
import { now } from "../platform/clock";
import { applyProducts, productKpiView } from "./kpis.repository";
import { sameContribution } from "./kpis.service";
import { ensureRolledUp, handleRollupRequested } from "./kpis.rollup";
import { reconcileAllShops } from "./kpis.reconcile";
import { logKpiApplied, logKpiProductMalformed } from "./kpis.logs";

/** What the product trigger needs from its event. */
export interface ProductWrittenInput {
  eventId: string;
  shopId: string;
  productId: string;
  /** The document data before and after the write (null: created / deleted). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What handling one event did (for tests and logs). */
export interface ProductWrittenResult {
  skipped: boolean;
  changed: boolean;
  shard: number | null;
}

/**
 * Keeps the shop's KPIs exact after a product write. The event's before/after only decide
 * whether the write could matter (a rename or a search-token change cannot); the change itself
 * is computed from the product read fresh inside a transaction against the contribution last
 * applied for it, so a duplicate or out-of-order event adds nothing (see applyProducts).
 */
export async function handleProductWritten(input: ProductWrittenInput): Promise<ProductWrittenResult> {
  const started = Date.now();
  const path = `shops/${input.shopId}/products/${input.productId}`;
  const before = productKpiView(input.before);
  const after = productKpiView(input.after);
  if (input.before && input.after && !before.malformed && !after.malformed && sameContribution(before.contribution, after.contribution)) {
    // Guard against work on writes that cannot move a KPI (names, tokens, our own fields).
    return { skipped: true, changed: false, shard: null };
  }
  const [applied] = await applyProducts(input.shopId, [input.productId], `event:${input.eventId}`, now());
  if (applied.malformed) logKpiProductMalformed({ eventId: input.eventId, path, shopId: input.shopId, productId: input.productId });
  // Also when nothing changed: a retry after a crash between apply and roll-up must still roll up.
  await ensureRolledUp(input.shopId, applied.shard, `event:${input.eventId}`);
  if (applied.changed) {
    logKpiApplied({ eventId: input.eventId, path, shopId: input.shopId, productId: input.productId, shard: applied.shard, version: applied.version, latencyMs: Date.now() - started });
  }
  return { skipped: false, changed: applied.changed, shard: applied.shard };
}

/** Firestore trigger: every product write (API, offline edit, CSV import, seed) updates the KPIs. */
export const onProductWritten = onDocumentWritten({ document: "shops/{shopId}/products/{productId}", retry: true }, async (event) => {
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
  await handleRollupRequested({ shopId: event.params.shopId, dueAt: due ? due.toDate() : null });
});

/** Nightly (02:30 India time) recomputation of every shop's KPIs from its products; logs and repairs drift. */
export const reconcileKpisNightly = onSchedule({ schedule: "30 2 * * *", timeZone: "Asia/Kolkata", timeoutSeconds: 540, memory: "1GiB" }, async () => {
  await reconcileAllShops(`nightly-${now().toISOString()}`);
});
