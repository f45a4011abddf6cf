import { now } from "../platform/clock";
import { applyProducts, productKpiView } from "./kpis.repository";
import { sameContribution } from "./kpis.service";
import { ensureRolledUp } from "./kpis.rollup";
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
  await ensureRolledUp(input.shopId, applied.shard);
  if (applied.changed) {
    logKpiApplied({ eventId: input.eventId, path, shopId: input.shopId, productId: input.productId, shard: applied.shard, version: applied.version, latencyMs: Date.now() - started });
  }
  return { skipped: false, changed: applied.changed, shard: applied.shard };
}
