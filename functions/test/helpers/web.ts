import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from "firebase/auth";
import { connectFirestoreEmulator, initializeFirestore, terminate, type Firestore } from "firebase/firestore";
import type { TestUser } from "./api";
import { emulatorEndpoints, emulatorUrl, PROJECT_ID, uniqueId } from "./emulators";

/** A signed-in web client with the Firestore SDK, like the SPA on a phone. */
export async function webClient(user: TestUser): Promise<{ app: FirebaseApp; db: Firestore }> {
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "fake-api-key" }, uniqueId("web"));
  const auth = getAuth(app);
  connectAuthEmulator(auth, await emulatorUrl("auth"), { disableWarnings: true });
  await signInWithEmailAndPassword(auth, user.email, user.password);
  const db = initializeFirestore(app, {});
  const { firestore } = await emulatorEndpoints();
  connectFirestoreEmulator(db, firestore.host, firestore.port);
  return { app, db };
}

/** Closes a web client (its listeners, its connection, its app). */
export async function closeClient(client: { app: FirebaseApp; db: Firestore }): Promise<void> {
  await terminate(client.db);
  await deleteApp(client.app);
}
