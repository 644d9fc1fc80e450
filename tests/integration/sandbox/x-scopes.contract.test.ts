/** OAuth 2.0 scopes checked as strictly as X's `security` per operation (OpenAPI 2.166), through the real client. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { createTwitterAppClient, createTwitterUserClient } from "@/server/social/twitter/twitter-client";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;
let ownerId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, generator: { authorCount: 20 }, initialPosts: 0, startGenerator: false });
  ownerId = (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", { username: "scope_sam" })).id;
  await admin(sandbox.url, "POST", "/__admin/posts", { author: "scope_sam", text: "hello scopes" });
});
afterAll(async () => {
  await sandbox.close();
});

async function userClient(scopes: string[]): Promise<TwitterApi> {
  const t = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "scope_sam", scopes });
  return createTwitterUserClient(t.access_token, { baseUrl: sandbox.url });
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof ApiResponseError) return err.code;
    throw err;
  }
}

const reads: { name: string; call: (c: TwitterApi) => Promise<unknown> }[] = [
  { name: "search recent", call: (c) => c.v2.search("hello") },
  { name: "tweet lookup", call: (c) => c.v2.tweets(["1"]) },
  { name: "user lookup", call: (c) => c.v2.user(ownerId) },
  { name: "users by usernames", call: (c) => c.v2.usersByUsernames(["scope_sam"]) },
  { name: "users/me", call: (c) => c.v2.me() },
  { name: "mentions timeline", call: (c) => c.v2.userMentionTimeline(ownerId) },
];

describe("read scopes", () => {
  it.each(reads)("$name needs tweet.read and users.read", async ({ call }) => {
    expect(await status(call(await userClient(["users.read"])))).toBe(403);
    expect(await status(call(await userClient(["tweet.read"])))).toBe(403);
    expect(await status(call(await userClient(["tweet.read", "users.read"])))).toBe(200);
  });

  it("keeps app-only bearers working where X allows them", async () => {
    const app = createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });
    for (const r of reads.filter((x) => x.name !== "users/me")) expect(await status(r.call(app))).toBe(200);
  });
});

describe("write scopes", () => {
  it("creating a post needs tweet.read, tweet.write and users.read", async () => {
    expect(await status((await userClient(["tweet.write"])).v2.tweet("only write"))).toBe(403);
    expect(await status((await userClient(["tweet.write", "users.read"])).v2.tweet("no read"))).toBe(403);
    expect(await status((await userClient(["tweet.read", "tweet.write", "users.read"])).v2.tweet("all three"))).toBe(200);
  });

  it("deleting a post needs tweet.read, tweet.write and users.read", async () => {
    const full = await userClient(["tweet.read", "tweet.write", "users.read"]);
    const post = await full.v2.tweet("to be deleted");
    expect(await status((await userClient(["tweet.write"])).v2.deleteTweet(post.data.id))).toBe(403);
    expect(await status(full.v2.deleteTweet(post.data.id))).toBe(200);
  });
});
