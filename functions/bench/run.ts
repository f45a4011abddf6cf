import { deleteAllApps, type Bench } from "./harness";
import { chittyBench } from "./chitty.bench";
import { coldStart } from "./cold-start.bench";
import { importBench } from "./import.bench";
import { inventory } from "./inventory.bench";
import { kpisBench } from "./kpis.bench";
import { marketplaceBench } from "./marketplace.bench";
import { rulesBench } from "./rules.bench";
import { ordersBench } from "./orders.bench";
import { forecastBench } from "./forecast.bench";

/** Every benchmark, in the order `npm run bench` runs them. */
// The import runs last: its tens of thousands of product writes leave a backlog of KPI trigger
// events on the emulator that would otherwise slow the benchmarks after it.
const BENCHES: Bench[] = [coldStart, inventory, rulesBench, kpisBench, marketplaceBench, ordersBench, chittyBench, forecastBench, importBench];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--tiny")) process.env.KIRANA_BENCH_TINY = "1";
  const wanted = args.filter((a) => a !== "--tiny");
  const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  if (wanted.length && selected.length !== wanted.length) {
    throw new Error(`unknown bench; known: ${BENCHES.map((b) => b.name).join(", ")}`);
  }
  const underEmulators = Boolean(process.env.FIREBASE_EMULATOR_HUB);
  for (const bench of selected) {
    if (bench.needsEmulators && !underEmulators) {
      console.log(`${bench.name}: skipped (needs the emulators; run it through npm run bench)`);
      continue;
    }
    console.log(`\n== ${bench.name}${process.env.KIRANA_BENCH_TINY === "1" ? " (tiny)" : ""} ==`);
    try {
      await bench.run();
    } finally {
      // Each benchmark owns its Firebase apps (one uses the default app for another project).
      await deleteAllApps();
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
