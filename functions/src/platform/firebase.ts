import { getApp, getApps, initializeApp, type App } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

let firestore: Firestore | undefined;

/** The Admin app, initialised on first use (never at import time, to keep cold starts lean). */
export function adminApp(): App {
  // Not `getApps().length`: firebase-functions creates its own named app to decode Firestore
  // trigger snapshots, so an app can exist while the default one does not.
  return getApps().some((a) => a.name === "[DEFAULT]") ? getApp() : initializeApp();
}

/** The Firestore handle; `undefined` fields are ignored rather than rejected. */
export function db(): Firestore {
  if (!firestore) {
    firestore = getFirestore(adminApp());
    firestore.settings({ ignoreUndefinedProperties: true });
  }
  return firestore;
}

/** The Auth handle of the Admin SDK. */
export function adminAuth(): Auth {
  return getAuth(adminApp());
}
