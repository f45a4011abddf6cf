import { call, expectErrorShape, newCustomer, newOwner, newStaff, signIn, TEST_PASSWORD } from "../../helpers/api";
import { adminDb, uniqueEmail } from "../../helpers/emulators";

describe("registration and /users/me", () => {
  test("the MSME client's {email, password} registers an owner with a first shop", async () => {
    const email = uniqueEmail("msme");
    const reg = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD } });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ email, role: "owner" });
    expect(reg.body.shops).toHaveLength(1);

    const token = await signIn(email, TEST_PASSWORD);
    const me = await call("GET", "/v1/users/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      uid: reg.body.uid,
      email,
      display_name: null,
      role: "owner",
      shops: [{ shop_id: reg.body.shops[0].shop_id, name: `${email.split("@")[0]}'s shop`, role: "owner" }],
      current_shop_id: reg.body.shops[0].shop_id,
    });
    const member = await adminDb().doc(`shops/${reg.body.shops[0].shop_id}/members/${reg.body.uid}`).get();
    expect(member.get("role")).toBe("owner");
  });

  test("the ID token carries the shop membership as a custom claim", async () => {
    const owner = await newOwner();
    const payload = JSON.parse(Buffer.from(owner.token.split(".")[1], "base64url").toString());
    expect(payload.shops).toEqual({ [owner.shopId]: "owner" });
  });

  test("a customer registers with a role and has no shops", async () => {
    const customer = await newCustomer();
    const me = await call("GET", "/v1/users/me", { token: customer.token });
    expect(me.body).toMatchObject({ role: "customer", shops: [] });
  });

  test("a shop's location is stored with its geohash", async () => {
    const owner = await newOwner({ location: { lat: 19.076, lng: 72.8777 }, city: "Mumbai" });
    const shop = await adminDb().doc(`shops/${owner.shopId}`).get();
    expect(shop.get("location")).toEqual({ lat: 19.076, lng: 72.8777 });
    expect(shop.get("geohash")).toMatch(/^te7u/);
  });

  test("registering the same email twice is a 409 and creates nothing more", async () => {
    const email = uniqueEmail("dup");
    expect((await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD } })).status).toBe(201);
    const again = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD } });
    expectErrorShape(again, 409);
    const owned = await adminDb().collection("shops").where("owner_id", "==", (await call("GET", "/v1/users/me", { token: await signIn(email, TEST_PASSWORD) })).body.uid).get();
    expect(owned.size).toBe(1);
  });

  test("a customer cannot have a shop, and a short password is refused", async () => {
    const bad = await call("POST", "/v1/auth/register", { body: { email: uniqueEmail(), password: TEST_PASSWORD, role: "customer", shop: { name: "x" } } });
    expect(expectErrorShape(bad, 400).issues).toEqual([expect.objectContaining({ path: "shop" })]);
    const short = await call("POST", "/v1/auth/register", { body: { email: uniqueEmail(), password: "123" } });
    expect(expectErrorShape(short, 400).message).toContain("password must be at least 6 characters");
  });
});

describe("staff invitations", () => {
  test("an invited user becomes staff of the shop, and the role shows in /users/me", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const me = await call("GET", "/v1/users/me", { token: staff.token });
    expect(me.body).toMatchObject({ role: "staff", shops: [{ shop_id: owner.shopId, role: "staff", name: "Test Kirana" }] });
    const payload = JSON.parse(Buffer.from(staff.token.split(".")[1], "base64url").toString());
    expect(payload.shops).toEqual({ [owner.shopId]: "staff" });
  });

  test("accepting the same invite twice is harmless; another user cannot reuse it", async () => {
    const owner = await newOwner();
    const invite = await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: owner.token, body: {} });
    expect(invite.status).toBe(201);
    const user = await newCustomer();
    expect((await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token })).status).toBe(200);
    expect((await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token })).status).toBe(200);
    const other = await newCustomer();
    expectErrorShape(await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: other.token }), 409);
  });

  test("an invite for one email cannot be accepted by another user", async () => {
    const owner = await newOwner();
    const invite = await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: owner.token, body: { email: uniqueEmail("someone") } });
    const stranger = await newCustomer();
    expectErrorShape(await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: stranger.token }), 403);
  });

  test("only the shop's owner can invite: staff and other owners get 403", async () => {
    const owner = await newOwner();
    const staff = await newStaff(owner);
    const otherOwner = await newOwner();
    expectErrorShape(await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: staff.token, body: {} }), 403);
    expectErrorShape(await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: otherOwner.token, body: {} }), 403);
  });

  test("an unknown invite is a 404", async () => {
    const user = await newCustomer();
    expectErrorShape(await call("POST", "/v1/invites/does-not-exist/accept", { token: user.token }), 404);
  });
});
