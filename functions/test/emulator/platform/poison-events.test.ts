import { call, newOwner } from "../../helpers/api";
import { adminDb, uniqueId, waitFor } from "../../helpers/emulators";
import { db } from "../../../src/platform/firebase";
import { isTransientError, runTrigger } from "../../../src/platform/triggers";

// The code under test configures the shared Admin Firestore before anyone uses it.
beforeAll(() => {
  adminDb();
  db();
});

describe("triggers retry only transient failures", () => {
  test("a poison event is recorded as a dead letter with its reason and acknowledged (the wrapper every trigger runs in)", async () => {
    const eventId = uniqueId("evt");
    const outcome = await runTrigger({ trigger: "testTrigger", eventId, subject: "shops/x/products/Y" }, async () => {
      throw new TypeError("cannot read the category of undefined");
    });
    expect(outcome).toBeUndefined();
    const letter = await adminDb().doc(`dead_letters/testTrigger-${eventId}`).get();
    expect(letter.data()).toMatchObject({ trigger: "testTrigger", event_id: eventId, subject: "shops/x/products/Y", reason: "cannot read the category of undefined" });
  });

  test("a transient failure is rethrown so the event is redelivered, and leaves no dead letter", async () => {
    const eventId = uniqueId("evt");
    const unavailable = Object.assign(new Error("14 UNAVAILABLE: connection reset"), { code: 14 });
    await expect(runTrigger({ trigger: "testTrigger", eventId, subject: "s" }, async () => Promise.reject(unavailable))).rejects.toBe(unavailable);
    expect((await adminDb().doc(`dead_letters/testTrigger-${eventId}`).get()).exists).toBe(false);
  });

  test("which failures count as transient", () => {
    expect(isTransientError(Object.assign(new Error("aborted"), { code: 10 }))).toBe(true);
    expect(isTransientError(Object.assign(new Error("deadline"), { code: 4 }))).toBe(true);
    expect(isTransientError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(true);
    expect(isTransientError(Object.assign(new Error("too big"), { code: 3 }))).toBe(false);
    expect(isTransientError(new RangeError("bad data"))).toBe(false);
  });
});

describe("offline edits never stay pending after their trigger ran", () => {
  test("an edit whose outcome cannot be written (an 870 KB base in its conflict record) ends rejected with the reason", async () => {
    const owner = await newOwner();
    const sku = uniqueId("big");
    const created = await call("POST", "/v1/products", { token: owner.token, body: { sku, name: "Ghee", category: "Dairy", quantity: 5, unit_price: 550 } });
    expect(created.status).toBe(201);
    // Someone renames it, so an edit of the name made on version 1 really clashes.
    expect((await call("PUT", `/v1/products/${created.body.id}`, { token: owner.token, body: { name: "Cow Ghee", version: 1 } })).status).toBe(200);
    const editId = uniqueId("huge");
    // Written with the Admin SDK: the rules now refuse such a base from clients (tested in the rules suite).
    await adminDb()
      .doc(`shops/${owner.shopId}/product_edits/${editId}`)
      .set({ product_id: created.body.id, kind: "fields", base_version: 1, base: { name: "x".repeat(870_000) }, changes: { name: "Buffalo Ghee" }, status: "pending", created_by: owner.uid, created_at: new Date() });
    const edit = await waitFor(
      async () => {
        const snap = await adminDb().doc(`shops/${owner.shopId}/product_edits/${editId}`).get();
        return snap.get("status") === "pending" ? undefined : snap.data();
      },
      "the edit to settle",
      30_000,
    );
    expect(edit).toMatchObject({ status: "rejected", rejection: expect.stringContaining("could not apply this edit") });
    expect((await adminDb().doc(`shops/${owner.shopId}/products/${created.body.id}`).get()).get("name")).toBe("Cow Ghee");
  });
});
