import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, doc, getDoc, getDocs, setDoc, updateDoc, deleteDoc } from "firebase/firestore";
import { rulesSuite } from "../helpers/rules";

const { owner, staff, otherOwner, signedOut } = rulesSuite("demo-kirana-rules-kpis", async (db) => {
  await setDoc(doc(db, "shops/shopA/kpis/summary"), { products: 3, units: 10 });
  await setDoc(doc(db, "shops/shopA/kpi_shards/00"), { products: 3, units: 10, seq: 1 });
  await setDoc(doc(db, "shops/shopA/kpi_products/ATTA"), { shard: 0 });
  await setDoc(doc(db, "metrics_minutes/202611220100_0"), { routes: {} });
});

describe("kpis and kpi_shards", () => {
  test("owners and staff of the shop read its KPI summary (and may listen to it) and its shards", async () => {
    await assertSucceeds(getDoc(doc(owner(), "shops/shopA/kpis/summary")));
    await assertSucceeds(getDoc(doc(staff(), "shops/shopA/kpis/summary")));
    await assertSucceeds(getDocs(collection(staff(), "shops/shopA/kpi_shards")));
  });
  test("other shops' members and signed-out users read nothing", async () => {
    await assertFails(getDoc(doc(otherOwner(), "shops/shopA/kpis/summary")));
    await assertFails(getDoc(doc(signedOut(), "shops/shopA/kpis/summary")));
    await assertFails(getDocs(collection(otherOwner(), "shops/shopA/kpi_shards")));
  });
  test("no client writes KPI documents, not even the owner", async () => {
    await assertFails(updateDoc(doc(owner(), "shops/shopA/kpis/summary"), { products: 99 }));
    await assertFails(setDoc(doc(owner(), "shops/shopA/kpi_shards/01"), { products: 1 }));
    await assertFails(deleteDoc(doc(owner(), "shops/shopA/kpi_shards/00")));
  });
});

describe("server-only KPI and metrics documents", () => {
  test("per-product KPI records are server only", async () => {
    await assertFails(getDoc(doc(owner(), "shops/shopA/kpi_products/ATTA")));
    await assertFails(setDoc(doc(owner(), "shops/shopA/kpi_products/ATTA"), { shard: 1 }));
  });
  test("metrics documents are server only", async () => {
    await assertFails(getDoc(doc(owner(), "metrics_minutes/202611220100_0")));
    await assertFails(setDoc(doc(owner(), "metrics_minutes/202611220100_1"), { routes: {} }));
  });
});
