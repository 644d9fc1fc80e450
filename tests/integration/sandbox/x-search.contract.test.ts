/**
 * Contract tests: the real twitter-api-v2 client, pointed at the sandbox through our factories,
 * searches, paginates, looks users up and receives X's errors as the library's ApiResponseError.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiRequestError, ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { snowflakeToString } from "@/sandbox/core/snowflake";
import type { SandboxPost } from "@/sandbox/store/store-types";
import { createTwitterAppClient } from "@/server/social/twitter/twitter-client";
import { admin } from "./sandbox-test-kit";

const START = Date.parse("2026-11-20T12:00:00Z");
let sandbox: SandboxHandle;
let client: TwitterApi;

async function rejection(p: Promise<unknown>): Promise<ApiResponseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiResponseError)) throw new Error(`expected ApiResponseError, got ${String(err)}`);
  return err;
}

/** Newest-first ids of live posts satisfying `pred`, computed without the sandbox's matcher. */
function expectedIds(pred: (p: SandboxPost) => boolean): string[] {
  return sandbox.state.posts.posts
    .filter((p) => !p.deleted && pred(p))
    .map((p) => p.id)
    .reverse();
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 1234, clock: { start: START, frozen: true }, generator: { authorCount: 400, deleteRate: 0.02 } });
  sandbox.generator.bulkSeed(3000, 5 * 24 * 3_600_000);
  client = createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});

describe("GET /2/tweets/search/recent through twitter-api-v2", () => {
  it("pages to the end with fetchLast, newest first, with authors in includes", async () => {
    const paginator = await client.v2.search("@BrandX -is:retweet", {
      max_results: 100,
      "tweet.fields": ["created_at", "author_id", "public_metrics", "entities"],
      expansions: ["author_id"],
      "user.fields": ["public_metrics"],
    });
    await paginator.fetchLast(1_000_000);
    const expected = expectedIds((p) => p.kind !== "retweet" && /@brandx(?![a-z0-9_])/i.test(p.text));
    expect(expected.length).toBeGreaterThan(300);
    expect(paginator.tweets.map((t) => t.id)).toEqual(expected);
    expect(paginator.done).toBe(true);
    expect(paginator.meta.result_count).toBe(expected.length);
    const first = paginator.tweets[0]!;
    expect(first.created_at).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(first.entities?.mentions?.some((m) => m.username === "BrandX")).toBe(true);
    const author = paginator.includes.author(first);
    expect(author?.id).toBe(first.author_id);
    expect(author?.public_metrics?.followers_count).toBe(sandbox.state.users.get(first.author_id!)!.followersCount);
  });

  it("iterates with for-await and returns the same set", async () => {
    const ids: string[] = [];
    for await (const t of await client.v2.search("#BrandX", { max_results: 50 })) ids.push(t.id);
    expect(ids).toEqual(expectedIds((p) => /#brandx(?![a-z0-9_])/i.test(p.text)));
  });

  it("gives the same next_token for the same request", async () => {
    const a = await client.v2.search("brandx", { max_results: 10 });
    const b = await client.v2.search("brandx", { max_results: 10 });
    expect(a.meta.next_token).toBeDefined();
    expect(a.meta.next_token).toBe(b.meta.next_token);
  });

  it("applies OR, grouping, negation, from: and lang:", async () => {
    const author = sandbox.state.posts.posts.find((p) => p.kind === "original" && !p.deleted)!.author;
    const fromIds = (await (await client.v2.search(`from:${author.username}`, { max_results: 100 })).fetchLast()).tweets.map((t) => t.id);
    expect(fromIds).toEqual(expectedIds((p) => p.author === author));

    const q = "(@BrandX OR #BrandX) lang:es -is:reply";
    const ids = (await (await client.v2.search(q, { max_results: 100 })).fetchLast()).tweets.map((t) => t.id);
    const want = expectedIds((p) => p.lang === "es" && p.kind !== "reply" && /[@#]brandx(?![a-z0-9_])/i.test(p.text));
    expect(want.length).toBeGreaterThan(5);
    expect(ids).toEqual(want);
  });

  it("returns meta.result_count 0 and no data for no matches", async () => {
    const page = await client.v2.search("zzzznothingmatches", {});
    expect(page.meta.result_count).toBe(0);
    expect(page.tweets).toEqual([]);
    expect(page.data.data).toBeUndefined();
  });

  it("polls with since_id: only posts newer than the previous newest_id come back", async () => {
    const first = await client.v2.search("brandx", { max_results: 10 });
    const newest = first.meta.newest_id;
    await admin(sandbox.url, "POST", "/__admin/users", { username: "poller_test" });
    const created = await admin<{ id: string }>(sandbox.url, "POST", "/__admin/posts", { author: "poller_test", text: "Fresh BrandX news" });
    const next = await client.v2.search("brandx", { since_id: newest, max_results: 10 });
    expect(next.tweets.map((t) => t.id)).toEqual([created.id]);
  });
});

describe("errors as X sends them", () => {
  it("400 for max_results out of range", async () => {
    const err = await rejection(client.v2.search("brandx", { max_results: 5 }));
    expect(err.code).toBe(400);
    expect(err.data).toMatchObject({
      title: "Invalid Request",
      type: "https://api.x.com/2/problems/invalid-request",
      errors: [{ parameters: { max_results: ["5"] }, message: "The `max_results` query parameter value [5] is not between 10 and 100" }],
    });
  });

  it("400 for a malformed query", async () => {
    const err = await rejection(client.v2.search("(brandx OR coffee", {}));
    expect(err.code).toBe(400);
    expect(err.data.errors?.[0]).toMatchObject({ message: "There were errors processing your request: Missing closing parenthesis (at position 1)" });
  });

  it("400 for a since_id older than 7 days, naming the smallest acceptable id", async () => {
    const stale = snowflakeToString(START - 8 * 86_400_000, 0);
    const err = await rejection(client.v2.search("brandx", { since_id: stale }));
    expect(err.code).toBe(400);
    const floor = START - 7 * 86_400_000;
    expect(err.data.errors?.[0]).toMatchObject({
      parameters: { since_id: [stale] },
      message: `'since_id' must be a tweet id created after ${new Date(floor).toISOString().slice(0, 16)}Z. Please use a 'since_id' that is larger than ${snowflakeToString(floor, 0)}`,
    });
  });

  it("400 for unknown fields and parameters", async () => {
    // A field the client's types refuse, on purpose (the rule misreads `as never` as a no-op).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const err = await rejection(client.v2.search("brandx", { "tweet.fields": ["bogus" as never] }));
    expect((err.data.errors?.[0] as { message?: string } | undefined)?.message).toMatch(
      /^The `tweet.fields` query parameter value \[bogus\] is not one of \[article,attachments,/,
    );
    const err2 = await rejection(client.v2.get("tweets/search/recent", { query: "brandx", q: "x" }));
    expect((err2.data.errors?.[0] as { message?: string } | undefined)?.message).toMatch(/^\[q\] is not one of \[query,/);
  });

  it("401 for a bad bearer token, with rate-limit headers", async () => {
    const err = await rejection(createTwitterAppClient("not-a-real-token", { baseUrl: sandbox.url }).v2.search("brandx"));
    expect(err.code).toBe(401);
    expect(err.isAuthError).toBe(true);
    expect(err.data).toEqual({ title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" });
    expect(err.rateLimit?.limit).toBe(450);
  });

  it("429 with rateLimit.reset once the per-endpoint budget is spent", async () => {
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/users/by/username/:username": { app: 2 } } });
    const ok = await client.v2.get("users/by/username/BrandX", {}, { fullResponse: true });
    expect(ok.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
    await client.v2.userByUsername("BrandX");
    const err = await rejection(client.v2.userByUsername("BrandX"));
    expect(err.code).toBe(429);
    expect(err.rateLimitError).toBe(true);
    expect(err.data).toEqual({ title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 });
    expect(err.rateLimit).toEqual({ limit: 2, remaining: 0, reset: Math.ceil((START + 15 * 60_000) / 1000) });
    // Another endpoint has its own bucket.
    await expect(client.v2.search("brandx")).resolves.toBeDefined();
    // The window ends on the sandbox clock.
    await admin(sandbox.url, "POST", "/__admin/clock/advance", { minutes: 15 });
    await expect(client.v2.userByUsername("BrandX")).resolves.toMatchObject({ data: { username: "BrandX" } });
    await admin(sandbox.url, "POST", "/__admin/clock", { now: START, frozen: true });
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/users/by/username/:username": { app: 300 } } });
  });

  it("injected faults: a 429 storm, a 503, a slow response and a dropped connection", async () => {
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 2, path_prefix: "/2/tweets/search" });
    expect((await rejection(client.v2.search("brandx"))).code).toBe(429);
    expect((await rejection(client.v2.search("brandx"))).rateLimit?.remaining).toBe(0);
    await expect(client.v2.search("brandx")).resolves.toBeDefined();

    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", status: 503 });
    const e503 = await rejection(client.v2.userByUsername("BrandX"));
    expect(e503.code).toBe(503);

    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "slow", delay_ms: 300 });
    const t0 = performance.now();
    await client.v2.userByUsername("BrandX");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);

    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "drop" });
    const dropped = await client.v2.userByUsername("BrandX").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dropped).toBeInstanceOf(ApiRequestError);

    const log = await admin<{ data: { fault?: string }[] }>(sandbox.url, "GET", "/__admin/requests?limit=20&path_prefix=/2/");
    expect(log.data.map((r) => r.fault).filter(Boolean)).toEqual(expect.arrayContaining(["rate_limit", "server_error", "slow", "drop"]));
  });
});

describe("users, mentions and lookups", () => {
  it("looks users up by username and ids, with not-found errors", async () => {
    const brand = await client.v2.userByUsername("BrandX", { "user.fields": ["public_metrics", "created_at", "verified"] });
    expect(brand.data).toMatchObject({ username: "BrandX", verified: true, public_metrics: { followers_count: 583_423 } });
    const many = await client.v2.users([brand.data.id, "1"], { "user.fields": ["public_metrics"] });
    expect(many.data.map((u) => u.id)).toEqual([brand.data.id]);
    expect(many.errors?.[0]).toMatchObject({ resource_id: "1", type: "https://api.x.com/2/problems/resource-not-found" });
    const missing = await rejection(client.v2.userByUsername("nobody_here"));
    expect(missing.code).toBe(404);
  });

  it("pages the mention timeline with pagination_token", async () => {
    const brand = sandbox.state.users.byUsername("BrandX")!;
    const timeline = await client.v2.userMentionTimeline(brand.id, { max_results: 100 });
    await timeline.fetchLast(10_000);
    const expected = expectedIds((p) => /@brandx(?![a-z0-9_])/i.test(p.text)).slice(0, 800);
    expect(timeline.tweets.map((t) => t.id)).toEqual(expected);
  });

  it("omits deleted posts from GET /2/tweets and reports them as not found", async () => {
    const [a, b] = sandbox.state.posts.posts.filter((p) => !p.deleted).slice(-2);
    await admin(sandbox.url, "DELETE", `/__admin/posts/${b!.id}`);
    const res = await client.v2.tweets([a!.id, b!.id]);
    expect(res.data.map((t) => t.id)).toEqual([a!.id]);
    expect(res.errors?.[0]).toMatchObject({ resource_id: b!.id, resource_type: "tweet", title: "Not Found Error" });
    const events = await admin<{ data: { tweet_id: string }[] }>(sandbox.url, "GET", "/__admin/compliance/events");
    expect(events.data.map((e) => e.tweet_id)).toContain(b!.id);
  });
});
