import { onRequest } from "firebase-functions/v2/https";
import "../config";
import { app } from "./api";

/** The HTTPS API: every route under /v1 (see GET /v1/openapi.json). CORS is the app's own (cors: false). */
export const api = onRequest({ invoker: "public", concurrency: 80, cors: false }, app);
