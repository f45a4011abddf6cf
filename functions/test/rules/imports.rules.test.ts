import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc, updateDoc, deleteDoc } from "firebase/firestore";
import { rulesEnv } from "../helpers/rules";

let env: RulesTestEnvironment;

beforeAll(async () => {
  env = await rulesEnv("demo-kirana-rules-imports");
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
    await setDoc(doc(db, "shops/shopA/imports/imp1"), { status: "writing", rows_read: 10, written: 4, errors: 0 });
    await setDoc(doc(db, "shops/shopA/imports/imp1/results/00000"), { index: 0, results: [] });
  });
});

const owner = () => env.authenticatedContext("owner1", { shops: { shopA: "owner" } }).firestore();
const staff = () => env.authenticatedContext("staff1", { shops: { shopA: "staff" } }).firestore();
const otherOwner = () => env.authenticatedContext("owner2", { shops: { shopB: "owner" } }).firestore();
const signedOut = () => env.unauthenticatedContext().firestore();

describe("imports", () => {
  test("members of the shop follow an import's progress and results", async () => {
    await assertSucceeds(getDoc(doc(owner(), "shops/shopA/imports/imp1")));
    await assertSucceeds(getDoc(doc(staff(), "shops/shopA/imports/imp1")));
    await assertSucceeds(getDoc(doc(staff(), "shops/shopA/imports/imp1/results/00000")));
  });

  test("other shops' members and signed-out users cannot read an import", async () => {
    await assertFails(getDoc(doc(otherOwner(), "shops/shopA/imports/imp1")));
    await assertFails(getDoc(doc(otherOwner(), "shops/shopA/imports/imp1/results/00000")));
    await assertFails(getDoc(doc(signedOut(), "shops/shopA/imports/imp1")));
  });

  test("nobody writes an import or its results directly: only the API does", async () => {
    await assertFails(updateDoc(doc(owner(), "shops/shopA/imports/imp1"), { status: "completed" }));
    await assertFails(setDoc(doc(owner(), "shops/shopA/imports/imp2"), { status: "completed" }));
    await assertFails(deleteDoc(doc(owner(), "shops/shopA/imports/imp1")));
    await assertFails(setDoc(doc(staff(), "shops/shopA/imports/imp1/results/00001"), { index: 1, results: [] }));
  });
});
