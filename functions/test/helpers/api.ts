import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { emulatorEndpoints, emulatorUrl, PROJECT_ID, REGION, uniqueEmail } from "./emulators";

/** An answer from the API: status, headers and the parsed JSON (or text) body. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Base URL of the `api` function on the functions emulator, e.g. ".../asia-south1/api". */
export async function apiBase(): Promise<string> {
  return `${await emulatorUrl("functions")}/${PROJECT_ID}/${REGION}/api`;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A raw body sent as-is (with `contentType`), for malformed-input tests. */
  rawBody?: string | Buffer | FormData;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Calls the API over real HTTP. */
export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | FormData | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    if (options.contentType) headers["content-type"] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${await apiBase()}${path}`, { method, headers, body: body as RequestInit["body"] });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Signs in with email and password against the Auth emulator; returns the ID token. */
export async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${await emulatorUrl("auth")}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const json = (await res.json()) as { idToken?: string; error?: unknown };
  if (!json.idToken) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(json.error)}`);
  return json.idToken;
}

/** A signed-in test user. */
export interface TestUser {
  uid: string;
  email: string;
  password: string;
  token: string;
  shopId?: string;
}

export const TEST_PASSWORD = "kirana-test-pw";

/** Registers a shop owner through the API (the real flow) and signs them in. */
export async function newOwner(shop: Record<string, unknown> = {}): Promise<TestUser & { shopId: string }> {
  const email = uniqueEmail("owner");
  const res = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD, shop: { name: "Test Kirana", ...shop } } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { uid: res.body.uid, email, password: TEST_PASSWORD, token: await signIn(email, TEST_PASSWORD), shopId: res.body.shops[0].shop_id };
}

/** Registers a customer through the API and signs them in. */
export async function newCustomer(): Promise<TestUser> {
  const email = uniqueEmail("customer");
  const res = await call("POST", "/v1/auth/register", { body: { email, password: TEST_PASSWORD, role: "customer" } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { uid: res.body.uid, email, password: TEST_PASSWORD, token: await signIn(email, TEST_PASSWORD) };
}

/**
 * Verifies a user's email the way a person does: the Auth emulator "sends" the verification
 * email (sendOobCode), the test reads the link from the emulator's outbox and applies its code.
 * Returns a fresh ID token, which carries `email_verified: true`.
 */
export async function verifyEmail(user: TestUser): Promise<string> {
  const auth = await emulatorUrl("auth");
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${auth}/identitytoolkit.googleapis.com/v1/${path}?key=fake-api-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
  };
  await post("accounts:sendOobCode", { requestType: "VERIFY_EMAIL", idToken: user.token });
  const outbox = (await (await fetch(`${auth}/emulator/v1/projects/${PROJECT_ID}/oobCodes`)).json()) as { oobCodes: Array<{ email: string; oobCode: string; requestType: string }> };
  const code = outbox.oobCodes.filter((c) => c.email === user.email && c.requestType === "VERIFY_EMAIL").pop();
  if (!code) throw new Error(`no verification email for ${user.email}`);
  await post("accounts:update", { oobCode: code.oobCode });
  user.token = await signIn(user.email, user.password);
  return user.token;
}

/** A staff member of the owner's shop, joined through an invite; the token carries the new claims. */
export async function newStaff(owner: TestUser & { shopId: string }): Promise<TestUser & { shopId: string }> {
  const user = await newCustomer();
  await verifyEmail(user);
  const invite = await call("POST", `/v1/shops/${owner.shopId}/invites`, { token: owner.token, body: { email: user.email } });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await call("POST", `/v1/invites/${invite.body.id}/accept`, { token: user.token });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...user, token: await signIn(user.email, user.password), shopId: owner.shopId };
}

/** Asserts the single error shape and returns the body for further checks. */
export function expectErrorShape(res: ApiResponse, status: number): Record<string, any> {
  expect(res.status).toBe(status);
  expect(res.body).toEqual(
    expect.objectContaining({
      error: expect.any(String),
      message: expect.any(String),
      detail: expect.any(String),
      status,
      timestamp: expect.any(String),
    }),
  );
  return res.body;
}

/**
 * Runs the documented admin command (`npm run admin -- <args>`, i.e. the compiled
 * tools/admin.ts) against the test emulators; answers its output.
 */
export async function runAdmin(...args: string[]): Promise<string> {
  const { auth, firestore } = await emulatorEndpoints();
  const { stdout } = await promisify(execFile)(process.execPath, [path.resolve(__dirname, "../../lib/tools/admin.js"), ...args], {
    env: {
      ...process.env,
      GCLOUD_PROJECT: PROJECT_ID,
      FIREBASE_AUTH_EMULATOR_HOST: `${auth.host}:${auth.port}`,
      FIRESTORE_EMULATOR_HOST: `${firestore.host}:${firestore.port}`,
    },
  });
  return stdout;
}

/** A platform operator: a customer account granted the role with the admin command, signed in again. */
export async function newOperator(): Promise<TestUser> {
  const user = await newCustomer();
  await runAdmin("grant-operator", user.email);
  user.token = await signIn(user.email, user.password);
  return user;
}
