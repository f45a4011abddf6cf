import { call, expectErrorShape, newCustomer, newOperator, newOwner, newStaff, runAdmin, signIn, type TestUser } from "../../helpers/api";
import { adminDb, waitFor } from "../../helpers/emulators";
import { METRICS_SHARDS } from "../../../src/metrics/metrics.schema";

type RouteRow = { method: string; route: string; requests: number; errors_4xx: number; operation_counts: Record<string, number>; p95_latency_ms: number | null };

function route(body: { routes: RouteRow[] }, method: string, path: string): RouteRow | undefined {
  return body.routes.find((r) => r.method === method && r.route === path);
}

describe("GET /v1/metrics", () => {
  let operator: TestUser;
  beforeAll(async () => {
    operator = await newOperator();
  });

  test("requests served by any instance show up after the flush, with MSME fields and per-route counts", async () => {
    const owner = await newOwner();
    const before = await call("GET", "/v1/metrics", { token: operator.token });
    expect(before.status).toBe(200);
    const kpisBefore = route(before.body, "GET", "/v1/dashboard/kpis")?.requests ?? 0;
    const unmatchedBefore = route(before.body, "GET", "unmatched")?.errors_4xx ?? 0;

    for (let i = 0; i < 5; i++) expect((await call("GET", "/v1/dashboard/kpis", { token: owner.token })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await call("GET", "/v1/no-such-route")).status).toBe(404);

    const after = await waitFor(
      async () => {
        const res = await call("GET", "/v1/metrics", { token: operator.token });
        const kpis = route(res.body, "GET", "/v1/dashboard/kpis");
        const unmatched = route(res.body, "GET", "unmatched");
        return kpis && kpis.requests >= kpisBefore + 5 && unmatched && unmatched.errors_4xx >= unmatchedBefore + 2 ? res.body : undefined;
      },
      "the requests to reach the shared metrics",
      20_000,
      500,
    );
    expect(after).toEqual(
      expect.objectContaining({
        total_requests_in_run: expect.any(Number),
        crud_operation_counts: expect.objectContaining({ create: expect.any(Number), read: expect.any(Number), update: expect.any(Number), delete: expect.any(Number) }),
        p95_latency_ms: expect.any(Number),
        p50_latency_ms: expect.any(Number),
        p99_latency_ms: expect.any(Number),
      }),
    );
    expect(after.total_requests_in_run).toBeGreaterThanOrEqual(before.body.total_requests_in_run + 7);
    expect(after.crud_operation_counts.read).toBeGreaterThanOrEqual(before.body.crud_operation_counts.read + 5);
    expect(after.errors.client_4xx).toBeGreaterThanOrEqual(before.body.errors.client_4xx + 2);
    expect(route(after, "GET", "/v1/dashboard/kpis")!.p95_latency_ms).toEqual(expect.any(Number));
  });

  test("counts are flushed as a few per-minute shard documents, not one write per request", async () => {
    for (let i = 0; i < 20; i++) await call("GET", "/v1/health");
    await call("GET", "/v1/metrics", { token: operator.token });
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const docs = await adminDb().collection("metrics_minutes").where("minute", ">=", new Date(minute.getTime() - 60_000)).get();
    // At most one document per shard per minute (two minutes here), whatever the request count.
    expect(docs.size).toBeGreaterThan(0);
    expect(docs.size).toBeLessThanOrEqual(2 * METRICS_SHARDS);
    expect(docs.docs.every((d) => /^\d{12}_\d+$/.test(d.id))).toBe(true);
  });

  test("the same data in Prometheus text format with Accept: text/plain", async () => {
    await call("GET", "/v1/health");
    const res = await waitFor(
      async () => {
        const r = await call("GET", "/v1/metrics", { token: operator.token, headers: { accept: "text/plain" } });
        return typeof r.body === "string" && r.body.includes('route="/v1/health"') ? r : undefined;
      },
      "the health request in the Prometheus text",
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.body).toContain("# TYPE kirana_api_requests_total counter");
    expect(res.body).toMatch(/kirana_api_requests_total\{method="GET",route="\/v1\/health"\} \d+/);
    expect(res.body).toContain("# TYPE kirana_api_errors_total counter");
    expect(res.body).toMatch(/kirana_api_latency_seconds_bucket\{method="GET",route="\/v1\/health",le="\+Inf"\} \d+/);
  });

  test("only platform operators read the metrics: shop owners, staff and customers get 403", async () => {
    const owner = await newOwner();
    expect(expectErrorShape(await call("GET", "/v1/metrics", { token: owner.token }), 403).message).toContain("platform operators");
    expectErrorShape(await call("GET", "/v1/metrics", { token: (await newStaff(owner)).token }), 403);
    expectErrorShape(await call("GET", "/v1/metrics", { token: (await newCustomer()).token }), 403);
    expectErrorShape(await call("GET", "/v1/metrics"), 401);
  });

  test("the operator role comes only from the admin command, and revoking it takes effect at the next sign-in", async () => {
    const user = await newCustomer();
    expectErrorShape(await call("GET", "/v1/metrics", { token: user.token }), 403);
    expect(await runAdmin("grant-operator", user.email)).toContain("is now a platform operator");
    const granted = await signIn(user.email, user.password);
    expect(JSON.parse(Buffer.from(granted.split(".")[1], "base64url").toString()).platform_operator).toBe(true);
    expect((await call("GET", "/v1/metrics", { token: granted })).status).toBe(200);
    await runAdmin("revoke-operator", user.email);
    expectErrorShape(await call("GET", "/v1/metrics", { token: await signIn(user.email, user.password) }), 403);
  });

  test("no API body can grant the operator role (registration refuses the claim's name as a field)", async () => {
    const res = await call("POST", "/v1/auth/register", { body: { email: `x-${Date.now()}@example.test`, password: "kirana-test-pw", platform_operator: true } });
    expect(expectErrorShape(res, 400).message).toContain("platform_operator");
  });
});
