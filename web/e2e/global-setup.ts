import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Loads the demo chain (functions/tools/seed.ts: two shops of ~212 products, the owner and a
 * staff member per shop, KPI documents) into the running emulators, once for all specs.
 * emulators:exec has set FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST for us.
 */
export default function globalSetup(): void {
  if (!process.env.FIRESTORE_EMULATOR_HOST || !process.env.FIREBASE_AUTH_EMULATOR_HOST) {
    throw new Error("run the web tests through `npm test -- web` (under the emulators)");
  }
  const seed = path.resolve(here, "../../functions/lib/tools/seed.js");
  execFileSync(process.execPath, [seed], { stdio: "inherit", cwd: path.dirname(seed) });
}
