-- The advocate score of one mention (src/server/modules/advocates/advocate-score.ts, mentionScore:
-- reach × tone × engagement), kept by Postgres as each row is written or its followers, sentiment
-- or metrics change. The Advocates leaderboard sums it over a period instead of computing it for
-- every mention of the period on each request (130 of its 180 ms on a brand with 1M mentions).
-- Engagement counts go through numeric and are clamped, as mentionScore clamps them, so no JSON
-- number an API or network sends can make the cast fail the insert.
ALTER TABLE "Mention" ADD COLUMN "advocateScore" DOUBLE PRECISION GENERATED ALWAYS AS (
  (1 + log(1 + greatest("authorFollowers", 0)::float8))
  * ((1 + least(greatest(coalesce("sentimentScore", 0)::float8, -1), 1)) / 2)
  * (1 + log(1
      + CASE WHEN jsonb_typeof("metrics" -> 'likes') = 'number' THEN least(greatest(("metrics" ->> 'likes')::numeric, 0), 1e15)::float8 ELSE 0 END
      + CASE WHEN jsonb_typeof("metrics" -> 'reposts') = 'number' THEN least(greatest(("metrics" ->> 'reposts')::numeric, 0), 1e15)::float8 ELSE 0 END
      + CASE WHEN jsonb_typeof("metrics" -> 'replies') = 'number' THEN least(greatest(("metrics" ->> 'replies')::numeric, 0), 1e15)::float8 ELSE 0 END
      + CASE WHEN jsonb_typeof("metrics" -> 'quotes') = 'number' THEN least(greatest(("metrics" ->> 'quotes')::numeric, 0), 1e15)::float8 ELSE 0 END))
) STORED;

-- The leaderboard's counted mentions of a period (attributed, neither disqualified nor deleted),
-- with what it sums, so the period is one index-only range read. The predicate is written out
-- in the query the same way (a bound array would not prove it). Not in schema.prisma: Prisma's
-- schema has no partial or covering indexes.
CREATE INDEX "Mention_tenantId_postedAt_counted_idx" ON "Mention" ("tenantId", "postedAt")
  INCLUDE ("customerId", "advocateScore", "sentimentLabel")
  WHERE "customerId" IS NOT NULL AND "status" NOT IN ('DISQUALIFIED', 'DELETED');

-- Live customers (not merged away, not erased) by stage: the Advocates funnel and the
-- leaderboard's total count them from this index alone instead of reading every customer row.
CREATE INDEX "Customer_tenantId_lifecycleStage_live_idx" ON "Customer" ("tenantId", "lifecycleStage")
  WHERE "mergedIntoId" IS NULL AND "erasedAt" IS NULL;
