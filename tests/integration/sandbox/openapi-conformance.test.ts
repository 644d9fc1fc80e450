/**
 * Every emulator response checked against X's published OpenAPI document (2.166): success bodies
 * against the operation's 200/201 schema, error bodies against the problem schema their `type`
 * names (matched on the suffix: the document maps api.twitter.com types, X answers api.x.com).
 * The document is read from X_OPENAPI_SPEC or ../shared/specs beside the clone, never copied in.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { admin } from "./sandbox-test-kit";

const SPEC_PATH = process.env.X_OPENAPI_SPEC ?? path.resolve(process.cwd(), "../shared/specs/x-api-v2-openapi-2.166.json");

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, { discriminator?: { mapping: Record<string, string> } }> };
}

let doc: OpenApiDoc;
let ajv: Ajv;
let sandbox: SandboxHandle;
let userToken: string;
let likerToken: string;
let brandId: string;
let tweetId: string;

beforeAll(async () => {
  if (!existsSync(SPEC_PATH)) {
    throw new Error(
      `X's OpenAPI document was not found at ${SPEC_PATH}. Put the shared specs beside the clone (../shared/specs/x-api-v2-openapi-2.166.json) or set X_OPENAPI_SPEC to its path.`,
    );
  }
  doc = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OpenApiDoc;
  // OpenAPI 3.0 keywords (nullable, discriminator without oneOf, example) are not JSON Schema: not strict.
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, "x-openapi");

  sandbox = await startSandbox({ port: 0, generator: { authorCount: 30 }, initialPosts: 0, startGenerator: false });
  brandId = (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", { username: "conform_brand", verified: true })).id;
  await admin(sandbox.url, "POST", "/__admin/users", { username: "conform_fan" });
  const base = sandbox.clock.now() - 30 * 60_000;
  tweetId = (
    await admin<{ id: string }>(sandbox.url, "POST", "/__admin/posts", {
      author: "conform_brand",
      text: "Conformity #launch https://example.com $CONF",
      created_at: new Date(base).toISOString(),
    })
  ).id;
  await admin(sandbox.url, "POST", "/__admin/posts", {
    author: "conform_fan",
    text: "@conform_brand love the conformity",
    kind: "reply",
    ref_id: tweetId,
    created_at: new Date(base + 60_000).toISOString(),
  });
  await admin(sandbox.url, "POST", "/__admin/posts", {
    author: "conform_fan",
    text: "RT @conform_brand: Conformity",
    kind: "retweet",
    ref_id: tweetId,
    created_at: new Date(base + 120_000).toISOString(),
  });
  await admin(sandbox.url, "POST", "/__admin/posts", {
    author: "conform_fan",
    text: "quoting the conformity",
    kind: "quote",
    ref_id: tweetId,
    created_at: new Date(base + 180_000).toISOString(),
  });
  await admin(sandbox.url, "POST", `/__admin/posts/${tweetId}/likes`, { users: ["conform_fan"] });
  userToken = (await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "conform_fan" })).access_token;
  likerToken = (
    await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", {
      username: "conform_fan",
      scopes: ["tweet.read", "users.read", "like.read"],
    })
  ).access_token;
});
afterAll(async () => {
  await sandbox?.close();
});

function validator(ref: string): ValidateFunction {
  const v = ajv.getSchema(`x-openapi${ref}`);
  if (!v) throw new Error(`no schema ${ref}`);
  return v;
}

function successSchema(method: string, specPath: string, status: number): string {
  const op = doc.paths[specPath]?.[method.toLowerCase()];
  const ref = op?.responses?.[String(status)]?.content?.["application/json"]?.schema?.$ref;
  if (!ref) throw new Error(`${method} ${specPath} has no ${status} application/json schema in the document`);
  return ref;
}

/** The schema a problem's `type` names; the document's mapping keys use the old api.twitter.com prefix. */
function problemSchema(type: string): string {
  const mapping = doc.components.schemas.Problem?.discriminator?.mapping ?? {};
  const suffix = type.replace(/^https:\/\/api\.x\.com\/2\/problems\//, "");
  const hit = Object.entries(mapping).find(([k]) => k === type || k.endsWith(`/problems/${suffix}`));
  return hit?.[1] ?? "#/components/schemas/Problem";
}

function expectValid(ref: string, body: unknown, what: string): void {
  const validate = validator(ref);
  const ok = validate(body);
  expect(ok, `${what} does not match ${ref}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`).toBe(true);
}

function expectProblemsValid(body: Record<string, unknown>, what: string): void {
  for (const [i, e] of ((body.errors as Record<string, unknown>[] | undefined) ?? []).entries()) {
    if (typeof e.type === "string") expectValid(problemSchema(e.type), e, `${what} errors[${i}]`);
  }
}

async function call(method: string, url: string, auth: "app" | "user" | "liker" | "none", body?: unknown) {
  const headers: Record<string, string> = {};
  if (auth !== "none") headers.authorization = `Bearer ${auth === "app" ? DEV_BEARER_TOKEN : auth === "liker" ? likerToken : userToken}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${sandbox.url}${url}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { res, json: (await res.json()) as Record<string, unknown> };
}

const FIELDS =
  "expansions=author_id,referenced_tweets.id,in_reply_to_user_id,entities.mentions.username&tweet.fields=created_at,author_id,conversation_id,public_metrics,entities,lang,referenced_tweets,in_reply_to_user_id,source,possibly_sensitive,reply_settings,edit_controls&user.fields=created_at,description,public_metrics,verified,verified_type,protected,profile_image_url,location,url";
const USER_FIELDS = "user.fields=created_at,description,public_metrics,verified,verified_type,protected,profile_image_url,location,url";

const successCases: { name: string; method: string; spec: string; url: () => string; auth: "app" | "user" | "liker"; status: number; body?: unknown }[] = [
  {
    name: "search recent",
    method: "GET",
    spec: "/2/tweets/search/recent",
    url: () => `/2/tweets/search/recent?query=conformity&${FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "search recent, no results",
    method: "GET",
    spec: "/2/tweets/search/recent",
    url: () => "/2/tweets/search/recent?query=nothingmatchesthis",
    auth: "app",
    status: 200,
  },
  { name: "tweet lookup", method: "GET", spec: "/2/tweets/{id}", url: () => `/2/tweets/${tweetId}?${FIELDS}`, auth: "app", status: 200 },
  { name: "tweets lookup with a miss", method: "GET", spec: "/2/tweets", url: () => `/2/tweets?ids=${tweetId},1&${FIELDS}`, auth: "app", status: 200 },
  { name: "user lookup", method: "GET", spec: "/2/users/{id}", url: () => `/2/users/${brandId}?${USER_FIELDS}`, auth: "app", status: 200 },
  { name: "users lookup with a miss", method: "GET", spec: "/2/users", url: () => `/2/users?ids=${brandId},1&${USER_FIELDS}`, auth: "app", status: 200 },
  {
    name: "users by usernames",
    method: "GET",
    spec: "/2/users/by",
    url: () => `/2/users/by?usernames=conform_brand,conform_fan&${USER_FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "user by username",
    method: "GET",
    spec: "/2/users/by/username/{username}",
    url: () => `/2/users/by/username/conform_brand?${USER_FIELDS}`,
    auth: "app",
    status: 200,
  },
  { name: "users/me", method: "GET", spec: "/2/users/me", url: () => `/2/users/me?${USER_FIELDS}`, auth: "user", status: 200 },
  {
    name: "mentions timeline",
    method: "GET",
    spec: "/2/users/{id}/mentions",
    url: () => `/2/users/${brandId}/mentions?max_results=5&${FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "user's posts",
    method: "GET",
    spec: "/2/users/{id}/tweets",
    url: () => `/2/users/${brandId}/tweets?max_results=5&${FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "quote posts",
    method: "GET",
    spec: "/2/tweets/{id}/quote_tweets",
    url: () => `/2/tweets/${tweetId}/quote_tweets?${FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "retweeted by",
    method: "GET",
    spec: "/2/tweets/{id}/retweeted_by",
    url: () => `/2/tweets/${tweetId}/retweeted_by?${USER_FIELDS}`,
    auth: "app",
    status: 200,
  },
  {
    name: "liking users",
    method: "GET",
    spec: "/2/tweets/{id}/liking_users",
    url: () => `/2/tweets/${tweetId}/liking_users?${USER_FIELDS}`,
    auth: "liker",
    status: 200,
  },
  {
    name: "counts recent",
    method: "GET",
    spec: "/2/tweets/counts/recent",
    url: () => "/2/tweets/counts/recent?query=conformity&granularity=day",
    auth: "app",
    status: 200,
  },
  { name: "create post", method: "POST", spec: "/2/tweets", url: () => "/2/tweets", auth: "user", status: 201, body: { text: "conformant post" } },
];

describe("X OpenAPI conformance: success responses", () => {
  it.each(successCases)("$name matches its response schema", async (c) => {
    const { res, json } = await call(c.method, c.url(), c.auth, c.body);
    expect(res.status, JSON.stringify(json)).toBe(c.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expectValid(successSchema(c.method, c.spec, c.status), json, c.name);
    expectProblemsValid(json, c.name);
  });

  it("delete post matches its response schema", async () => {
    const created = await call("POST", "/2/tweets", "user", { text: "to delete, conformantly" });
    const id = (created.json.data as { id: string }).id;
    const { res, json } = await call("DELETE", `/2/tweets/${id}`, "user");
    expect(res.status).toBe(200);
    expectValid(successSchema("DELETE", "/2/tweets/{id}", 200), json, "delete post");
  });
});

const errorCases: { name: string; url: string; method?: string; auth: "app" | "user" | "none"; status: number; body?: unknown }[] = [
  { name: "invalid request (max_results)", url: "/2/tweets/search/recent?query=x&max_results=5", auth: "app", status: 400 },
  { name: "invalid query", url: "/2/tweets/search/recent?query=%28a", auth: "app", status: 400 },
  { name: "unknown parameter", url: "/2/users/1?colour=red", auth: "app", status: 400 },
  { name: "user not found", url: "/2/users/12345", auth: "app", status: 404 },
  { name: "tweet not found", url: "/2/tweets/777", auth: "app", status: 404 },
  { name: "username not found", url: "/2/users/by/username/nobody_here", auth: "app", status: 404 },
  { name: "mentions of an unknown user", url: "/2/users/42/mentions", auth: "app", status: 404 },
  { name: "delete an unknown post", method: "DELETE", url: "/2/tweets/777", auth: "user", status: 404 },
  { name: "unauthorized", url: "/2/tweets/search/recent?query=x", auth: "none", status: 401 },
  { name: "unsupported authentication", url: "/2/users/me", auth: "app", status: 403 },
  { name: "too long post", method: "POST", url: "/2/tweets", auth: "user", status: 403, body: { text: "x".repeat(300) } },
];

describe("X OpenAPI conformance: problem responses", () => {
  it.each(errorCases)("$name is a valid problem document", async (c) => {
    const { res, json } = await call(c.method ?? "GET", c.url, c.auth, c.body);
    expect(res.status, JSON.stringify(json)).toBe(c.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(typeof json.type).toBe("string");
    expect(json.type === "about:blank" || String(json.type).startsWith("https://api.x.com/2/problems/")).toBe(true);
    expectValid("#/components/schemas/Problem", json, c.name);
    expectValid(problemSchema(String(json.type)), json, c.name);
    expectProblemsValid(json, c.name);
    expect(res.headers.get("x-rate-limit-remaining")).toMatch(/^\d+$/);
  });

  it("an injected 5xx is a valid problem document with rate-limit headers", async () => {
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", count: 1, status: 503, path_prefix: "/2/users" });
    const { res, json } = await call("GET", `/2/users/${brandId}`, "app");
    expect(res.status).toBe(503);
    expectValid("#/components/schemas/Problem", json, "injected 503");
    expect(res.headers.get("x-rate-limit-limit")).toMatch(/^\d+$/);
  });

  it("every GET path of the document the sandbox does not serve answers X's 404 Error, never a neighbour's 400", async () => {
    const served = new Set(successCases.map((c) => c.spec));
    const unserved = Object.entries(doc.paths)
      .filter(([p, ops]) => p.startsWith("/2/") && "get" in ops && !served.has(p) && !p.startsWith("/2/oauth2"))
      .map(([p]) => p.replace(/\{[^}]+\}/g, "1234567890"));
    expect(unserved.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const p of unserved) {
      const { res, json } = await call("GET", p, "app");
      if (res.status === 404 && JSON.stringify(json).includes("Sorry, that page does not exist")) {
        expectValid("#/components/schemas/Error", (json.errors as unknown[])[0], p);
        continue;
      }
      // Endpoints the sandbox does emulate beyond the list above answer 200 or a field-level 400.
      if (res.status === 200) continue;
      wrong.push(`${p} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
