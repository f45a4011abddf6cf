import { adminDb, uniqueId } from "../../helpers/emulators";
import { summary } from "../../helpers/kpis";
import { ensureRolledUp, handleRollupTask, rollupTaskId } from "../../../src/kpis/kpis.rollup";
import { db } from "../../../src/platform/firebase";

// Shards are written directly (no product, so no trigger runs): the roll-up alone is under test.
const HOUR_MS = 3_600_000;

beforeAll(() => {
  db();
});

async function setShard(shopId: string, products: number, seq: number): Promise<void> {
  const counts = { products, units: products, value_paise: 100 * products, low_stock: 0, out_of_stock: 0 };
  await adminDb().doc(`shops/${shopId}/kpi_shards/00`).set({ ...counts, by_category: { Staples: counts }, seq });
}

async function rolledUpAt(shopId: string): Promise<Date> {
  return (await adminDb().doc(`shops/${shopId}/kpis/summary`).get()).get("rolled_up_at").toDate();
}

describe("KPI roll-up scheduling", () => {
  test("a change too soon after the last roll-up schedules one task for when the summary is due, and no sooner", async () => {
    const shopId = uniqueId("kpi-sched");
    const scheduled: Array<{ shopId: string; dueAt: Date }> = [];
    const schedule = async (s: string, dueAt: Date) => void scheduled.push({ shopId: s, dueAt });

    await setShard(shopId, 1, 1);
    await ensureRolledUp(shopId, 0, HOUR_MS, schedule); // first roll-up: nothing to wait for
    expect(scheduled).toEqual([]);
    expect((await summary(shopId)).products).toBe(1);
    const first = await rolledUpAt(shopId);

    await setShard(shopId, 2, 2);
    await ensureRolledUp(shopId, 0, HOUR_MS, schedule);
    await setShard(shopId, 3, 3);
    await ensureRolledUp(shopId, 0, HOUR_MS, schedule);
    // Both writers name the same due time, hence the same task id: Cloud Tasks keeps one.
    expect(scheduled.map((s) => s.dueAt.getTime())).toEqual([first.getTime() + HOUR_MS, first.getTime() + HOUR_MS]);
    expect(new Set(scheduled.map((s) => rollupTaskId(s.shopId, s.dueAt))).size).toBe(1);
    expect((await summary(shopId)).products).toBe(1);

    // The task, run early (as the emulator does), declines without writing; due, it rolls up.
    const early = await handleRollupTask({ shopId, dueAt: scheduled[0].dueAt.getTime() }, HOUR_MS);
    expect(early.kind).toBe("too-soon");
    expect((await summary(shopId)).products).toBe(1);
    const due = await handleRollupTask({ shopId, dueAt: scheduled[0].dueAt.getTime() }, 0);
    expect(due.kind).toBe("rolled-up");
    expect((await summary(shopId)).products).toBe(3);
    // A duplicate delivery finds the summary fresh.
    expect((await handleRollupTask({ shopId, dueAt: scheduled[0].dueAt.getTime() }, 0)).kind).toBe("already-fresh");
  });

  test("a summary that already includes the shard's change schedules nothing", async () => {
    const shopId = uniqueId("kpi-fresh");
    const scheduled: Date[] = [];
    await setShard(shopId, 4, 1);
    await ensureRolledUp(shopId, 0, HOUR_MS, async (_s, dueAt) => void scheduled.push(dueAt));
    await ensureRolledUp(shopId, 0, HOUR_MS, async (_s, dueAt) => void scheduled.push(dueAt));
    expect(scheduled).toEqual([]);
    expect((await summary(shopId)).products).toBe(4);
  });

  test("a malformed roll-up task is dropped without touching any shop", async () => {
    expect((await handleRollupTask({ shop: "x" })).kind).toBe("malformed");
    expect((await handleRollupTask(null)).kind).toBe("malformed");
  });
});
