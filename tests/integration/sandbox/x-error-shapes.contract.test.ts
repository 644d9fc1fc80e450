/** X's error wire format: problem+json, api.x.com problem types, full not-found problems, 404s for unserved paths, rate headers everywhere. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;
const app = { authorization: `Bearer ${DEV_BEARER_TOKEN}` };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, generator: { authorCount: 20 }, initialPosts: 0, startGenerator: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function get(path: string, headers: Record<string, string> = app) {
  const res = await fetch(`${sandbox.url}${path}`, { headers });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

function expectRateHeaders(res: Response): void {
  expect(res.headers.get("x-rate-limit-limit")).toMatch(/^\d+$/);
  expect(res.headers.get("x-rate-limit-remaining")).toMatch(/^\d+$/);
  expect(res.headers.get("x-rate-limit-reset")).toMatch(/^\d+$/);
}

describe("X error responses", () => {
  it("sends problem documents as application/problem+json with api.x.com types", async () => {
    const { res, body } = await get("/2/tweets/search/recent?query=x&max_results=5");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(body.type).toBe("https://api.x.com/2/problems/invalid-request");
    const unauth = await get("/2/tweets/search/recent?query=x", {});
    expect(unauth.res.status).toBe(401);
    expect(unauth.res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("answers a single-resource miss with a complete ResourceNotFoundProblem", async () => {
    const { res, body } = await get("/2/users/12345");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      title: "Not Found Error",
      type: "https://api.x.com/2/problems/resource-not-found",
      resource_type: "user",
      resource_id: "12345",
      parameter: "id",
      value: "12345",
      status: 404,
    });
    const tweet = await get("/2/tweets/777");
    expect(tweet.body).toMatchObject({ resource_type: "tweet", resource_id: "777", parameter: "id", value: "777" });
  });

  it("keeps 200 partial-error lookups as application/json", async () => {
    const { res, body } = await get("/2/users?ids=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((body.errors as Record<string, unknown>[])[0]).toMatchObject({ type: "https://api.x.com/2/problems/resource-not-found", resource_id: "1" });
  });

  it.each(["/2/users/search?query=x", "/2/users/reposts_of_me", "/2/tweets/analytics", "/2/tweets/search/all?query=x", "/2/nope"])(
    "answers X's 404 for the unserved path %s, with rate-limit headers",
    async (path) => {
      const { res, body } = await get(path);
      expect(res.status).toBe(404);
      expect(body).toEqual({ errors: [{ message: "Sorry, that page does not exist", code: 34 }] });
      expectRateHeaders(res);
    },
  );

  it("puts rate-limit headers on injected 5xx and 429 responses", async () => {
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", count: 1, status: 503, path_prefix: "/2/tweets/search" });
    const failed = await get("/2/tweets/search/recent?query=x");
    expect(failed.res.status).toBe(503);
    expect(failed.res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expectRateHeaders(failed.res);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/users" });
    const limited = await get("/2/users/1");
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get("x-rate-limit-remaining")).toBe("0");
  });

  it("puts rate-limit headers on a 405", async () => {
    const res = await fetch(`${sandbox.url}/2/users/me`, { method: "PUT", headers: app });
    expect(res.status).toBe(405);
    expectRateHeaders(res);
  });
});
