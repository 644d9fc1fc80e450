/** Malformed requests get the API's own 4xx error body, never a crash or a non-JSON answer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;
let userToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, generator: { authorCount: 20 } });
  userToken = (await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "robust_rob" })).access_token;
});
afterAll(async () => {
  await sandbox.close();
});

const app = { authorization: `Bearer ${DEV_BEARER_TOKEN}` };
const cases: { name: string; method: string; path: string; auth: "app" | "user" | "none"; body?: string; status: number; contains: string }[] = [
  { name: "non-numeric user id", method: "GET", path: "/2/users/abc", auth: "app", status: 400, contains: "does not match ^[0-9]{1,19}$" },
  { name: "20-digit user id", method: "GET", path: "/2/users/99999999999999999999", auth: "app", status: 400, contains: "does not match" },
  {
    name: "non-integer max_results",
    method: "GET",
    path: "/2/tweets/search/recent?query=x&max_results=abc",
    auth: "app",
    status: 400,
    contains: "is not a valid integer",
  },
  {
    name: "blank query",
    method: "GET",
    path: "/2/tweets/search/recent?query=%20",
    auth: "app",
    status: 400,
    contains: "Request parameter `query` can not be empty",
  },
  { name: "forged next_token", method: "GET", path: "/2/tweets/search/recent?query=x&next_token=zzz", auth: "app", status: 400, contains: "next_token" },
  {
    name: "impossible start_time",
    method: "GET",
    path: "/2/tweets/search/recent?query=x&start_time=2026-13-45T00:00:00Z",
    auth: "app",
    status: 400,
    contains: "start_time",
  },
  { name: "query over 512 characters", method: "GET", path: `/2/tweets/search/recent?query=${"a".repeat(600)}`, auth: "app", status: 400, contains: "512" },
  { name: "unterminated phrase", method: "GET", path: "/2/tweets/search/recent?query=%22brand", auth: "app", status: 400, contains: "no viable alternative" },
  { name: "empty id in list", method: "GET", path: "/2/users?ids=1,,2", auth: "app", status: 400, contains: "does not match" },
  { name: "invalid JSON tweet", method: "POST", path: "/2/tweets", auth: "user", body: "{not json", status: 400, contains: "not valid JSON" },
  {
    name: "malformed reply",
    method: "POST",
    path: "/2/tweets",
    auth: "user",
    body: '{"text":"hi","reply":"x"}',
    status: 400,
    contains: "in_reply_to_tweet_id",
  },
  {
    name: "unknown body field",
    method: "POST",
    path: "/2/tweets",
    auth: "user",
    body: '{"text":"hi","colour":"red"}',
    status: 400,
    contains: "additional properties",
  },
  { name: "no auth on users/me", method: "GET", path: "/2/users/me", auth: "none", status: 401, contains: "Unauthorized" },
  { name: "app bearer on users/me", method: "GET", path: "/2/users/me", auth: "app", status: 403, contains: "unsupported-authentication" },
  { name: "unknown X path", method: "GET", path: "/2/nope", auth: "app", status: 404, contains: "Sorry, that page does not exist" },
  { name: "bad JSON at token endpoint", method: "POST", path: "/2/oauth2/token", auth: "none", body: "{bad", status: 400, contains: "invalid_request" },
  { name: "Foursquare without token", method: "GET", path: "/v2/users/self?v=20260101", auth: "none", status: 400, contains: "Missing access credentials" },
  { name: "unknown Foursquare path", method: "GET", path: "/v2/venues/search?v=20260101", auth: "none", status: 404, contains: "endpoint_error" },
];

describe("malformed requests", () => {
  it.each(cases)("$name → $status", async (c) => {
    const headers: Record<string, string> = c.auth === "app" ? { ...app } : c.auth === "user" ? { authorization: `Bearer ${userToken}` } : {};
    if (c.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${sandbox.url}${c.path}`, { method: c.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
    expect(res.status).toBe(c.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/(problem\+)?json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).toContain(c.contains);
  });
});
