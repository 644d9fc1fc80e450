// The score and positive orders rank only the period's mentioned customers and read the rest by id
// (advocate-leaderboard.ts, rankMentionedFirstSql). This pins that shortcut to the plain ranking of
// every live customer, page by page across the boundary between the two, with the edge cases that
// could tell them apart.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { advocateRankingSql } from "../../../src/server/modules/advocates/advocate-leaderboard";
import { ZAdvocateLeaderboardQuery, type AdvocateMeasure } from "../../../src/server/modules/advocates/advocates.schemas";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { DAY, earn, linkProfile, mention } from "./advocate-fixtures";

describe("the advocate ranking's mentioned-first plan", () => {
  it("returns the same rows, figures and totals as ranking every customer, on every page", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const c = async (name: string) => (await makeCustomer(ctx, { displayName: name })).id;
    const [high, mid, low, zeroScorePromoter, onlyOld, disqualified, , none2, none3, erased] = await Promise.all(
      ["High", "Mid", "Low", "Zero-score promoter", "Only old", "Disqualified", "None 1", "None 2", "None 3", "Erased"].map(c),
    );
    await mention(ctx, high!, { followers: 10_000, sentiment: 0.9, metrics: { likes: 12 } });
    await mention(ctx, high!, { followers: 10_000, sentiment: 0.2 });
    await mention(ctx, mid!, { followers: 400, sentiment: 0.7, label: "PASSIVE" });
    await mention(ctx, low!, { followers: 0, sentiment: 0.1 });
    // A promoter label over a -1 score (an override): score 0 but one positive mention.
    await mention(ctx, zeroScorePromoter!, { followers: 900, sentiment: -1, label: "PROMOTER" });
    await mention(ctx, onlyOld!, { followers: 5_000, sentiment: 1, postedAt: new Date(Date.now() - 40 * DAY) });
    await mention(ctx, disqualified!, { followers: 5_000, sentiment: 1, status: "DISQUALIFIED" });
    await mention(ctx, erased!, { followers: 5_000, sentiment: 1 });
    await deleteCustomer(ctx, erased!);
    await earn(ctx, none2!, 40);
    await linkProfile(ctx, none3!, 777);
    await linkProfile(ctx, mid!, 50);

    const now = new Date();
    const run = async (by: AdvocateMeasure, period: "30d" | "all", page: number, plan: "auto" | "every-customer") =>
      getDb().$queryRaw<Record<string, unknown>[]>(advocateRankingSql(ctx, ZAdvocateLeaderboardQuery.parse({ by, period, page, pageSize: 3 }), now, plan));
    let compared = 0;
    for (const by of ["score", "positive"] as const) {
      for (const period of ["30d", "all"] as const) {
        for (let page = 1; page <= 4; page++) {
          const fast = await run(by, period, page, "auto");
          const plain = await run(by, period, page, "every-customer");
          const shape = (rows: Record<string, unknown>[]) =>
            rows.map((r) => ({ id: r.id, score: r.score, positive: r.positive, points: r.points, reach: r.reach, total: r.total, nps: r.npsClass }));
          expect(shape(fast), `${by} ${period} page ${page}`).toEqual(shape(plain));
          compared += fast.length;
        }
      }
    }
    // 9 live customers (the erased one is not), over 3 full pages and an empty 4th, for 4 rankings.
    expect(compared).toBe(4 * 9);
    const first = await run("score", "30d", 1, "auto");
    expect(first.map((r) => r.displayName)).toEqual(["High", "Mid", "Low"]);
    expect(first[0]!.total).toBe(9);
  });
});
