import { setGlobalOptions } from "firebase-functions/v2/options";
import { defineString } from "firebase-functions/params";

/** Every function runs in Mumbai, close to the shops and their customers. */
export const REGION = "asia-south1";

setGlobalOptions({ region: REGION, maxInstances: 20 });

/**
 * Browser origins allowed by CORS, comma separated; "*" allows any (bearer tokens, no cookies,
 * so any origin is safe to allow). Set per project in `functions/.env.<project>` for production.
 */
export const CORS_ORIGINS = defineString("CORS_ORIGINS", {
  default: "*",
  description: "Comma-separated browser origins allowed to call the API, or * for any",
});

/** Largest JSON body the API accepts. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** The API's base path; every route lives under it. */
export const API_PREFIX = "/v1";

/**
 * How often a function instance flushes its buffered request metrics (also whenever a minute
 * closes, and before GET /v1/metrics answers). Shorter under the emulator so tests see flushes fast.
 */
export const METRICS_FLUSH_INTERVAL_MS = process.env.FUNCTIONS_EMULATOR === "true" ? 1000 : 10_000;

/**
 * Which OCR engine reads chitty photos: "vision" (Cloud Vision document text detection), "local"
 * (PaddleOCR on ONNX Runtime; a devDependency, so only where devDependencies are installed) or
 * "auto": local under the emulator, Vision when deployed.
 */
export const OCR_ENGINE = defineString("OCR_ENGINE", {
  default: "auto",
  description: "Chitty OCR engine: vision, local, or auto (local in the emulator, vision deployed)",
});

/**
 * The bucket chitty photos are uploaded to, named explicitly so the Storage trigger can be
 * declared without FIREBASE_CONFIG (plain Node, the cold-start bench). The default is the
 * project's default bucket, resolved by the Firebase CLI; non-interactive runs take it from
 * `.env.<projectId>` (the demo project's is committed).
 */
export const CHITTY_BUCKET = defineString("CHITTY_BUCKET", {
  default: "{{ params.PROJECT_ID }}.appspot.com",
  description: "Cloud Storage bucket of chitty photo uploads (the project's default bucket)",
});

/** The engine OCR_ENGINE names for this process. */
export function chittyOcrEngine(): "vision" | "local" {
  const v = OCR_ENGINE.value();
  if (v === "vision" || v === "local") return v;
  return process.env.FUNCTIONS_EMULATOR === "true" ? "local" : "vision";
}
