/* eslint-disable @typescript-eslint/no-require-imports */
import { getApp, getApps, initializeApp, type App } from "firebase-admin/app";
import type { Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";

// Firestore and Auth are required on first use, not at import: every function's instance
// imports the whole entry module, and only the code that runs should pay for its SDKs.
let firestore: Firestore | undefined;
/** The app `firestore` belongs to: a tool (a benchmark) may delete and re-create the default app. */
let firestoreApp: App | undefined;

/** The account the Admin SDK itself falls back to under the Cloud Tasks emulator. */
const EMULATED_SERVICE_ACCOUNT = "emulated-service-acct@email.com";

/** The default Admin app, initialised on first use (no I/O). */
export function adminApp(): App {
  // Not `getApps().length`: firebase-functions creates its own named app to decode Firestore
  // trigger snapshots, so an app can exist while the default one does not.
  if (getApps().some((a) => a.name === "[DEFAULT]")) return getApp();
  // The functions emulator looks like Cloud Run to Google's auth libraries, so without an
  // explicit service account the Admin SDK asks the metadata server (169.254.169.254) for one
  // when it enqueues a Cloud Task. There is none off Google Cloud: name the emulator's own.
  return initializeApp(process.env.FUNCTIONS_EMULATOR === "true" ? { serviceAccountId: EMULATED_SERVICE_ACCOUNT } : undefined);
}

/** The Firestore handle; `undefined` fields are ignored rather than rejected. */
export function db(): Firestore {
  const app = adminApp();
  if (!firestore || firestoreApp !== app) {
    const { getFirestore } = require("firebase-admin/firestore") as typeof import("firebase-admin/firestore");
    firestoreApp = app;
    firestore = getFirestore(app);
    firestore.settings({ ignoreUndefinedProperties: true });
  }
  return firestore;
}

/** The Auth handle of the Admin SDK. */
export function adminAuth(): Auth {
  const { getAuth } = require("firebase-admin/auth") as typeof import("firebase-admin/auth");
  return getAuth(adminApp());
}
