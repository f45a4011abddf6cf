import { initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, indexedDBLocalPersistence, initializeAuth, type Auth } from "firebase/auth";
import {
  connectFirestoreEmulator,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
  type Firestore,
} from "firebase/firestore";
import { loadConfig } from "./config";

/** The one Firebase app of the console, with Auth and Firestore. */
export interface FirebaseHandles {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
}

let handles: FirebaseHandles | null = null;

/**
 * Initialises the app once: Auth persisted in IndexedDB, Firestore with the persistent
 * multi-tab offline cache (queued writes survive closing the tab), and the emulators when the
 * configuration names them.
 */
export async function initFirebase(): Promise<FirebaseHandles> {
  if (handles) return handles;
  const config = await loadConfig();
  const app = initializeApp(config.firebase);
  // initializeAuth with one persistence keeps the popup/redirect code out of the bundle.
  const auth = initializeAuth(app, { persistence: indexedDBLocalPersistence });
  const db = initializeFirestore(app, {
    localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
  });
  if (config.emulators) {
    connectAuthEmulator(auth, `http://${config.emulators.auth}`, { disableWarnings: true });
    connectFirestoreEmulator(db, config.emulators.firestore.host, config.emulators.firestore.port);
  }
  handles = { app, auth, db };
  return handles;
}

/** The initialised handles; call after `initFirebase()` resolved (main.tsx awaits it). */
export function firebase(): FirebaseHandles {
  if (!handles) throw new Error("initFirebase() has not run");
  return handles;
}
