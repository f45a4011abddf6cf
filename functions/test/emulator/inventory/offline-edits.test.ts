import {
  disableNetwork,
  doc,
  enableNetwork,
  getDoc,
  getDocFromServer,
  onSnapshot,
  serverTimestamp,
  setDoc,
  writeBatch,
  type DocumentData,
  type Firestore,
} from "firebase/firestore";
import { call, newOwner, newStaff, type TestUser } from "../../helpers/api";
import { closeClient, webClient } from "../../helpers/web";
import { db } from "../../../src/platform/firebase";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { searchTokens } from "../../../src/inventory/products.schema";
import { handleProductEditCreated } from "../../../src/inventory/product-edits.handlers";

// The code under test configures the shared Admin Firestore before anyone uses it.
beforeAll(() => {
  adminDb();
  db();
});

/** Resolves with the edit once the trigger has moved it out of "pending", as a client sees it. */
function settled(db: Firestore, path: string): Promise<DocumentData> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`edit ${path} still pending`));
    }, 30000);
    const unsubscribe = onSnapshot(
      doc(db, path),
      (snap) => {
        const data = snap.data();
        if (data && data.status !== "pending" && !snap.metadata.hasPendingWrites) {
          clearTimeout(timer);
          unsubscribe();
          resolve(data);
        }
      },
      reject,
    );
  });
}

async function createProduct(user: TestUser, body: Record<string, unknown>): Promise<any> {
  const res = await call("POST", "/v1/products", { token: user.token, body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe("offline staff edits", () => {
  test("a stale direct write is rejected on reconnect; the same edit through the edit path becomes a visible conflict; offline adjustments all apply", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const product = await createProduct(owner, { name: "Sona Masoori Rice", sku: uniqueId("rice"), category: "Grains", quantity: 20, unit_price: 60 });
    const productPath = `shops/${owner.shopId}/products/${product.id}`;
    const phone = await webClient(staff);
    try {
      // The phone has the product in its cache at version 1, then loses its connection.
      expect((await getDoc(doc(phone.db, productPath))).get("version")).toBe(1);
      await disableNetwork(phone.db);

      // Offline: a direct write, the same change as an edit, and three stock adjustments.
      const direct = writeBatch(phone.db);
      direct.update(doc(phone.db, productPath), {
        name: "Rice (staff)",
        search_tokens: searchTokens("Rice (staff)", product.sku),
        version: 2,
        updated_by: staff.uid,
        updated_at: serverTimestamp(),
      });
      const directCommit = direct.commit().then(
        () => "committed",
        (err: { code?: string }) => err.code ?? "failed",
      );
      const editPath = `shops/${owner.shopId}/product_edits/${uniqueId("edit")}`;
      const editWrite = setDoc(doc(phone.db, editPath), {
        product_id: product.id,
        kind: "fields",
        base_version: 1,
        base: { name: "Sona Masoori Rice" },
        changes: { name: "Rice (staff)" },
        status: "pending",
        created_by: staff.uid,
        created_at: serverTimestamp(),
      });
      const adjustments = [-3, -2, 7];
      const adjustmentPaths = adjustments.map(() => `shops/${owner.shopId}/product_edits/${uniqueId("adj")}`);
      const adjustmentWrites = adjustments.map((delta, i) =>
        setDoc(doc(phone.db, adjustmentPaths[i]), {
          product_id: product.id,
          kind: "adjustment",
          delta,
          reason: delta < 0 ? "sale" : "receipt",
          status: "pending",
          created_by: staff.uid,
          created_at: serverTimestamp(),
        }),
      );
      // The offline cache shows the staff member's own change meanwhile.
      expect((await getDoc(doc(phone.db, productPath))).get("name")).toBe("Rice (staff)");

      // Meanwhile the owner renames the product online (version 2).
      const ownerUpdate = await call("PUT", `/v1/products/${product.id}`, { token: owner.token, body: { name: "Rice (owner)", version: 1 } });
      expect(ownerUpdate.status).toBe(200);

      // Reconnect.
      await enableNetwork(phone.db);
      expect(await directCommit).toBe("permission-denied");
      await Promise.all([editWrite, ...adjustmentWrites]);

      const edit = await settled(phone.db, editPath);
      expect(edit.status).toBe("conflict");
      expect(edit.conflict).toMatchObject({
        base: { name: "Sona Masoori Rice" },
        theirs: { name: "Rice (owner)" },
        mine: { name: "Rice (staff)" },
        base_version: 1,
        current_updated_by: owner.uid,
      });

      const outcomes = await Promise.all(adjustmentPaths.map((path) => settled(phone.db, path)));
      expect(outcomes.map((o) => o.status)).toEqual(["applied", "applied", "applied"]);

      const server = await getDocFromServer(doc(phone.db, productPath));
      expect(server.get("name")).toBe("Rice (owner)");
      expect(server.get("quantity")).toBe(20 - 3 - 2 + 7);
      expect(server.get("version")).toBe(2 + adjustments.length);
      const ledger = await adminDb().collection(`shops/${owner.shopId}/stock_movements`).where("product_id", "==", product.id).where("source", "==", "edit").get();
      expect(ledger.docs.map((d) => d.get("delta")).sort()).toEqual([-2, -3, 7]);

      // The staff member resolves by resubmitting on the current version.
      const resubmitPath = `shops/${owner.shopId}/product_edits/${uniqueId("edit")}`;
      await setDoc(doc(phone.db, resubmitPath), {
        product_id: product.id,
        kind: "fields",
        base_version: server.get("version"),
        changes: { name: "Rice (staff)" },
        status: "pending",
        created_by: staff.uid,
        created_at: serverTimestamp(),
      });
      expect(await settled(phone.db, resubmitPath)).toMatchObject({ status: "applied", applied_version: server.get("version") + 1 });
    } finally {
      await closeClient(phone);
    }
  }, 90000);

  test("an adjustment that would take stock below zero is rejected with a reason and changes nothing", async () => {
    const owner = await newOwner();
    const product = await createProduct(owner, { name: "Paneer", sku: uniqueId("pan"), category: "Dairy", quantity: 2, unit_price: 90 });
    const editId = uniqueId("adj");
    await adminDb()
      .doc(`shops/${owner.shopId}/product_edits/${editId}`)
      .set({ product_id: product.id, kind: "adjustment", delta: -5, reason: "sale", status: "pending", created_by: owner.uid, created_at: new Date() });
    const edit = await waitFor(async () => {
      const snap = await adminDb().doc(`shops/${owner.shopId}/product_edits/${editId}`).get();
      return snap.get("status") === "pending" ? undefined : snap.data();
    }, "the edit to settle");
    expect(edit).toMatchObject({ status: "rejected", rejection: expect.stringContaining("Not enough stock") });
    expect((await adminDb().doc(`shops/${owner.shopId}/products/${product.id}`).get()).get("quantity")).toBe(2);
  });

  test("the handler applies an edit exactly once, however often it runs", async () => {
    const owner = await newOwner();
    const product = await createProduct(owner, { name: "Curd", sku: uniqueId("curd"), category: "Dairy", quantity: 10, unit_price: 30 });
    const editId = uniqueId("adj");
    await adminDb()
      .doc(`shops/${owner.shopId}/product_edits/${editId}`)
      .set({ product_id: product.id, kind: "adjustment", delta: 4, reason: "receipt", status: "pending", created_by: owner.uid, created_at: new Date() });
    // The emulator's trigger runs too: together with these calls, that is redelivery.
    const runs = await Promise.all([1, 2, 3].map(() => handleProductEditCreated({ shopId: owner.shopId, editId, eventId: "test" })));
    expect(runs.filter((r) => r.outcome === "applied").length).toBeLessThanOrEqual(1);
    await waitFor(async () => ((await adminDb().doc(`shops/${owner.shopId}/product_edits/${editId}`).get()).get("status") === "applied" ? true : undefined), "the edit to apply");
    expect((await handleProductEditCreated({ shopId: owner.shopId, editId })).outcome).toBe("skipped");
    const stored = await adminDb().doc(`shops/${owner.shopId}/products/${product.id}`).get();
    expect(stored.get("quantity")).toBe(14);
    expect(stored.get("version")).toBe(2);
  });
});

describe("malformed edits", () => {
  test("an edit that does not parse is rejected with the reason instead of being retried", async () => {
    const owner = await newOwner();
    const editId = uniqueId("bad");
    await adminDb().doc(`shops/${owner.shopId}/product_edits/${editId}`).set({ product_id: "X", kind: "teleport", status: "pending", created_by: owner.uid, created_at: new Date() });
    const edit = await waitFor(async () => {
      const snap = await adminDb().doc(`shops/${owner.shopId}/product_edits/${editId}`).get();
      return snap.get("status") === "pending" ? undefined : snap.data();
    }, "the edit to settle");
    expect(edit).toMatchObject({ status: "rejected", rejection: expect.stringContaining("kind") });
  });
});
