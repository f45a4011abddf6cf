import { readFileSync } from "node:fs";
import path from "node:path";
import { initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { emulatorEndpoints } from "./emulators";

/**
 * A rules-test environment on the running Firestore emulator with the project's real
 * firestore.rules. Each test file passes its own project id, so clearFirestore() there never
 * touches the data of the functions emulator's project or of other files.
 */
export async function rulesEnv(projectId: string): Promise<RulesTestEnvironment> {
  const { firestore } = await emulatorEndpoints();
  return initializeTestEnvironment({
    projectId,
    firestore: {
      host: firestore.host,
      port: firestore.port,
      rules: readFileSync(path.resolve(__dirname, "../../../firestore.rules"), "utf8"),
    },
  });
}
