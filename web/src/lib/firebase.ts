import { initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, indexedDBLocalPersistence, initializeAuth, type Auth } from "firebase/auth";
import type { Firestore } from "firebase/firestore";
import { whenFirstRowsInDom } from "./first-rows";
import { loadConfig, type AppConfig } from "./config";

const delay = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** The one Firebase app of the console, with Auth and (once loaded) Firestore. */
export interface FirebaseHandles {
  app: FirebaseApp;
  auth: Auth;
  /** Throws until `loadFirestore()` has resolved (screens loaded with `lazyScreen` can rely on it). */
  db: Firestore;
}

/** The Firestore SDK (the functions the console's own hooks call) and the app's instance. */
export type FirestoreSdk = typeof import("./firestore-sdk");
export interface FirestoreHandle {
  db: Firestore;
  sdk: FirestoreSdk;
}

let core: { app: FirebaseApp; auth: Auth; config: AppConfig } | null = null;
let db: Firestore | null = null;
let firestoreLoading: Promise<FirestoreHandle> | null = null;

/**
 * Initialises the app and Auth once (persisted in IndexedDB; initializeAuth with one
 * persistence keeps the popup/redirect code out of the bundle), and the Auth emulator when the
 * configuration names it. Firestore is not part of the first download: see `loadFirestore`.
 */
export async function initFirebase(): Promise<void> {
  if (core) return;
  const config = await loadConfig();
  const app = initializeApp(config.firebase);
  const auth = initializeAuth(app, { persistence: indexedDBLocalPersistence });
  if (config.emulators) connectAuthEmulator(auth, `http://${config.emulators.auth}`, { disableWarnings: true });
  core = { app, auth, config };
}

/**
 * Loads the Firestore SDK (~160 kB gzip, its own chunk) and initialises it once, with the
 * persistent multi-tab offline cache (queued writes survive closing the tab) and the emulator
 * when configured. The first inventory rows do not wait for it (see index.html's first-page
 * request), so it downloads after the first screen's code instead of competing with it.
 */
export function loadFirestore(): Promise<FirestoreHandle> {
  if (!firestoreLoading) {
    // From the network, only after index.html's first-page request has settled (bounded): on a
    // slow line the SDK's 160 kB would otherwise share the bandwidth with the few kB the first
    // rows wait for. With the service worker in control it comes from the device: at once.
    const fromDevice = typeof navigator !== "undefined" && !!navigator.serviceWorker?.controller;
    // When that request brought rows, the SDK also waits for them to be on screen (bounded).
    const bootRequest = fromDevice
      ? Promise.resolve()
      : Promise.race([
          (window.KIRANA_FIRST_PAGE?.catch(() => null) ?? Promise.resolve(null)).then((page) => (page ? Promise.race([whenFirstRowsInDom(), delay(1000)]) : undefined)),
          delay(3000),
        ]);
    firestoreLoading = bootRequest.then(() => import("./firestore-sdk")).then((sdk) => {
      if (!core) throw new Error("initFirebase() has not run");
      db ??= sdk.initDb(core.app, core.config.emulators);
      return { db, sdk };
    });
    firestoreLoading.catch(() => (firestoreLoading = null)); // a failed chunk download may be retried
  }
  return firestoreLoading;
}

/** The initialised handles; call after `initFirebase()` resolved (main.tsx awaits it). */
export function firebase(): FirebaseHandles {
  if (!core) throw new Error("initFirebase() has not run");
  const { app, auth } = core;
  return {
    app,
    auth,
    get db(): Firestore {
      if (!db) throw new Error("Firestore is not loaded yet: await loadFirestore() (or load the screen with lazyScreen)");
      return db;
    },
  };
}
