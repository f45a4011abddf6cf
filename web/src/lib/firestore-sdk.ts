// The Firestore SDK as one lazily loaded chunk (import("./firestore-sdk") via loadFirestore()):
// the instance set-up and the functions the inventory's hooks and edits call.
import {
  connectFirestoreEmulator,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
  type Firestore,
} from "firebase/firestore";
import type { FirebaseApp } from "firebase/app";
import type { EmulatorAddresses } from "./config";

export { collection, doc, limit, onSnapshot, orderBy, query, serverTimestamp, setDoc, updateDoc, where } from "firebase/firestore";

/** Firestore with the persistent multi-tab offline cache, on the emulator when configured. */
export function initDb(app: FirebaseApp, emulators: EmulatorAddresses | null): Firestore {
  const db = initializeFirestore(app, { localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }) });
  if (emulators) connectFirestoreEmulator(db, emulators.firestore.host, emulators.firestore.port);
  return db;
}
