import { call, expectErrorShape, newCustomer, newOwner, TEST_PASSWORD } from "../../helpers/api";
import { adminDb, PROJECT_ID, uniqueEmail } from "../../helpers/emulators";

/**
 * An unsigned token ("alg": "none"), the kind the Auth emulator itself issues, so the emulated
 * Admin SDK checks everything but the signature. Production rejects it outright (no signature).
 */
function forgedToken(claims: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: "none", typ: "JWT" })}.${enc({ iat: now, exp: now + 3600, auth_time: now, ...claims })}.`;
}

async function countUsersWithEmail(email: string): Promise<number> {
  return (await adminDb().collection("users").where("email", "==", email).get()).size;
}

describe("bad input gets a 4xx in the one error shape and writes nothing", () => {
  test("malformed JSON is a 400 and registers nobody", async () => {
    const res = await call("POST", "/v1/auth/register", { rawBody: '{"email": "a@b.c", "password": ', contentType: "application/json" });
    expect(res.status).toBe(400);
    // The Functions runtime parses JSON before our code runs; its 400 is not in our shape.
    // Everywhere our code runs first (the rest of this file), the shape is checked.
  });

  test("a body that is not JSON is a 415", async () => {
    const email = uniqueEmail();
    const res = await call("POST", "/v1/auth/register", { rawBody: `email=${email}&password=${TEST_PASSWORD}`, contentType: "text/plain" });
    expectErrorShape(res, 415);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  test("a JSON array instead of an object is a 400", async () => {
    expectErrorShape(await call("POST", "/v1/auth/register", { body: [1, 2] }), 400);
  });

  test("a body over the size limit is a 413 naming the limit", async () => {
    const email = uniqueEmail();
    const res = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD, display_name: "x".repeat(300 * 1024) } });
    const body = expectErrorShape(res, 413);
    expect(body.details.limitBytes).toBe(256 * 1024);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  test("unknown fields are refused by name", async () => {
    const email = uniqueEmail();
    const res = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD, is_admin: true } });
    expect(expectErrorShape(res, 400).message).toContain("unknown field: is_admin");
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  test("wrong types are refused with the field's path", async () => {
    const res = await call("POST", "/v1/auth/register", { body: { email: 42, password: TEST_PASSWORD } });
    expect(expectErrorShape(res, 400).issues[0].path).toBe("email");
  });

  test("a missing token is a 401", async () => {
    const body = expectErrorShape(await call("GET", "/v1/users/me"), 401);
    expect(body.detail).toContain("Bearer");
  });

  test("a malformed Authorization header is a 401", async () => {
    expectErrorShape(await call("GET", "/v1/users/me", { headers: { authorization: "Token abc" } }), 401);
  });

  test("garbage instead of a token is a 401", async () => {
    expectErrorShape(await call("GET", "/v1/users/me", { token: "not.a.jwt" }), 401);
  });

  test("a token minted for another project is a 401", async () => {
    const token = forgedToken({ iss: "https://securetoken.google.com/other-project", aud: "other-project", sub: "mallory", user_id: "mallory" });
    expectErrorShape(await call("GET", "/v1/users/me", { token }), 401);
  });

  test("an expired token is a 401 that says to refresh", async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const token = forgedToken({ iss: `https://securetoken.google.com/${PROJECT_ID}`, aud: PROJECT_ID, sub: "u1", user_id: "u1", iat: past, exp: past + 3600, auth_time: past });
    expect(expectErrorShape(await call("GET", "/v1/users/me", { token }), 401).message).toContain("expired");
  });

  test("a forged token for a real customer claiming shop ownership grants nothing: membership is read from Firestore", async () => {
    const owner = await newOwner();
    const customer = await newCustomer();
    const token = forgedToken({ iss: `https://securetoken.google.com/${PROJECT_ID}`, aud: PROJECT_ID, sub: customer.uid, user_id: customer.uid, shops: { [owner.shopId]: "owner" } });
    expectErrorShape(await call("POST", `/v1/shops/${owner.shopId}/invites`, { token, body: {} }), 403);
  });

  test("a well-formed token for a user that does not exist is a 401", async () => {
    const token = forgedToken({ iss: `https://securetoken.google.com/${PROJECT_ID}`, aud: PROJECT_ID, sub: "mallory", user_id: "mallory" });
    expectErrorShape(await call("GET", "/v1/users/me", { token }), 401);
  });

  test("a signed-in user with no membership gets a 403 on a shop's routes", async () => {
    const owner = await newOwner();
    const customer = await newCustomer();
    expectErrorShape(await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: customer.token, body: {} }), 403);
  });

  test("an unknown route is a 404 in the error shape", async () => {
    expectErrorShape(await call("GET", "/v1/nope"), 404);
  });

  test("a bad shopId header is a 400", async () => {
    const customer = await newCustomer();
    expectErrorShape(await call("GET", "/v1/users/me", { token: customer.token, headers: { "x-shop-id": "../etc" } }), 400);
  });
});

describe("HTTP plumbing", () => {
  test("health answers without a token", async () => {
    const res = await call("GET", "/v1/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
  });

  test("a CORS preflight is answered without running the handler", async () => {
    const res = await call("OPTIONS", "/v1/auth/register", {
      headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  test("the OpenAPI document lists every route with its errors", async () => {
    const res = await call("GET", "/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/v1/auth/register", "/v1/users/me", "/v1/shops/{shopId}/invites", "/v1/invites/{inviteId}/accept", "/v1/health"]));
    expect(res.body.paths["/v1/users/me"].get.responses["401"]).toBeDefined();
    expect(res.body.components.schemas.Error).toBeDefined();
  });

});
