import { createHash } from "node:crypto";
import type { TaskQueue } from "firebase-admin/functions";
import { REGION } from "../config";
import { now } from "../platform/clock";
import { adminApp } from "../platform/firebase";
import { z } from "../platform/schema";
import { KPI_ROLLUP_MIN_INTERVAL_MS } from "./kpis.schema";
import { readShardSeq, readSummary, rollUpSummary, type RollUpOutcome } from "./kpis.repository";
import { logKpiRecordMalformed, logKpiRolledUp, logKpiRollupScheduled, logKpiRollupTaskMalformed } from "./kpis.logs";

/** The task-queue function that carries out scheduled roll-ups (kpis.triggers.ts). */
export const KPI_ROLLUP_FUNCTION = "rollUpKpis";

/** What a roll-up task carries: the shop, and when its roll-up is due (epoch ms). */
export const KpiRollupTask = z.object({ shopId: z.string().min(1), dueAt: z.number().int() });
export type KpiRollupTask = z.infer<typeof KpiRollupTask>;

/** Schedules the roll-up task of a shop for `dueAt`; duplicates of the same task are no-ops. */
export type ScheduleRollup = (shopId: string, dueAt: Date) => Promise<void>;

/**
 * Makes sure the shop's summary includes, now or within about one interval, the current state
 * of `shard` (trailing-edge debounce, never waiting): returns at once when a roll-up already
 * covers the shard's seq; rolls up now when the last roll-up is old enough; otherwise schedules
 * a Cloud Task for the moment the interval has passed. Every writer that finds the same summary
 * too recent names the same task (shop + due time), so a burst of thousands of product writes
 * costs at most ~1 summary write per second and one task, and no product trigger ever sleeps.
 *
 * Why "the task already exists" is enough: the task only completes after a roll-up that ran
 * when the summary was due; a roll-up that committed before our transaction read the summary
 * would have moved `rolled_up_at` (so we would name a later task), and one that commits after
 * that read is serialized after our shard write, so it includes it.
 */
export async function ensureRolledUp(shopId: string, shard: number, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS, schedule: ScheduleRollup = scheduleRollupTask): Promise<void> {
  const seq = await readShardSeq(shopId, shard);
  const summary = await readSummary(shopId);
  if (summary && (summary.shardSeqs[String(shard)] ?? 0) >= seq) return;
  const outcome = await rollUpSummary(shopId, { mode: "debounced", minIntervalMs, now });
  if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId, reason: "product-written", lateMs: 0 });
  if (outcome.kind === "too-soon") await schedule(shopId, outcome.dueAt);
  if (outcome.kind === "malformed") await repairMalformed(shopId, outcome);
}

/** A malformed shard stopped a roll-up: log it loudly and rebuild the shop's KPIs from its products. */
async function repairMalformed(shopId: string, outcome: { path: string; problem: string }): Promise<void> {
  logKpiRecordMalformed({ path: outcome.path, problem: outcome.problem, repair: "reconcile" });
  const { reconcileShop } = await import("./kpis.reconcile");
  await reconcileShop(shopId, { trigger: "malformed-record" });
}

/**
 * Carries out a scheduled roll-up task (no waiting): rolls the shards up if the summary is due,
 * or answers "too-soon" so the task function fails and Cloud Tasks retries it after its backoff
 * (only on clock skew in production; the emulator ignores scheduleTime and runs tasks at once).
 * Idempotent: a duplicate finds the summary fresh. A malformed task is logged and dropped.
 */
export async function handleRollupTask(data: unknown, minIntervalMs = KPI_ROLLUP_MIN_INTERVAL_MS): Promise<RollUpOutcome | { kind: "malformed" }> {
  const task = KpiRollupTask.safeParse(data);
  if (!task.success) {
    logKpiRollupTaskMalformed({ issues: task.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    return { kind: "malformed" };
  }
  const outcome = await rollUpSummary(task.data.shopId, { mode: "debounced", minIntervalMs, now });
  if (outcome.kind === "malformed") await repairMalformed(task.data.shopId, outcome);
  if (outcome.kind === "rolled-up") logKpiRolledUp({ shopId: task.data.shopId, reason: "scheduled", lateMs: Math.max(0, Date.now() - task.data.dueAt) });
  return outcome;
}

/** Cloud Tasks ids: letters, digits, "-" and "_" (≤ 500). Other shop ids are hashed. */
export function rollupTaskId(shopId: string, dueAt: Date): string {
  const safe = /^[A-Za-z0-9_-]{1,400}$/.test(shopId) ? shopId : createHash("sha256").update(shopId).digest("hex");
  return `kpi-rollup-${safe}-${dueAt.getTime()}`;
}

let queue: TaskQueue<KpiRollupTask> | undefined;
/** The last task id this instance scheduled per shop: a burst asks Cloud Tasks only once. */
const scheduled = new Map<string, string>();
const SCHEDULED_MEMO_LIMIT = 10_000;

/** Enqueues the shop's roll-up task for `dueAt` (Admin SDK, loaded on first use); "already exists" is success. */
export async function scheduleRollupTask(shopId: string, dueAt: Date): Promise<void> {
  const id = rollupTaskId(shopId, dueAt);
  if (scheduled.get(shopId) === id) return;
  if (!queue) {
    const { getFunctions } = await import("firebase-admin/functions");
    queue = getFunctions(adminApp()).taskQueue<KpiRollupTask>(`locations/${REGION}/functions/${KPI_ROLLUP_FUNCTION}`);
  }
  try {
    await queue.enqueue({ shopId, dueAt: dueAt.getTime() }, { id, scheduleTime: dueAt });
    logKpiRollupScheduled({ shopId, taskId: id, dueAt: dueAt.toISOString() });
  } catch (err) {
    if ((err as { code?: string }).code !== "functions/task-already-exists") throw err;
  }
  if (scheduled.size >= SCHEDULED_MEMO_LIMIT) scheduled.clear();
  scheduled.set(shopId, id);
}
