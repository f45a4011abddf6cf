import { getAuth } from "firebase-admin/auth";
import { call, expectErrorShape, newCustomer, newOwner, newStaff, signIn, verifyEmail, type TestUser } from "../../helpers/api";
import { adminDb } from "../../helpers/emulators";

/** The Admin Auth of the test process (the Admin app is created with the Firestore helper). */
function adminAuth(): ReturnType<typeof getAuth> {
  adminDb();
  return getAuth();
}

/** A second shop for an owner, joined the way an owner of a chain has one (membership written by the server). */
async function addOwnedShop(owner: TestUser, shopId: string, name: string): Promise<void> {
  const db = adminDb();
  await db.doc(`shops/${shopId}`).set({ name, owner_id: owner.uid, created_at: new Date() });
  await db.doc(`shops/${shopId}/members/${owner.uid}`).set({ role: "owner", email: owner.email, joined_at: new Date() });
  await db.doc(`users/${owner.uid}`).update({ [`shops.${shopId}`]: "owner" });
}

describe("email-bound invites need a verified email", () => {
  test("the invited address cannot accept before verifying it, and can after", async () => {
    const owner = await newOwner();
    const user = await newCustomer();
    const invite = await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: owner.token, body: { email: user.email } });
    expect(invite.status).toBe(201);
    const unverified = await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token });
    expect(expectErrorShape(unverified, 403).message).toContain("verif");
    expect((await adminDb().doc(`shops/${owner.shopId}/members/${user.uid}`).get()).exists).toBe(false);

    await verifyEmail(user);
    expect((await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token })).status).toBe(200);
  });

  test("a shareable code (no email) needs no verification", async () => {
    const owner = await newOwner();
    const invite = await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: owner.token, body: {} });
    const user = await newCustomer();
    expect((await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token })).status).toBe(200);
  });
});

describe("current shop", () => {
  test("the demo owner of two shops lists products without naming a shop (the published client's call)", async () => {
    const token = await signIn("ramesh@kirana.demo", "kirana123").catch(() => null);
    // The demo data is only loaded by `npm start`; under `npm test` an owner of two shops stands in.
    const owner = token ? null : await newOwner();
    if (owner) await addOwnedShop(owner, `${owner.shopId}-b`, "Second shop");
    const res = await call("GET", "/v1/products", { token: token ?? owner!.token });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  test("an owner of several shops acts on the first one until choosing another, which is remembered", async () => {
    const owner = await newOwner();
    const second = `${owner.shopId}-z`;
    await addOwnedShop(owner, second, "Zeta shop");

    const me = await call("GET", "/v1/users/me", { token: owner.token });
    expect(me.body.current_shop_id).toBe(owner.shopId);
    expect((await call("POST", "/v1/products", { token: owner.token, body: { sku: "CUR-1", name: "Current one", category: "Test", quantity: 1, unit_price: 1 } })).status).toBe(201);
    expect((await adminDb().doc(`shops/${owner.shopId}/products/CUR-1`).get()).exists).toBe(true);

    const chosen = await call("PUT", "/v1/users/me/current-shop", { token: owner.token, body: { shop_id: second } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.current_shop_id).toBe(second);
    expect((await adminDb().doc(`users/${owner.uid}`).get()).get("current_shop_id")).toBe(second);
    expect((await call("POST", "/v1/products", { token: owner.token, body: { sku: "CUR-2", name: "Current two", category: "Test", quantity: 1, unit_price: 1 } })).status).toBe(201);
    expect((await adminDb().doc(`shops/${second}/products/CUR-2`).get()).exists).toBe(true);

    // ?shopId= and X-Shop-Id still win over the current shop.
    const named = await call("GET", `/v1/products?shopId=${owner.shopId}`, { token: owner.token });
    expect(named.body.map((p: { sku: string }) => p.sku)).toEqual(["CUR-1"]);
    const header = await call("GET", "/v1/products", { token: owner.token, headers: { "x-shop-id": owner.shopId } });
    expect(header.body.map((p: { sku: string }) => p.sku)).toEqual(["CUR-1"]);
  });

  test("a user cannot choose a shop they do not belong to", async () => {
    const owner = await newOwner();
    const stranger = await newOwner();
    expectErrorShape(await call("PUT", "/v1/users/me/current-shop", { token: stranger.token, body: { shop_id: owner.shopId } }), 403);
    expectErrorShape(await call("PUT", "/v1/users/me/current-shop", { token: stranger.token, body: { shop_id: "../x" } }), 400);
  });
});

describe("removing staff", () => {
  test("an owner removes a staff member: the API refuses them at once, their claims are gone and their refresh token revoked", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const validAfterBefore = Date.parse((await adminAuth().getUser(staff.uid)).tokensValidAfterTime ?? "0");
    await new Promise((r) => setTimeout(r, 1100)); // revocation has one-second resolution
    expect((await call("GET", "/v1/products", { token: staff.token })).status).toBe(200);

    const removed = await call("DELETE", `/v1/shops/${owner.shopId}/members/${staff.uid}`, { token: owner.token });
    expect(removed.status).toBe(204);

    // The old ID token (its claim still says staff) is refused: revoked (401; the Admin SDK checks
    // revocation under the emulator) or, where revocation is not checked, not a member (403).
    const newProduct = { sku: "GONE-1", name: "x", category: "x", quantity: 1, unit_price: 1 };
    expect([401, 403]).toContain((await call("POST", "/v1/products", { token: staff.token, headers: { "x-shop-id": owner.shopId }, body: newProduct })).status);
    expect([401, 403]).toContain((await call("GET", `/v1/products/${"NOPE"}/movements?shopId=${owner.shopId}`, { token: staff.token })).status);
    // Signed in again: a valid token, no longer a member — the API reads the membership and refuses.
    const fresh = await signIn(staff.email, staff.password);
    expect(JSON.parse(Buffer.from(fresh.split(".")[1], "base64url").toString()).shops).toEqual({});
    expectErrorShape(await call("POST", "/v1/products", { token: fresh, headers: { "x-shop-id": owner.shopId }, body: newProduct }), 403);
    expect((await adminDb().doc(`shops/${owner.shopId}/products/GONE-1`).get()).exists).toBe(false);
    expect((await adminDb().doc(`shops/${owner.shopId}/members/${staff.uid}`).get()).exists).toBe(false);
    expect((await adminDb().doc(`users/${staff.uid}`).get()).get(`shops.${owner.shopId}`)).toBeUndefined();
    const user = await adminAuth().getUser(staff.uid);
    expect(user.customClaims?.shops).toEqual({});
    // Refresh tokens issued before now are revoked (the Auth emulator records this but, unlike
    // production, still exchanges them); ID tokens from before are refused when checked.
    expect(Date.parse(user.tokensValidAfterTime!)).toBeGreaterThan(validAfterBefore);
    await expect(adminAuth().verifyIdToken(staff.token, true)).rejects.toMatchObject({ code: "auth/id-token-revoked" });
  });

  test("only the shop's owner removes, owners cannot be removed, and an unknown member is a 404", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const otherOwner = await newOwner();
    expectErrorShape(await call("DELETE", `/v1/shops/${owner.shopId}/members/${owner.uid}`, { token: staff.token }), 403);
    expectErrorShape(await call("DELETE", `/v1/shops/${owner.shopId}/members/${staff.uid}`, { token: otherOwner.token }), 403);
    expectErrorShape(await call("DELETE", `/v1/shops/${owner.shopId}/members/${owner.uid}`, { token: owner.token }), 403);
    expectErrorShape(await call("DELETE", `/v1/shops/${owner.shopId}/members/nobody-here`, { token: owner.token }), 404);
    expect((await adminDb().doc(`shops/${owner.shopId}/members/${staff.uid}`).get()).exists).toBe(true);
  });
});
