import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const SHOP_COLLECTIONS = ["replenishment_suggestions", "forecasts", "replenishment_runs", "stock_alerts"];

const { owner, staff, otherOwner, customer, signedOut } = rulesSuite("demo-kirana-rules-replenishment", async (db) => {
  for (const c of SHOP_COLLECTIONS) await setDoc(doc(db, `shops/shopA/${c}/RICE`), { shop_id: "shopA", order_quantity: 24 });
  await setDoc(doc(db, "users/owner1/alert_settings/stock"), { instant: true, daily_digest: false });
});

describe("replenishment suggestions, forecasts, runs and stock alert states", () => {
  test.each(SHOP_COLLECTIONS)("owner and staff of the shop read %s", async (c) => {
    await assertSucceeds(getDoc(doc(owner(), `shops/shopA/${c}/RICE`)));
    await assertSucceeds(getDocs(collection(staff(), `shops/shopA/${c}`)));
  });
  test.each(SHOP_COLLECTIONS)("another shop's owner, a customer and a signed-out visitor cannot read %s", async (c) => {
    await assertFails(getDoc(doc(otherOwner(), `shops/shopA/${c}/RICE`)));
    await assertFails(getDoc(doc(customer(), `shops/shopA/${c}/RICE`)));
    await assertFails(getDoc(doc(signedOut(), `shops/shopA/${c}/RICE`)));
  });
  test.each(SHOP_COLLECTIONS)("no client writes %s, not even the owner", async (c) => {
    await assertFails(setDoc(doc(owner(), `shops/shopA/${c}/DAL`), { shop_id: "shopA", order_quantity: 1 }));
    await assertFails(updateDoc(doc(owner(), `shops/shopA/${c}/RICE`), { order_quantity: 9999 }));
    await assertFails(deleteDoc(doc(staff(), `shops/shopA/${c}/RICE`)));
  });
});

describe("users/{uid}/alert_settings", () => {
  test("a user reads their own alert settings and nobody else's", async () => {
    await assertSucceeds(getDoc(doc(owner(), "users/owner1/alert_settings/stock")));
    await assertFails(getDoc(doc(staff(), "users/owner1/alert_settings/stock")));
  });
  test("settings change only through the API", async () => {
    await assertFails(setDoc(doc(owner(), "users/owner1/alert_settings/stock"), { instant: false, daily_digest: true }));
  });
});
