import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc, updateDoc, deleteDoc } from "firebase/firestore";
import { rulesEnv } from "../helpers/rules";

let env: RulesTestEnvironment;

beforeAll(async () => {
  env = await rulesEnv("demo-kirana-rules-identity");
});

afterAll(async () => {
  await env.cleanup();
});

beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, "users/owner1"), { email: "o@x.in", shops: { shopA: "owner" } });
    await setDoc(doc(db, "users/cust1"), { email: "c@x.in", shops: {} });
    await setDoc(doc(db, "shops/shopA"), { name: "A", owner_id: "owner1" });
    await setDoc(doc(db, "shops/shopA/members/owner1"), { role: "owner" });
    await setDoc(doc(db, "shops/shopA/members/staff1"), { role: "staff" });
    await setDoc(doc(db, "invites/inv1"), { shop_id: "shopA", status: "pending" });
  });
});

const owner = () => env.authenticatedContext("owner1", { shops: { shopA: "owner" } }).firestore();
const staffWithClaim = () => env.authenticatedContext("staff1", { shops: { shopA: "staff" } }).firestore();
// A token minted before the membership existed: the rules fall back to the member document.
const staffWithoutClaim = () => env.authenticatedContext("staff1").firestore();
const customer = () => env.authenticatedContext("cust1").firestore();
const signedOut = () => env.unauthenticatedContext().firestore();

describe("users", () => {
  test("a user reads their own profile", async () => {
    await assertSucceeds(getDoc(doc(owner(), "users/owner1")));
  });
  test("nobody reads another user's profile", async () => {
    await assertFails(getDoc(doc(customer(), "users/owner1")));
    await assertFails(getDoc(doc(signedOut(), "users/owner1")));
  });
  test("nobody writes a profile directly: memberships change only through the API", async () => {
    await assertFails(updateDoc(doc(customer(), "users/cust1"), { shops: { shopA: "owner" } }));
    await assertFails(setDoc(doc(customer(), "users/new1"), { email: "n@x.in", shops: {} }));
  });
});

describe("shops", () => {
  test("signed-in users read shops; signed-out users do not", async () => {
    await assertSucceeds(getDoc(doc(customer(), "shops/shopA")));
    await assertFails(getDoc(doc(signedOut(), "shops/shopA")));
  });
  test("not even the owner writes the shop document directly", async () => {
    await assertFails(updateDoc(doc(owner(), "shops/shopA"), { name: "B" }));
    await assertFails(deleteDoc(doc(owner(), "shops/shopA")));
  });
});

describe("members", () => {
  test("members read the member list, with the claim or through the member document", async () => {
    await assertSucceeds(getDoc(doc(owner(), "shops/shopA/members/staff1")));
    await assertSucceeds(getDoc(doc(staffWithClaim(), "shops/shopA/members/owner1")));
    await assertSucceeds(getDoc(doc(staffWithoutClaim(), "shops/shopA/members/owner1")));
  });
  test("customers do not read the member list", async () => {
    await assertFails(getDoc(doc(customer(), "shops/shopA/members/owner1")));
  });
  test("a customer cannot make themselves a member", async () => {
    await assertFails(setDoc(doc(customer(), "shops/shopA/members/cust1"), { role: "owner" }));
  });
});

describe("invites", () => {
  test("invites are never readable or writable by clients (the id is a secret)", async () => {
    await assertFails(getDoc(doc(owner(), "invites/inv1")));
    await assertFails(updateDoc(doc(customer(), "invites/inv1"), { status: "accepted" }));
  });
});
