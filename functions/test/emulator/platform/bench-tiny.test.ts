import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

// Every benchmark, end to end, on a few items (`npm run bench -- --tiny`), so none rots unnoticed
// and `npm run bench` with no arguments keeps running all of them to the end (each owns its apps).
describe("benchmarks", () => {
  test("every benchmark runs to the end in tiny mode, one after another in one process", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve(__dirname, "../../../lib/bench/run.js"), "--tiny"], {
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 540_000,
    });
    for (const name of ["cold-start", "inventory", "rules", "kpis", "import"]) expect(stdout).toContain(`== ${name} (tiny) ==`);
    expect(stdout).toMatch(/ratio: PUT p50 \/ floor p50, 1 client/);
    expect(stdout).toMatch(/ratio: import \/ BulkWriter floor time, 50 rows/);
    expect(stdout).toMatch(/kpis\s+20 products: KPI doc read/);
    expect(stdout).toMatch(/forecast\s+nightly job \(runShop\), 40 products/);
  }, 600_000);
});
