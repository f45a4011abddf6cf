import { onRequest } from "firebase-functions/v2/https";
import "../config";

type ApiApp = typeof import("./api").app;
let app: Promise<ApiApp> | undefined;

/**
 * The HTTPS API: every route under /v1 (see GET /v1/openapi.json). CORS is the app's own
 * (cors: false). Express, zod and the Admin SDK load on the first request, not when the
 * entry module is imported, so the other functions' instances never pay for them.
 * CSV imports run inside the request (up to 50,000 rows), hence 1 GiB and a 30-minute timeout.
 */
export const api = onRequest({ invoker: "public", concurrency: 80, cors: false, memory: "1GiB", timeoutSeconds: 1800 }, async (req, res) => {
  app ??= import("./api").then((m) => m.app);
  (await app)(req, res);
});
