import { describe, expect, it } from "vitest";
import { SandboxClock } from "@/sandbox/core/clock";
import { Prng } from "@/sandbox/core/prng";
import { TrafficGenerator } from "@/sandbox/generator/traffic-generator";
import { PostStore } from "@/sandbox/store/post-store";
import { UserStore } from "@/sandbox/store/user-store";

function makeGenerator(seed: number, config: ConstructorParameters<typeof TrafficGenerator>[2] = {}) {
  const clock = new SandboxClock({ start: "2026-11-20T12:00:00Z", frozen: true });
  const host = { clock, users: new UserStore(), posts: new PostStore() };
  return { gen: new TrafficGenerator(host, seed, config), host, clock };
}

describe("TrafficGenerator", () => {
  it("gives authors a heavy-tailed follower distribution", () => {
    const { gen } = makeGenerator(7, { authorCount: 20_000 });
    const followers = gen.authors.map((a) => a.followersCount).sort((a, b) => b - a);
    const total = followers.reduce((s, f) => s + f, 0);
    const top1 = followers.slice(0, followers.length / 100).reduce((s, f) => s + f, 0);
    const median = followers[followers.length / 2]!;
    const mean = total / followers.length;
    // A few huge accounts, many small ones.
    expect(top1 / total).toBeGreaterThan(0.3);
    expect(median).toBeLessThan(mean / 3);
    expect(followers[0]).toBeGreaterThan(100 * median);
  });

  it("produces the configured sentiment mix within tolerance", () => {
    const mix = { positive: 0.6, neutral: 0.1, negative: 0.3 };
    const { gen, host } = makeGenerator(11, { sentimentMix: mix, authorCount: 500 });
    gen.bulkSeed(30_000, 24 * 3_600_000);
    const counts = { positive: 0, neutral: 0, negative: 0 };
    for (const p of host.posts.posts) if (p.sentiment) counts[p.sentiment]++;
    const n = counts.positive + counts.neutral + counts.negative;
    expect(n).toBe(30_000);
    for (const k of ["positive", "neutral", "negative"] as const) expect(Math.abs(counts[k] / n - mix[k])).toBeLessThan(0.02);
  });

  it("mixes retweets, replies, links, linked customers and deletions", () => {
    const { gen, host } = makeGenerator(3, { linkedUsers: ["loyal_lucy"], linkedShare: 0.2, deleteRate: 0.05, authorCount: 300 });
    gen.bulkSeed(5000, 3_600_000);
    const posts = host.posts.posts;
    const rts = posts.filter((p) => p.kind === "retweet");
    expect(rts.length / posts.length).toBeGreaterThan(0.05);
    expect(rts.every((p) => /^RT @\w+: /.test(p.text) && p.refId !== undefined)).toBe(true);
    expect(posts.some((p) => p.kind === "reply" && p.text.startsWith("@"))).toBe(true);
    expect(posts.some((p) => p.text.includes("https://t.co/"))).toBe(true);
    const lucy = posts.filter((p) => p.author.username === "loyal_lucy").length / posts.length;
    expect(lucy).toBeGreaterThan(0.15);
    expect(lucy).toBeLessThan(0.25);
    expect(gen.stats.deletions).toBeGreaterThan(100);
    expect(posts.filter((p) => p.deleted)).toHaveLength(gen.stats.deletions);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const texts = (seed: number) => {
      const { gen, host } = makeGenerator(seed, { authorCount: 200 });
      gen.burst(200);
      return host.posts.posts.map((p) => `${p.author.username}|${p.text}|${p.id}`);
    };
    expect(texts(42)).toEqual(texts(42));
    expect(texts(42)).not.toEqual(texts(43));
  });

  it("generates at the configured rate on the sandbox clock", () => {
    const { gen, host, clock } = makeGenerator(5, { postsPerMinute: 120, authorCount: 100 });
    clock.advance(30_000);
    expect(gen.tick().posts).toBe(60);
    clock.advance(250);
    gen.tick();
    clock.advance(250);
    gen.tick();
    expect(host.posts.size).toBe(61);
  });

  it("creates check-ins at the configured venues at the configured rate", () => {
    const clock = new SandboxClock({ start: "2026-11-20T12:00:00Z", frozen: true });
    const visits: string[] = [];
    const host = {
      clock,
      users: new UserStore(),
      posts: new PostStore(),
      generateCheckin: (prng: Prng, venues: { name: string }[]) => void visits.push(prng.pick(venues).name),
    };
    const venues = [{ name: "Brand X Soho" }, { name: "Brand X Mission" }];
    const gen = new TrafficGenerator(host, 1, { postsPerMinute: 0, checkinsPerMinute: 6, venues, authorCount: 10 });
    clock.advance(10 * 60_000);
    expect(gen.tick()).toEqual({ posts: 0, checkins: 60 });
    expect(new Set(visits)).toEqual(new Set(["Brand X Soho", "Brand X Mission"]));
    expect(gen.stats.checkins).toBe(60);
  });

  it("bulk-seeds posts every one of which mentions the brand", () => {
    const { gen, host } = makeGenerator(9, { authorCount: 100, retweetShare: 0, replyShare: 0, quoteShare: 0 });
    gen.bulkSeed(2000, 3_600_000);
    expect(host.posts.posts.every((p) => /brandx/i.test(p.text))).toBe(true);
  });
});

describe("Prng", () => {
  it("repeats its sequence for a seed", () => {
    const a = new Prng(1);
    const b = new Prng(1);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(Array.from({ length: 5 }, () => b.nextUint32()));
  });
});
