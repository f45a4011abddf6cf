import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

// rulesSuite seeds shops/shopA with its member documents (owner1, staff1): the rules read those.
const ORDER = { shop_id: "shopA", customer_id: "cust1", status: "pending", created_at: new Date("2026-11-22T05:00:00Z") };
const CHITTY = { shop_id: "shopA", order_id: "o1", status: "processed", source: "text", total_lines: 2, items_found: 1, message: "Found 1 item in 2 lines; please confirm them" };
const SUGGESTION = { shop_id: "shopA", order_id: "o1", chitty_id: "c_1", line_no: 1, raw_text: "maggi x4", product_id: "MAGGI", quantity: 4, confidence: 0.9, status: "suggested" };

const { owner, staff, staffWithoutClaim, otherOwner, customer, otherCustomer, signedOut } = rulesSuite("demo-kirana-rules-chitty", async (db) => {
  await setDoc(doc(db, "orders/o1"), ORDER);
  await setDoc(doc(db, "orders/o1/chitties/c_1"), CHITTY);
  await setDoc(doc(db, "orders/o1/chitty_suggestions/c_1_001"), SUGGESTION);
  await setDoc(doc(db, "orders/o1/chitty_previews/c_1"), { content_type: "image/jpeg", width: 10, height: 10 });
  await setDoc(doc(db, "orders/o2"), { ...ORDER, customer_id: "cust2" });
  await setDoc(doc(db, "orders/o2/chitty_suggestions/c_2_001"), { ...SUGGESTION, order_id: "o2" });
  await setDoc(doc(db, "shops/shopA/chitty_aliases/a1"), { text: "kali chai", product_id: "RED", created_by: "staff1", uses: 1 });
});

describe("chitties and suggestions under an order", () => {
  test("the order's customer reads its chitties and lists its suggestions (a live listener's query)", async () => {
    await assertSucceeds(getDoc(doc(customer(), "orders/o1/chitties/c_1")));
    await assertSucceeds(getDocs(collection(customer(), "orders/o1/chitty_suggestions")));
    await assertSucceeds(getDocs(collection(customer(), "orders/o1/chitties")));
  });
  test("the shop's members read them, also with a token minted before they joined (membership is the member document)", async () => {
    await assertSucceeds(getDocs(collection(owner(), "orders/o1/chitty_suggestions")));
    await assertSucceeds(getDoc(doc(staff(), "orders/o1/chitty_suggestions/c_1_001")));
    await assertSucceeds(getDoc(doc(staffWithoutClaim(), "orders/o2/chitty_suggestions/c_2_001")));
  });
  test("another customer, another shop's owner and a signed-out visitor read nothing", async () => {
    await assertFails(getDocs(collection(otherCustomer(), "orders/o1/chitty_suggestions")));
    await assertFails(getDoc(doc(otherCustomer(), "orders/o1/chitties/c_1")));
    await assertFails(getDocs(collection(customer(), "orders/o2/chitty_suggestions")));
    await assertFails(getDocs(collection(otherOwner(), "orders/o1/chitty_suggestions")));
    await assertFails(getDoc(doc(signedOut(), "orders/o1/chitty_suggestions/c_1_001")));
    await assertFails(getDocs(collection(customer(), "orders/missing/chitty_suggestions")));
  });
  test("nobody writes them: not the customer (no self-made suggestions), not the shop (decisions go through the API)", async () => {
    await assertFails(setDoc(doc(customer(), "orders/o1/chitty_suggestions/forged"), SUGGESTION));
    await assertFails(setDoc(doc(customer(), "orders/o1/chitties/c_9"), CHITTY));
    await assertFails(updateDoc(doc(owner(), "orders/o1/chitty_suggestions/c_1_001"), { status: "accepted" }));
    await assertFails(updateDoc(doc(staff(), "orders/o1/chitties/c_1"), { items_found: 99 }));
    await assertFails(deleteDoc(doc(owner(), "orders/o1/chitty_suggestions/c_1_001")));
    await assertFails(deleteDoc(doc(customer(), "orders/o1/chitties/c_1")));
  });
  test("the photo's preview is read by the order's customer and the shop's members, written by nobody", async () => {
    await assertSucceeds(getDoc(doc(customer(), "orders/o1/chitty_previews/c_1")));
    await assertSucceeds(getDoc(doc(staff(), "orders/o1/chitty_previews/c_1")));
    await assertFails(getDoc(doc(otherCustomer(), "orders/o1/chitty_previews/c_1")));
    await assertFails(getDoc(doc(otherOwner(), "orders/o1/chitty_previews/c_1")));
    await assertFails(setDoc(doc(customer(), "orders/o1/chitty_previews/c_2"), { content_type: "image/jpeg" }));
    await assertFails(updateDoc(doc(owner(), "orders/o1/chitty_previews/c_1"), { width: 1 }));
  });
  test("a shop's chitty aliases are server-only: not even its owner reads or writes them", async () => {
    await assertFails(getDoc(doc(owner(), "shops/shopA/chitty_aliases/a1")));
    await assertFails(setDoc(doc(owner(), "shops/shopA/chitty_aliases/a2"), { text: "x", product_id: "RED" }));
  });
});
