import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc, updateDoc, deleteDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const { owner, staff, otherOwner, signedOut } = rulesSuite("demo-kirana-rules-imports", async (db) => {
  await setDoc(doc(db, "shops/shopA/imports/imp1"), { status: "writing", rows_read: 10, written: 4, errors: 0 });
  await setDoc(doc(db, "shops/shopA/imports/imp1/results/00000"), { index: 0, results: [] });
});

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
