import { now } from "../platform/clock";
import { AppError } from "../platform/errors";
import { getShop } from "../identity/identity.repository";
import { listShopIds } from "../kpis/kpis.repository";
import { istDay } from "./demand";
import { allProducts, ledgerSince, storeRun, suggestionIds, supplierOffers } from "./replenishment.repository";
import { defaultOnOrderSource, HISTORY_DAYS, planShop, type OnOrderSource } from "./replenishment.service";
import type { RunDoc } from "./replenishment.schema";
import { logReplenishmentRunFailed, logReplenishmentRunFinished } from "./replenishment.logs";

/** What one shop's run did. */
export interface ShopRunResult extends RunDoc {
  run_id: string;
  /** Where the time went (ms): reading, planning (CPU), storing. */
  timings: { readMs: number; planMs: number; writeMs: number };
}

/** Options of a run (tests and the bench pass their own clock and on-order source). */
export interface RunOptions {
  runId: string;
  trigger: string;
  at?: Date;
  onOrder?: OnOrderSource;
}

/**
 * Forecasts every product of one shop from its ledger and rewrites its reorder suggestions:
 * reads the products, the last 180 days of the ledger, the owner's suppliers and what is on
 * order; plans (pure, replenishment.service.ts); stores the forecasts and suggestions, deleting
 * the suggestions this run no longer makes. Safe to repeat: a rerun rewrites the same documents.
 */
export async function runShop(shopId: string, options: RunOptions): Promise<ShopRunResult> {
  const started = Date.now();
  const at = options.at ?? now();
  const shop = await getShop(shopId);
  if (!shop) throw new AppError("NOT_FOUND", `Shop ${shopId} not found`);
  // History ends with yesterday (India time): today is not over, and is the first forecast day.
  const lastDay = istDay(at) - 1;
  const since = new Date((lastDay - HISTORY_DAYS + 1) * 86_400_000 - 330 * 60_000);
  const [{ products, skipped }, ledger, offers, onOrder, existing] = await Promise.all([
    allProducts(shopId),
    ledgerSince(shopId, since),
    supplierOffers(shop.owner_id),
    (options.onOrder ?? defaultOnOrderSource)(shopId),
    suggestionIds(shopId),
  ]);
  const readDone = Date.now();
  const plan = planShop({ shopId, runId: options.runId, at, lastDay, products, ledger, offers, onOrder });
  const stale = existing.filter((id) => !plan.suggestions.has(id));
  const run: RunDoc = {
    shop_id: shopId,
    trigger: options.trigger,
    products: products.length,
    skipped,
    suggestions: plan.suggestions.size,
    removed: stale.length,
    started_at: at,
    finished_at: new Date(at.getTime() + (Date.now() - started)),
  };
  const planDone = Date.now();
  await storeRun(shopId, options.runId, { forecasts: plan.forecasts, suggestions: plan.suggestions, stale, run });
  const timings = { readMs: readDone - started, planMs: planDone - readDone, writeMs: Date.now() - planDone };
  logReplenishmentRunFinished({ shopId, runId: options.runId, trigger: options.trigger, products: products.length, ledgerEntries: ledger.length, skipped, suggestions: plan.suggestions.size, removed: stale.length, ...timings, latencyMs: Date.now() - started });
  return { ...run, run_id: options.runId, timings };
}

/**
 * The nightly job's core: runs every shop, one after another; a failing shop is logged and the
 * others go on; the run then fails so the scheduler reports it.
 */
export async function runAllShops(runId: string, at: Date = now(), onOrder?: OnOrderSource): Promise<{ shops: number; failed: number }> {
  const shopIds = await listShopIds();
  let failed = 0;
  for (const shopId of shopIds) {
    try {
      await runShop(shopId, { runId, trigger: "nightly", at, onOrder });
    } catch (err) {
      failed++;
      logReplenishmentRunFailed({ shopId, runId, message: err instanceof Error ? err.message : String(err) });
    }
  }
  if (failed > 0) throw new Error(`replenishment failed for ${failed} of ${shopIds.length} shops (run ${runId})`);
  return { shops: shopIds.length, failed };
}
