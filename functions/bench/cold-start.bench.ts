import { execFileSync } from "node:child_process";
import path from "node:path";
import { median, report, round, size, type Bench } from "./harness";

const RUNS = size(9, 1);
const LIB = path.resolve(__dirname, "..", "src");

/** Milliseconds a fresh node process spends in `require(target)`. */
function importMs(target: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: path.resolve(__dirname, "..", ".."), env: { ...process.env, FUNCTIONS_CONTROL_API: "false" } });
  return Number(out.toString());
}

/** Cold import of the functions entry module, against importing the SDKs it could load eagerly. */
export const coldStart: Bench = {
  name: "cold-start",
  needsEmulators: false,
  async run() {
    // Interleaved, so load from other processes affects all three alike.
    const samples = { entry: [] as number[], floor: [] as number[], eager: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      samples.entry.push(importMs(path.join(LIB, "index.js")));
      samples.floor.push(importMs(path.join(__dirname, "providers-only.js")));
      samples.eager.push(importMs(path.join(__dirname, "eager-imports.js")));
    }
    const [entry, floor, eager] = [median(samples.entry), median(samples.floor), median(samples.eager)];
    report("cold-start", `require(lib/src/index.js), median of ${RUNS}`, round(entry), "ms");
    report("cold-start", "floor: the firebase-functions providers alone", round(floor), "ms");
    report("cold-start", "baseline: every dependency imported eagerly", round(eager), "ms");
    return { entryMs: round(entry), floorMs: round(floor), eagerBaselineMs: round(eager) };
  },
};
