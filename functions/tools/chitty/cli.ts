import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { indexCatalog } from "../../src/chitty/chitty.catalog";
import { ChittyFailure } from "../../src/chitty/chitty.failure";
import { getOcrEngine } from "../../src/chitty/chitty.ocr";
import { matchedItems, readChitty } from "../../src/chitty/chitty.pipeline";
import { readCatalogCsv } from "./catalog-csv";

/**
 * `npm run chitty -- --catalog <file.csv> <image>...`: reads chitty photos with the local OCR
 * engine and the same pipeline as the server, against any catalog in the import CSV format.
 * Prints {"<image file name>": [{"sku": "...", "quantity": 2}, ...]} (unmatched lines left out);
 * timings and failures go to stderr. `--details` prints every line's reading instead.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--catalog");
  const details = args.includes("--details");
  if (at < 0 || !args[at + 1]) {
    console.error("usage: npm run chitty -- --catalog <file.csv> [--details] <image>...");
    process.exit(2);
  }
  const catalogPath = args[at + 1];
  const images = args.filter((a, i) => i !== at && i !== at + 1 && a !== "--details");
  let t = performance.now();
  const catalog = indexCatalog(await readCatalogCsv(catalogPath));
  console.error(`catalog: ${catalog.products.length} products (${Math.round(performance.now() - t)} ms)`);
  t = performance.now();
  const engine = await getOcrEngine("local");
  console.error(`local OCR engine loaded (${Math.round(performance.now() - t)} ms)`);
  const out: Record<string, unknown> = Object.create(null);
  for (const path of images) {
    const name = basename(path);
    t = performance.now();
    try {
      const reading = await readChitty({ kind: "image", bytes: readFileSync(path) }, catalog, engine);
      out[name] = details ? { status: "processed", ...reading } : matchedItems(reading);
      const tm = reading.timings_ms;
      console.error(`${name}: ${Math.round(performance.now() - t)} ms (normalise ${Math.round(tm.normalise)}, ocr ${Math.round(tm.ocr)}, match ${Math.round(tm.match)}), ${reading.items_found}/${reading.total_lines} lines matched`);
    } catch (err) {
      if (!(err instanceof ChittyFailure)) throw err;
      out[name] = details ? { status: "failed", reason: err.reason, message: err.message } : [];
      console.error(`${name}: ${Math.round(performance.now() - t)} ms, not read: ${err.reason} (${err.message})`);
    }
  }
  process.stdout.write(`${JSON.stringify(out, null, details ? 2 : undefined)}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
