/** Expansion linking fields, the mentions timeline's previous_token and quoted operator values, through the real client. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { createTwitterAppClient } from "@/server/social/twitter/twitter-client";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;
let brandId: string;
let fanId: string;
let originalId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, generator: { authorCount: 20 }, initialPosts: 0, startGenerator: false });
  brandId = (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", { username: "fidelity_brand" })).id;
  fanId = (await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", { username: "fidelity_fan" })).id;
  const base = sandbox.clock.now() - 60 * 60_000;
  originalId = (
    await admin<{ id: string }>(sandbox.url, "POST", "/__admin/posts", {
      author: "fidelity_brand",
      text: "zebrafruit launch",
      created_at: new Date(base).toISOString(),
    })
  ).id;
  await admin(sandbox.url, "POST", "/__admin/posts", {
    author: "fidelity_fan",
    text: "@fidelity_brand zebrafruit rocks",
    kind: "reply",
    ref_id: originalId,
    created_at: new Date(base + 60_000).toISOString(),
  });
  for (let i = 0; i < 12; i++) {
    await admin(sandbox.url, "POST", "/__admin/posts", {
      author: "fidelity_fan",
      text: `mention ${i} of @fidelity_brand`,
      created_at: new Date(base + (i + 2) * 60_000).toISOString(),
    });
  }
});
afterAll(async () => {
  await sandbox.close();
});

const app = () => createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });

describe("expansions put the linking field on each tweet", () => {
  it("author_id", async () => {
    const page = await app().v2.search("zebrafruit", { expansions: ["author_id"] });
    expect(page.tweets.length).toBe(2);
    for (const t of page.tweets) expect(t.author_id).toMatch(/^\d+$/);
    expect(page.includes.users.map((u) => u.id).sort()).toEqual([brandId, fanId].sort());
  });

  it("in_reply_to_user_id and referenced_tweets.id", async () => {
    const page = await app().v2.search("zebrafruit rocks", { expansions: ["in_reply_to_user_id", "referenced_tweets.id"] });
    const reply = page.tweets[0]!;
    expect(reply.in_reply_to_user_id).toBe(brandId);
    expect(reply.referenced_tweets).toEqual([{ type: "replied_to", id: originalId }]);
    expect(page.includes.tweets.map((t) => t.id)).toEqual([originalId]);
  });
});

describe("mentions timeline", () => {
  it("returns meta.previous_token, which pages back towards newer mentions", async () => {
    const headers = { authorization: `Bearer ${DEV_BEARER_TOKEN}` };
    const get = async (qs: string) => {
      const res = await fetch(`${sandbox.url}/2/users/${brandId}/mentions?max_results=5${qs}`, { headers });
      expect(res.status).toBe(200);
      return (await res.json()) as { data: { id: string }[]; meta: Record<string, string> };
    };
    const first = await get("");
    expect(first.meta.previous_token).toMatch(/^[0-9a-v]+$/);
    const second = await get(`&pagination_token=${first.meta.next_token}`);
    expect(second.meta.previous_token).toMatch(/^[0-9a-v]+$/);
    const back = await get(`&pagination_token=${second.meta.previous_token}`);
    expect(back.data.map((t) => t.id)).toEqual(first.data.map((t) => t.id));
    expect(back.meta.next_token).toBeDefined();

    const viaClient = await app().v2.userMentionTimeline(brandId, { max_results: 5 });
    expect(viaClient.meta.previous_token).toBe(first.meta.previous_token);
  });
});

describe("quoted operator values", () => {
  it.each(['zebrafruit -place:"new york city"', 'zebrafruit OR entity:"Michael Jordan"'])("accepts %s", async (query) => {
    const page = await app().v2.search(query);
    expect(page.meta.result_count).toBe(2);
  });
});
