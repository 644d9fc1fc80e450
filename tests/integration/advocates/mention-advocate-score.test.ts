// The stored per-mention advocate score (Mention."advocateScore", a generated column) against
// mentionScore(), the definition: the leaderboard sums the column, so they must agree for every
// input ingest or an API can store, hostile metrics included, and follow later changes.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { mentionScore, type ScoredMention } from "../../../src/server/modules/advocates/advocate-score";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { mention } from "./advocate-fixtures";

async function storedScores(tenantId: string): Promise<{ externalId: string; followers: number; sentiment: number | null; metrics: unknown; score: number }[]> {
  return getDb().$queryRaw`
    SELECT "externalId", "authorFollowers" AS followers, "sentimentScore" AS sentiment, metrics, "advocateScore" AS score
    FROM "Mention" WHERE "tenantId" = ${tenantId} ORDER BY "externalId"`;
}

const expected = (row: { followers: number; sentiment: number | null; metrics: unknown }) =>
  mentionScore({ authorFollowers: row.followers, sentimentScore: row.sentiment, metrics: row.metrics } satisfies ScoredMention);

describe("the stored advocate score of a mention", () => {
  it("equals mentionScore for ordinary, missing and hostile figures", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx, { displayName: "Scored" });
    const specs = [
      { followers: 0, sentiment: 0, metrics: null },
      { followers: 999, sentiment: 1, metrics: { likes: 5, reposts: 2, replies: 1, quotes: 1 } },
      { followers: 1_000_000, sentiment: -1, metrics: { likes: 10 } },
      { followers: 50, sentiment: null, metrics: {} },
      { followers: -5, sentiment: 7, metrics: { likes: -10, reposts: "99", replies: true, quotes: [1], views: 1e9 } },
      { followers: 12, sentiment: 0.3, metrics: { likes: 2.5, reposts: 1e20 } },
    ];
    for (const spec of specs) await mention(ctx, customer.id, spec);
    // A JSON number far beyond any float must not fail the insert (ingest would lose the post).
    await getDb().$executeRaw`
      UPDATE "Mention" SET metrics = '{"likes": 1e400}'::jsonb
      WHERE id = (SELECT id FROM "Mention" WHERE "tenantId" = ${ctx.tenantId} ORDER BY "externalId" LIMIT 1)`;

    const rows = await storedScores(ctx.tenantId);
    expect(rows).toHaveLength(specs.length);
    for (const row of rows) {
      const metrics = row.metrics as Record<string, unknown> | null;
      // JSON.parse reads 1e400 as Infinity, which mentionScore ignores; Postgres clamps it to the cap.
      const want = metrics && metrics.likes === Infinity ? expected({ ...row, metrics: { likes: 1e15 } }) : expected(row);
      expect(row.score).toBeCloseTo(want, 9);
    }
  });

  it("follows the mention when its followers, sentiment or metrics change", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx, { displayName: "Changing" });
    await mention(ctx, customer.id, { followers: 10, sentiment: 0.2, metrics: { likes: 1 } });
    await getDb().$executeRaw`
      UPDATE "Mention" SET "authorFollowers" = 5000, "sentimentScore" = 0.9, metrics = '{"likes": 300, "quotes": 4}'::jsonb
      WHERE "tenantId" = ${ctx.tenantId}`;
    const [row] = await storedScores(ctx.tenantId);
    expect(row?.score).toBeCloseTo(mentionScore({ authorFollowers: 5000, sentimentScore: 0.9, metrics: { likes: 300, quotes: 4 } }), 9);
  });
});
