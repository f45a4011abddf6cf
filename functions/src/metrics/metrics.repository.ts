import { FieldValue, type DocumentData } from "firebase-admin/firestore";
import { db } from "../platform/firebase";
import { LATENCY_BUCKETS_MS, OPERATIONS, type RouteStats } from "./metrics.schema";
import { emptyStats, mergeStats } from "./metrics.service";

/** Firestore paths of the metrics domain. */
export const metricsMinutesCol = () => db().collection("metrics_minutes");

/** "202611221430" for 14:30 UTC on 2026-11-22. */
export function minuteKey(minute: Date): string {
  return minute.toISOString().slice(0, 16).replace(/[-T:]/g, "");
}

/** Adds one instance's counts for one minute to that minute's shard document (increments only). */
export async function addMinuteCounts(minute: Date, shard: number, perRoute: Map<string, RouteStats>): Promise<void> {
  const routes: Record<string, unknown> = {};
  for (const [key, s] of perRoute) {
    const buckets: Record<string, unknown> = {};
    s.buckets.forEach((count, i) => {
      if (count) buckets[String(i)] = FieldValue.increment(count);
    });
    const ops: Record<string, unknown> = {};
    for (const op of OPERATIONS) if (s.operations[op]) ops[op] = FieldValue.increment(s.operations[op]);
    // Route keys ("GET /v1/products/{id}") are literal map keys in a set() object, not field paths.
    routes[key] = {
      requests: FieldValue.increment(s.requests),
      errors_4xx: FieldValue.increment(s.errors_4xx),
      errors_5xx: FieldValue.increment(s.errors_5xx),
      latency_sum_ms: FieldValue.increment(s.latency_sum_ms),
      operations: ops,
      buckets,
    };
  }
  await metricsMinutesCol()
    .doc(`${minuteKey(minute)}_${shard}`)
    .set({ minute, routes }, { merge: true });
}

function statsFrom(data: unknown): RouteStats {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, any>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const s = emptyStats();
  s.requests = n(d.requests);
  s.errors_4xx = n(d.errors_4xx);
  s.errors_5xx = n(d.errors_5xx);
  s.latency_sum_ms = n(d.latency_sum_ms);
  for (const op of OPERATIONS) s.operations[op] = n(d.operations?.[op]);
  for (let i = 0; i <= LATENCY_BUCKETS_MS.length; i++) s.buckets[i] = n(d.buckets?.[String(i)]);
  return s;
}

/** Sums every shard document of every minute since `since`, per route. */
export async function readCountsSince(since: Date): Promise<Map<string, RouteStats>> {
  const snap = await metricsMinutesCol().where("minute", ">=", since).get();
  const out = new Map<string, RouteStats>();
  for (const doc of snap.docs) {
    const routes = (doc.get("routes") ?? {}) as DocumentData;
    for (const [key, value] of Object.entries(routes)) out.set(key, mergeStats(out.get(key) ?? emptyStats(), statsFrom(value)));
  }
  return out;
}
