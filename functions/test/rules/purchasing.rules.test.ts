import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { deleteDoc, doc, getDoc, setDoc, updateDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const { owner, staff, otherOwner, customer, signedOut } = rulesSuite("demo-kirana-rules-purchasing", async (db) => {
  await setDoc(doc(db, "suppliers/s1"), { owner_uid: "owner1", name: "Sri Lakshmi", version: 1 });
  await setDoc(doc(db, "suppliers/s1/items/SALT"), { sku: "SALT", buying_price_paise: 2200, pack_size: 12 });
  await setDoc(doc(db, "shops/shopA/purchase_orders/po1"), { shop_id: "shopA", status: "sent", version: 2 });
  await setDoc(doc(db, "shops/shopA/purchase_orders/po1/invoices/i1"), { po_id: "po1" });
});

describe("suppliers", () => {
  test("the chain's owner reads its suppliers and their items; nobody else does", async () => {
    await assertSucceeds(getDoc(doc(owner(), "suppliers/s1")));
    await assertSucceeds(getDoc(doc(owner(), "suppliers/s1/items/SALT")));
    for (const db of [otherOwner(), customer(), signedOut()]) {
      await assertFails(getDoc(doc(db, "suppliers/s1")));
      await assertFails(getDoc(doc(db, "suppliers/s1/items/SALT")));
    }
  });
  test("no client writes suppliers or their prices, not even the owner (the API validates them)", async () => {
    await assertFails(setDoc(doc(owner(), "suppliers/s2"), { owner_uid: "owner1", name: "x", version: 1 }));
    await assertFails(updateDoc(doc(owner(), "suppliers/s1"), { version: 2, name: "y" }));
    await assertFails(setDoc(doc(owner(), "suppliers/s1/items/SALT"), { sku: "SALT", buying_price_paise: 1, pack_size: 1 }));
    await assertFails(deleteDoc(doc(owner(), "suppliers/s1")));
  });
});

describe("purchase orders", () => {
  test("the shop's owner and staff read its orders and bills; others do not", async () => {
    for (const db of [owner(), staff()]) {
      await assertSucceeds(getDoc(doc(db, "shops/shopA/purchase_orders/po1")));
      await assertSucceeds(getDoc(doc(db, "shops/shopA/purchase_orders/po1/invoices/i1")));
    }
    for (const db of [otherOwner(), customer(), signedOut()]) await assertFails(getDoc(doc(db, "shops/shopA/purchase_orders/po1")));
  });
  test("clients cannot create orders, move their status, fake receipts or decide bill lines directly", async () => {
    await assertFails(setDoc(doc(owner(), "shops/shopA/purchase_orders/po2"), { shop_id: "shopA", status: "draft", version: 1 }));
    await assertFails(updateDoc(doc(owner(), "shops/shopA/purchase_orders/po1"), { status: "received", version: 3 }));
    await assertFails(updateDoc(doc(staff(), "shops/shopA/purchase_orders/po1"), { receipts: [{ receipt_id: "r" }] }));
    await assertFails(updateDoc(doc(owner(), "shops/shopA/purchase_orders/po1/invoices/i1"), { lines: [] }));
    await assertFails(deleteDoc(doc(owner(), "shops/shopA/purchase_orders/po1")));
  });
});
