// The Advocates leaderboard and funnel against real Postgres: each measure ranks as defined, the
// SQL score equals advocate-score.ts's, periods cut by postedAt, pages are stable, brands are apart.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { advocateRankingSql, rankAdvocates } from "../../../src/server/modules/advocates/advocate-leaderboard";
import { ZAdvocateLeaderboardQuery } from "../../../src/server/modules/advocates/advocates.schemas";
import { advocateScore } from "../../../src/server/modules/advocates/advocate-score";
import { lifecycleFunnel } from "../../../src/server/modules/advocates/lifecycle-funnel";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { DAY, earn, linkProfile, mention } from "./advocate-fixtures";

const names = (rows: { displayName: string }[]) => rows.map((r) => r.displayName);

describe("the advocate leaderboard", () => {
  it("ranks by score by default, and the SQL score is advocateScore of the counted mentions in the period", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const owner = { ...ctx, role: "OWNER" as const };
    const big = await makeCustomer(owner, { displayName: "Big reach" });
    const steady = await makeCustomer(owner, { displayName: "Steady" });
    const quiet = await makeCustomer(owner, { displayName: "Quiet" });
    const bigPosts = [{ followers: 50_000, sentiment: 0.8, metrics: { likes: 40, reposts: 3 } }];
    const steadyPosts = [
      { followers: 300, sentiment: 0.6, metrics: { likes: 2 } },
      { followers: 300, sentiment: 0.9, metrics: null },
      { followers: 300, sentiment: -0.4, metrics: { replies: 1 } },
    ];
    for (const p of bigPosts) await mention(ctx, big.id, p);
    for (const p of steadyPosts) await mention(ctx, steady.id, p);
    // Not counted: disqualified, deleted, or older than the period.
    await mention(ctx, quiet.id, { followers: 1e6, sentiment: 1, status: "DISQUALIFIED" });
    await mention(ctx, quiet.id, { followers: 1e6, sentiment: 1, status: "DELETED" });
    await mention(ctx, big.id, { followers: 1e6, sentiment: 1, postedAt: new Date(Date.now() - 31 * DAY) });

    const board = await rankAdvocates(ctx, {});
    expect(board.period).toBe("30d");
    expect(board.by).toBe("score");
    const score = (posts: typeof steadyPosts) =>
      advocateScore(posts.map((p) => ({ authorFollowers: p.followers, sentimentScore: p.sentiment, metrics: p.metrics })));
    expect(board.items.map((r) => [r.displayName, r.score, r.rank])).toEqual([
      ["Big reach", score(bigPosts), 1],
      ["Steady", score(steadyPosts), 2],
      ["Quiet", 0, 3],
    ]);
    expect(board.items.find((r) => r.displayName === "Steady")?.positiveMentions).toBe(3);
    // All time adds the old post of "Big reach".
    const all = await rankAdvocates(ctx, { period: "all" });
    expect(all.items[0]?.score).toBe(score([...bigPosts, { followers: 1e6, sentiment: 1, metrics: null }]));
  });

  it("ranks by reach, points, positive mentions and NPS, ties broken by score then id", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const a = await makeCustomer(ctx, { displayName: "A" });
    const b = await makeCustomer(ctx, { displayName: "B" });
    const c = await makeCustomer(ctx, { displayName: "C" });
    await linkProfile(ctx, a.id, 10);
    await linkProfile(ctx, b.id, 5_000);
    await linkProfile(ctx, b.id, 1_000);
    await earn(ctx, c.id, 300);
    await earn(ctx, a.id, 20);
    await mention(ctx, a.id, { label: "PROMOTER" });
    await mention(ctx, a.id, { label: "PROMOTER" });
    await mention(ctx, c.id, { label: "PROMOTER" });
    await mention(ctx, b.id, { label: "DETRACTOR", sentiment: -0.8 });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: b.id }, data: { npsClass: "PROMOTER" } });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: c.id }, data: { npsClass: "DETRACTOR" } });

    // Points earned are on every row whatever the order (read for the page only unless ranking by them).
    expect((await rankAdvocates(ctx, {})).items.map((r) => [r.displayName, r.points]).sort()).toEqual([
      ["A", 20],
      ["B", 0],
      ["C", 300],
    ]);
    const reach = await rankAdvocates(ctx, { by: "reach" });
    expect(names(reach.items)).toEqual(["B", "A", "C"]);
    expect(reach.items[0]?.reach).toBe(6_000);
    expect(names((await rankAdvocates(ctx, { by: "points" })).items)).toEqual(["C", "A", "B"]);
    expect((await rankAdvocates(ctx, { by: "points" })).items[0]?.points).toBe(300);
    expect(names((await rankAdvocates(ctx, { by: "positive" })).items)).toEqual(["A", "C", "B"]);
    expect(names((await rankAdvocates(ctx, { by: "nps" })).items)).toEqual(["B", "C", "A"]);
  });

  it("pages on a total order: every customer once across pages, even when all tie", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await makeCustomer(ctx, { displayName: `Tie ${i}` })).id);
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await rankAdvocates(ctx, { page, pageSize: 3 });
      expect(result.total).toBe(7);
      seen.push(...result.items.map((r) => r.customerId));
    }
    expect(seen).toEqual([...ids].sort());
    expect((await rankAdvocates(ctx, { page: 5, pageSize: 3 })).total).toBe(7);
  });

  it("pages by score: the scored best first, then every other live customer by id, as ranking everyone does", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const c: Record<string, string> = {};
    for (const name of ["Top", "Second", "ZeroTone", "Plain1", "Plain2", "Gone"]) c[name] = (await makeCustomer(ctx, { displayName: name })).id;
    await mention(ctx, c.Top!, { followers: 9_000, sentiment: 1 });
    await mention(ctx, c.Second!, { followers: 10, sentiment: 0.5 });
    // A counted mention of the worst tone scores 0: ranked among the unscored, by id, with its positive count kept.
    await mention(ctx, c.ZeroTone!, { followers: 1e6, sentiment: -1, label: "PROMOTER" });
    // An erased customer's mentions never put them on the board.
    await mention(ctx, c.Gone!, { followers: 1e6, sentiment: 1 });
    await deleteCustomer(ctx, c.Gone!);

    const rest = [c.ZeroTone!, c.Plain1!, c.Plain2!].sort();
    const expected = [c.Top!, c.Second!, ...rest];
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await rankAdvocates(ctx, { page, pageSize: 2 });
      expect(result.total).toBe(5);
      seen.push(...result.items.map((r) => r.customerId));
      expect(result.items.map((r) => r.rank)).toEqual(result.items.map((_, i) => (page - 1) * 2 + i + 1));
    }
    expect(seen).toEqual(expected);
    const board = await rankAdvocates(ctx, { pageSize: 10 });
    expect(board.items.find((r) => r.customerId === c.ZeroTone)).toMatchObject({ score: 0, positiveMentions: 1 });
    expect(board.items.slice(2).every((r) => r.score === 0)).toBe(true);
    // Deep pages rank every customer instead; both ways give the same rows in the same order.
    for (const page of [1, 2, 3]) {
      const query = ZAdvocateLeaderboardQuery.parse({ page, pageSize: 2 });
      const now = new Date();
      const [shortcut, full] = await Promise.all([
        getDb().$queryRaw(advocateRankingSql(ctx, query, now)),
        getDb().$queryRaw(advocateRankingSql(ctx, query, now, 0)),
      ]);
      expect(shortcut).toEqual(full);
    }
  });

  it("shows one brand's customers only, and leaves erased ones out", async () => {
    const mine = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const kept = await makeCustomer(mine.ctx, { displayName: "Mine" });
    const gone = await makeCustomer(mine.ctx, { displayName: "Erased" });
    await earn(mine.ctx, gone.id, 5);
    await deleteCustomer(mine.ctx, gone.id);
    const theirs = await makeCustomer(other.ctx, { displayName: "Theirs" });
    await mention(other.ctx, theirs.id, { followers: 1e6 });
    const board = await rankAdvocates(mine.ctx, { period: "all" });
    expect(board.items.map((r) => r.customerId)).toEqual([kept.id]);
  });
});

describe("the lifecycle funnel", () => {
  it("counts live customers per stage in funnel order, this brand only", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    await makeCustomer(ctx, { lifecycleStage: "PROSPECT" });
    await makeCustomer(ctx, { lifecycleStage: "PROSPECT" });
    await makeCustomer(ctx, { lifecycleStage: "ADVOCATE" });
    await makeCustomer(ctx);
    await makeCustomer(other.ctx, { lifecycleStage: "LOYAL" });
    expect(await lifecycleFunnel(ctx)).toEqual([
      { stage: "PROSPECT", count: 2 },
      { stage: "CUSTOMER", count: 1 },
      { stage: "LOYAL", count: 0 },
      { stage: "ADVOCATE", count: 1 },
    ]);
  });
});
