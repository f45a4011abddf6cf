import { readFileSync } from "node:fs";
import path from "node:path";
import { initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { doc, getDoc, serverTimestamp, setDoc, type Firestore } from "firebase/firestore";
import { percentile, report, round, size, type Bench } from "./harness";

/**
 * The cost of reading memberships from the member document in the security rules (so removing
 * staff takes effect at once) against trusting the token's claim first (the rules before), on the
 * Firestore emulator: the same direct client writes (an offline stock adjustment) and reads
 * under each rule set, interleaved. In production the difference is one billed document read
 * per request and the latency of that read inside Firestore.
 */

const WRITES = size(100, 3);
const SHOP = "bench-shop";

/** The rules as they were: the token's `shops` claim first, the member document only as a fallback. */
function claimFirstRules(current: string): string {
  const variant = current.replace(
    /function hasRole\(shopId, roles\) \{[\s\S]*?\n    \}/,
    `function hasRole(shopId, roles) {
      return isSignedIn() && (request.auth.token.get('shops', {}).get(shopId, null) in roles
        || (exists(memberDoc(shopId)) && get(memberDoc(shopId)).data.role in roles));
    }`,
  );
  if (variant === current) throw new Error("rules bench: could not find hasRole() in firestore.rules");
  return variant;
}

async function envFor(projectId: string, rules: string): Promise<RulesTestEnvironment> {
  const hub = await fetch(`http://${process.env.FIREBASE_EMULATOR_HUB}/emulators`);
  const { firestore } = (await hub.json()) as Record<string, { host: string; port: number }>;
  const env = await initializeTestEnvironment({ projectId, firestore: { host: firestore.host, port: firestore.port, rules } });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), `shops/${SHOP}/members/staff-uid`), { role: "staff" });
    await setDoc(doc(ctx.firestore(), `shops/${SHOP}/stock_movements/m1`), { delta: 1 });
  });
  return env;
}

export const rulesBench: Bench = {
  name: "rules",
  needsEmulators: true,
  async run() {
    const current = readFileSync(path.resolve(__dirname, "../../../firestore.rules"), "utf8");
    const envs = {
      "member document (now)": await envFor("demo-kirana-bench-rules-doc", current),
      "token claim first (before)": await envFor("demo-kirana-bench-rules-claim", claimFirstRules(current)),
    };
    const dbs = Object.fromEntries(
      Object.entries(envs).map(([k, env]) => [k, env.authenticatedContext("staff-uid", { shops: { [SHOP]: "staff" } }).firestore() as unknown as Firestore]),
    );
    const writes: Record<string, number[]> = Object.fromEntries(Object.keys(envs).map((k) => [k, []]));
    const reads: Record<string, number[]> = Object.fromEntries(Object.keys(envs).map((k) => [k, []]));
    // Warm each connection, then interleave so machine load hits both alike.
    for (const db of Object.values(dbs)) await getDoc(doc(db, `shops/${SHOP}/stock_movements/m1`));
    for (let i = 0; i < WRITES; i++) {
      for (const [k, db] of Object.entries(dbs)) {
        let t = performance.now();
        await setDoc(doc(db, `shops/${SHOP}/product_edits/e-${i}`), { product_id: "P-1", kind: "adjustment", delta: -1, reason: "sale", status: "pending", created_by: "staff-uid", created_at: serverTimestamp() });
        writes[k].push(performance.now() - t);
        t = performance.now();
        await getDoc(doc(db, `shops/${SHOP}/stock_movements/m1`));
        reads[k].push(performance.now() - t);
      }
    }
    const out: Record<string, number> = {};
    for (const k of Object.keys(envs)) {
      report("rules", `${k}: direct write (edit create) p50`, round(percentile(writes[k], 50), 2), "ms");
      report("rules", `${k}: direct write p95`, round(percentile(writes[k], 95), 2), "ms");
      report("rules", `${k}: direct read (ledger entry) p50`, round(percentile(reads[k], 50), 2), "ms");
      out[`${k} write p50 ms`] = round(percentile(writes[k], 50), 2);
      out[`${k} read p50 ms`] = round(percentile(reads[k], 50), 2);
    }
    report("rules", "member-document reads added per request (billed)", 1, "read");
    for (const env of Object.values(envs)) await env.cleanup();
    return out;
  },
};
