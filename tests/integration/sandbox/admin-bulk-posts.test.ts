/** The admin API takes posts in bulk and idempotently: a retried request (same client_id) creates nothing new. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/sandbox/start-sandbox";
import { admin } from "./sandbox-test-kit";

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, generator: { authorCount: 20 }, initialPosts: 0, startGenerator: false });
  await admin(sandbox.url, "POST", "/__admin/users", { username: "bulk_author" });
});
afterAll(async () => {
  await sandbox.close();
});

async function raw(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const total = async (): Promise<number> => (await admin<{ total: number }>(sandbox.url, "GET", "/__admin/posts?query=bulkword")).total;

describe("POST /__admin/posts with client_id", () => {
  it("returns the same post when the request is retried", async () => {
    const before = await total();
    const first = await raw("/__admin/posts", { author: "bulk_author", text: "bulkword single", client_id: "run-1/post-1" });
    const again = await raw("/__admin/posts", { author: "bulk_author", text: "bulkword single", client_id: "run-1/post-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: first.json.id, replayed: true });
    expect(await total()).toBe(before + 1);
  });

  it("refuses a client_id reused for a different post", async () => {
    await raw("/__admin/posts", { author: "bulk_author", text: "bulkword one", client_id: "run-1/post-2" });
    const clash = await raw("/__admin/posts", { author: "bulk_author", text: "bulkword other", client_id: "run-1/post-2" });
    expect(clash.status).toBe(409);
  });
});

describe("POST /__admin/posts/bulk", () => {
  const batch = Array.from({ length: 1000 }, (_, i) => ({ author: "bulk_author", text: `bulkword batch ${i}`, client_id: `run-2/${i}` }));

  it("creates a thousand posts in one request and a retry creates none", async () => {
    const before = await total();
    const first = await raw("/__admin/posts/bulk", { posts: batch });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ created: 1000, replayed: 0 });
    const retry = await raw("/__admin/posts/bulk", { posts: batch });
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ created: 0, replayed: 1000 });
    expect((retry.json.posts as { id: string }[]).map((p) => p.id)).toEqual((first.json.posts as { id: string }[]).map((p) => p.id));
    expect(await total()).toBe(before + 1000);
  });

  it("creates nothing when one post of the batch is invalid", async () => {
    const before = await total();
    const bad = await raw("/__admin/posts/bulk", {
      posts: [
        { author: "bulk_author", text: "bulkword fine", client_id: "run-3/1" },
        { author: "nobody_at_all", text: "bulkword orphan" },
      ],
    });
    expect(bad.status).toBe(404);
    expect(await total()).toBe(before);
  });
});
