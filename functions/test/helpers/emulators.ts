import { randomUUID } from "node:crypto";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

/** The project every test talks to (a demo- project never reaches Google). */
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-kirana";
export const REGION = "asia-south1";

interface EmulatorInfo {
  host: string;
  port: number;
}

let endpoints: Promise<Record<string, EmulatorInfo>> | undefined;

/** Where each emulator listens, asked of the emulator hub that `emulators:exec` names. */
export function emulatorEndpoints(): Promise<Record<string, EmulatorInfo>> {
  endpoints ??= (async () => {
    const hub = process.env.FIREBASE_EMULATOR_HUB;
    if (!hub) throw new Error("FIREBASE_EMULATOR_HUB is not set: run the tests with `npm test` (it starts the emulators)");
    const res = await fetch(`http://${hub}/emulators`);
    if (!res.ok) throw new Error(`emulator hub answered ${res.status}`);
    return (await res.json()) as Record<string, EmulatorInfo>;
  })();
  return endpoints;
}

/** Base URL of an emulator, e.g. "http://127.0.0.1:5001". */
export async function emulatorUrl(name: "functions" | "firestore" | "auth"): Promise<string> {
  const e = (await emulatorEndpoints())[name];
  if (!e) throw new Error(`the ${name} emulator is not running`);
  return `http://${e.host}:${e.port}`;
}

/** Admin Firestore pointed at the emulator. */
export function adminDb(): Firestore {
  const app = getApps().length ? getApps()[0] : initializeApp({ projectId: PROJECT_ID });
  return getFirestore(app);
}

/** A fresh id so tests never share documents. */
export function uniqueId(prefix = "t"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A fresh email address for a test user. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

/** Polls `probe` until it returns a non-undefined value, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
