import { describe, expect, it } from "vitest";
import { PostStore } from "@/sandbox/store/post-store";
import { UserStore } from "@/sandbox/store/user-store";
import { SearchEngine } from "@/sandbox/twitter/search-engine";

function setup(n: number) {
  const users = new UserStore();
  const u = users.add({ id: "1", username: "u", createdAt: 0 });
  const store = new PostStore();
  const t = Date.UTC(2026, 10, 20);
  for (let i = 0; i < n; i++) store.add({ ms: t + i * 1000, author: u, text: i % 3 === 0 ? `brandx post ${i}` : `other ${i}` });
  return { store, engine: new SearchEngine(store), u, t };
}
const ALL = { lo: { ms: 0, seq: 0 }, hi: { ms: Number.MAX_SAFE_INTEGER, seq: 0 } };

describe("SearchEngine", () => {
  it("pages newest first and walks the whole result set without gaps or repeats", () => {
    const { store, engine } = setup(100);
    const seen: string[] = [];
    let hi = ALL.hi;
    for (;;) {
      const page = engine.page("brandx", { lo: ALL.lo, hi }, 10);
      seen.push(...page.posts.map((p) => p.text));
      const last = page.posts[page.posts.length - 1];
      if (!page.hasMore || !last) break;
      hi = { ms: last.ms, seq: last.seq };
    }
    const expected = store.posts
      .filter((p) => p.text.startsWith("brandx"))
      .map((p) => p.text)
      .reverse();
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(34);
  });

  it("sees posts appended after the first scan and skips deleted ones", () => {
    const { store, engine, u, t } = setup(30);
    expect(engine.count("brandx")).toBe(10);
    const fresh = store.add({ ms: t + 1_000_000, author: u, text: "brandx fresh" });
    store.markDeleted(store.posts[0]!, t);
    const page = engine.page("brandx", ALL, 100);
    expect(page.posts[0]!.id).toBe(fresh.id);
    expect(page.posts.map((p) => p.text)).not.toContain("brandx post 0");
    expect(page.posts).toHaveLength(10);
  });

  it("rebuilds its cache when posts are inserted out of order", () => {
    const { store, engine, u, t } = setup(30);
    engine.page("brandx", ALL, 100);
    store.add({ ms: t - 5000, author: u, text: "brandx backdated" });
    const page = engine.page("brandx", ALL, 100);
    expect(page.posts[page.posts.length - 1]!.text).toBe("brandx backdated");
    expect(page.posts).toHaveLength(11);
  });

  it("limits the mentions timeline to the N newest live matches", () => {
    const { engine } = setup(100);
    const page = engine.page("brandx", ALL, 100, 5);
    expect(page.posts.map((p) => p.text)).toEqual(["brandx post 99", "brandx post 96", "brandx post 93", "brandx post 90", "brandx post 87"]);
    expect(page.hasMore).toBe(false);
  });
});
