import { readFileSync } from "node:fs";
import path from "node:path";
import { initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { doc, setDoc } from "firebase/firestore";
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

type ClientDb = ReturnType<ReturnType<RulesTestEnvironment["authenticatedContext"]>["firestore"]>;

/**
 * The standard cast of a rules test file: shop `shopA` owned by `owner1` with staff `staff1`,
 * customers `cust1` and `cust2`, the owner of another shop, and a signed-out visitor. Registers the Jest
 * hooks (fresh data before each test, with `seed` adding the file's own documents) and returns
 * a client Firestore per role; `staffWithoutClaim` has a token minted before it joined.
 */
export function rulesSuite(projectId: string, seed: (db: ClientDb) => Promise<void> = async () => undefined) {
  let env: RulesTestEnvironment;
  beforeAll(async () => {
    env = await rulesEnv(projectId);
  });
  afterAll(async () => {
    await env.cleanup();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "shops/shopA"), { name: "A", owner_id: "owner1" });
      await setDoc(doc(db, "shops/shopA/members/owner1"), { role: "owner" });
      await setDoc(doc(db, "shops/shopA/members/staff1"), { role: "staff" });
      await seed(db);
    });
  });
  return {
    owner: () => env.authenticatedContext("owner1", { shops: { shopA: "owner" } }).firestore(),
    staff: () => env.authenticatedContext("staff1", { shops: { shopA: "staff" } }).firestore(),
    staffWithoutClaim: () => env.authenticatedContext("staff1").firestore(),
    otherOwner: () => env.authenticatedContext("owner2", { shops: { shopB: "owner" } }).firestore(),
    customer: () => env.authenticatedContext("cust1").firestore(),
    otherCustomer: () => env.authenticatedContext("cust2").firestore(),
    signedOut: () => env.unauthenticatedContext().firestore(),
  };
}
