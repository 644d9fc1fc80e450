/** Advocacy endpoints through the real twitter-api-v2 client: a user's posts, quotes, retweeters, likers and recent counts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { createTwitterAppClient, createTwitterUserClient } from "@/server/social/twitter/twitter-client";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;
let app: TwitterApi;
let brandId: string;
let launchId: string;
const fans = ["fan_ann", "fan_bob", "fan_cy"];

async function post(author: string, text: string, minutesAgo: number, extra: Record<string, unknown> = {}): Promise<string> {
  const created_at = new Date(sandbox.clock.now() - minutesAgo * 60_000).toISOString();
  return (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/posts", { author, text, created_at, ...extra })).id;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    generator: { authorCount: 20 },
    initialPosts: 0,
    startGenerator: false,
    clock: { start: "2026-11-20T12:00:00.250Z", frozen: true },
  });
  app = createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });
  brandId = (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", { username: "advocacy_brand" })).id;
  for (const f of fans) await admin(sandbox.url, "POST", "/__admin/users", { username: f });
  launchId = await post("advocacy_brand", "Our launch is today", 300);
  for (let i = 0; i < 7; i++) await post("advocacy_brand", `brand update ${i}`, 200 - i);
  await post("advocacy_brand", "@fan_ann thanks!", 150, { kind: "reply", ref_id: launchId });
  await post("fan_ann", "Loving this launch", 120, { kind: "quote", ref_id: launchId });
  await post("fan_bob", "So good", 110, { kind: "quote", ref_id: launchId });
  await post("fan_bob", "RT @advocacy_brand: Our launch is today", 100, { kind: "retweet", ref_id: launchId });
  await post("fan_cy", "RT @advocacy_brand: Our launch is today", 90, { kind: "retweet", ref_id: launchId });
  await admin(sandbox.url, "POST", `/__admin/posts/${launchId}/likes`, { users: ["fan_ann", "fan_cy"] });
});
afterAll(async () => {
  await sandbox.close();
});

async function code(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof ApiResponseError) return err.code;
    throw err;
  }
}

describe("GET /2/users/:id/tweets", () => {
  it("pages the user's posts newest first, and honours exclude", async () => {
    const first = await app.v2.userTimeline(brandId, { max_results: 5, "tweet.fields": ["created_at"] });
    expect(first.tweets).toHaveLength(5);
    expect(first.meta.previous_token).toBeDefined();
    await first.fetchNext();
    expect(first.tweets).toHaveLength(9);
    expect(first.tweets[8]!.id).toBe(launchId);
    const noReplies = await app.v2.userTimeline(brandId, { max_results: 100, exclude: ["replies"] });
    expect(noReplies.tweets.map((t) => t.text)).not.toContain("@fan_ann thanks!");
    expect(noReplies.tweets).toHaveLength(8);
  });
});

describe("GET /2/tweets/:id/quote_tweets", () => {
  it("lists the quotes of a post with their authors", async () => {
    const quotes = await app.v2.quotes(launchId, { expansions: ["author_id"], "user.fields": ["username"] });
    expect(quotes.tweets.map((t) => t.text)).toEqual(["So good", "Loving this launch"]);
    expect(quotes.includes.users.map((u) => u.username).sort()).toEqual(["fan_ann", "fan_bob"]);
  });
});

describe("GET /2/tweets/:id/retweeted_by", () => {
  it("lists who retweeted, newest first, and pages with max_results", async () => {
    const all = await app.v2.tweetRetweetedBy(launchId);
    expect(all.data.map((u) => u.username)).toEqual(["fan_cy", "fan_bob"]);
    const page = await app.v2.tweetRetweetedBy(launchId, { max_results: 1 });
    expect(page.meta.result_count).toBe(1);
    expect(page.meta.next_token).toBeDefined();
    const rest = await app.v2.tweetRetweetedBy(launchId, { max_results: 1, pagination_token: page.meta.next_token });
    expect(rest.data.map((u) => u.username)).toEqual(["fan_bob"]);
  });
});

describe("GET /2/tweets/:id/liking_users", () => {
  it("lists likers for a user token with like.read, and refuses app bearers and missing scopes", async () => {
    const token = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", {
      username: "fan_bob",
      scopes: ["tweet.read", "users.read", "like.read"],
    });
    const user = createTwitterUserClient(token.access_token, { baseUrl: sandbox.url });
    const likers = await user.v2.tweetLikedBy(launchId);
    expect(likers.data.map((u) => u.username)).toEqual(["fan_cy", "fan_ann"]);
    expect(await code(app.v2.tweetLikedBy(launchId))).toBe(403);
    const noLike = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "fan_bob", scopes: ["tweet.read", "users.read"] });
    expect(await code(createTwitterUserClient(noLike.access_token, { baseUrl: sandbox.url }).v2.tweetLikedBy(launchId))).toBe(403);
  });
});

describe("GET /2/tweets/counts/recent", () => {
  it("counts matches per hour for an app bearer and refuses user tokens", async () => {
    const counts = await app.v2.tweetCountRecent("launch", { granularity: "hour" });
    expect(counts.meta.total_tweet_count).toBe(4); // the launch, one quote and two retweets
    expect(counts.data.reduce((n, b) => n + b.tweet_count, 0)).toBe(4);
    expect(counts.data.length).toBeGreaterThanOrEqual(168);
    expect(counts.data[0]!.start).toMatch(/:\d{2}\.000Z$/); // whole seconds, as X reports bucket edges
    const daily = await app.v2.tweetCountRecent("launch", { granularity: "day" });
    expect(daily.data.length).toBeLessThanOrEqual(8);
    const token = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "fan_bob" });
    expect(await code(createTwitterUserClient(token.access_token, { baseUrl: sandbox.url }).v2.tweetCountRecent("launch"))).toBe(403);
  });
});
