import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc, updateDoc, deleteDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const { owner, staff: staffWithClaim, staffWithoutClaim, customer, signedOut } = rulesSuite("demo-kirana-rules-identity", async (db) => {
  await setDoc(doc(db, "users/owner1"), { email: "o@x.in", shops: { shopA: "owner" } });
  await setDoc(doc(db, "users/cust1"), { email: "c@x.in", shops: {} });
  await setDoc(doc(db, "invites/inv1"), { shop_id: "shopA", status: "pending" });
});

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
