import type { TenantContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { sentimentLabel } from "../scoring/sentiment";

/**
 * Customers labelled promoter / passive / detractor from what they said lately.
 *
 * A customer's sentiment score is the mean sentiment of their mentions posted in the last
 * SENTIMENT_WINDOW_DAYS days, leaving out DISQUALIFIED and DELETED ones, rounded to 4 decimals;
 * the label is `sentimentLabel(score)` (the same thresholds as a single mention). Without such a
 * mention both are null.
 *
 * The ingest path writes nothing for this: a scheduled job per tenant recomputes, in batches,
 * only the customers whose mentions changed since its last run (a watermark on
 * Mention."updatedAt", kept in SentimentRollupState) or whose mentions left the window since
 * then, and writes only the rows whose score or label moved.
 */

export const SENTIMENT_WINDOW_DAYS = 90;
/**
 * Changes are looked for from the last watermark minus this overlap: a transaction that stamped
 * "updatedAt" just before the watermark but committed after the run read, and small clock
 * differences between app servers and the database, fall inside it. Customers seen twice are
 * recomputed twice, which changes nothing.
 */
export const SENTIMENT_ROLLUP_OVERLAP_MS = 5 * 60_000;
export const SENTIMENT_ROLLUP_BATCH = 1_000;

const DAY_MS = 24 * 3_600_000;

export interface SentimentRollupResult {
  /** No watermark yet: every customer with a mention in the window (or a label) was examined. */
  firstRun: boolean;
  /** Customers recomputed. */
  examined: number;
  /** Of those, the ones whose score or label changed (the rows written). */
  updated: number;
}

/** Postgres timestamp(3) columns hold UTC: pass instants as ISO strings cast to timestamp. */
const ts = (at: Date) => Prisma.sql`${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * Customers whose score may have moved since `since`, in two index-shaped branches:
 *  - a mention of theirs inside the window changed (inserted, attributed, disqualified,
 *    deleted…): "updatedAt" > since. Mention has no index on "updatedAt", so this branch reads
 *    the tenant's window by (tenantId, postedAt); an index on (tenantId, "updatedAt") would make
 *    it proportional to the changes, with no change here.
 *  - a mention of theirs left the window since the last run: postedAt between the previous
 *    run's window start and this run's, a narrow range of (tenantId, postedAt).
 */
function changedCustomersSql(tenantId: string, since: Date, windowStart: Date): Prisma.Sql {
  const previousWindowStart = new Date(since.getTime() - SENTIMENT_WINDOW_DAYS * DAY_MS);
  return Prisma.sql`
    SELECT m."customerId" AS id FROM "Mention" m
    WHERE m."tenantId" = ${tenantId} AND m."updatedAt" > ${ts(since)} AND m."postedAt" >= ${ts(previousWindowStart)}
      AND m."customerId" IS NOT NULL
    UNION
    SELECT m."customerId" FROM "Mention" m
    WHERE m."tenantId" = ${tenantId} AND m."postedAt" >= ${ts(previousWindowStart)} AND m."postedAt" < ${ts(windowStart)}
      AND m."customerId" IS NOT NULL`;
}

/** First run: everyone with a mention in the window, and everyone labelled (to clear stale labels). */
function allCandidatesSql(tenantId: string, windowStart: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT m."customerId" AS id FROM "Mention" m
    WHERE m."tenantId" = ${tenantId} AND m."customerId" IS NOT NULL AND m."postedAt" >= ${ts(windowStart)}
    UNION
    SELECT c.id FROM "Customer" c WHERE c."tenantId" = ${tenantId} AND c."sentimentLabel" IS NOT NULL`;
}

/** The mean of one batch of live customers, through Mention(tenantId, customerId, postedAt). */
function batchScoresSql(tenantId: string, ids: string[], windowStart: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, round(avg(m."sentimentScore")::numeric, 4)::float8 AS score
    FROM "Customer" c
    LEFT JOIN "Mention" m ON m."tenantId" = ${tenantId} AND m."customerId" = c.id AND m."postedAt" >= ${ts(windowStart)}
      AND m.status NOT IN ('DISQUALIFIED', 'DELETED') AND m."sentimentScore" IS NOT NULL
    WHERE c."tenantId" = ${tenantId} AND c.id = ANY(${ids}::text[]) AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
    GROUP BY c.id`;
}

/** Writes the batch's new values in one statement, only where they differ ("updatedAt" is the staff's edits, left alone). */
function writeScoresSql(tenantId: string, rows: { id: string; score: number | null; label: string | null }[]): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Customer" c SET "sentimentScore" = u.score, "sentimentLabel" = u.label::"SentimentLabel"
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.score)}::float8[], ${rows.map((r) => r.label)}::text[]) AS u(id, score, label)
    WHERE c."tenantId" = ${tenantId} AND c.id = u.id
      AND (c."sentimentScore" IS DISTINCT FROM u.score OR c."sentimentLabel"::text IS DISTINCT FROM u.label)`;
}

/**
 * One tenant's rollup run. Safe to repeat and to run twice at once (both compute the same
 * values; the watermark only moves forward). A run that fails part-way keeps the old watermark,
 * so the next run looks at the same changes again.
 */
export async function rollUpCustomerSentiment(
  ctx: TenantContext,
  now = new Date(),
  { batchSize = SENTIMENT_ROLLUP_BATCH }: { batchSize?: number } = {},
): Promise<SentimentRollupResult> {
  const db = getDb();
  const state = await db.$queryRaw<{ watermark: Date }[]>`
    SELECT watermark FROM "SentimentRollupState" WHERE "tenantId" = ${ctx.tenantId}`;
  const windowStart = new Date(now.getTime() - SENTIMENT_WINDOW_DAYS * DAY_MS);
  const previous = state[0]?.watermark;
  const candidates = await db.$queryRaw<{ id: string }[]>(
    previous
      ? changedCustomersSql(ctx.tenantId, new Date(previous.getTime() - SENTIMENT_ROLLUP_OVERLAP_MS), windowStart)
      : allCandidatesSql(ctx.tenantId, windowStart),
  );
  const ids = candidates.map((c) => c.id).sort();
  let examined = 0;
  let updated = 0;
  for (let i = 0; i < ids.length; i += Math.max(1, batchSize)) {
    const batch = ids.slice(i, i + Math.max(1, batchSize));
    const scores = await db.$queryRaw<{ id: string; score: number | null }[]>(batchScoresSql(ctx.tenantId, batch, windowStart));
    examined += scores.length;
    if (scores.length === 0) continue;
    const rows = scores.map((s) => ({ id: s.id, score: s.score, label: s.score === null ? null : sentimentLabel(s.score) }));
    updated += await db.$executeRaw(writeScoresSql(ctx.tenantId, rows));
  }
  await db.$executeRaw`
    INSERT INTO "SentimentRollupState" ("tenantId", watermark, "lastRunAt", "lastExamined", "lastUpdated")
    VALUES (${ctx.tenantId}, ${ts(now)}, ${ts(new Date())}, ${examined}, ${updated})
    ON CONFLICT ("tenantId") DO UPDATE SET
      watermark = GREATEST("SentimentRollupState".watermark, EXCLUDED.watermark),
      "lastRunAt" = EXCLUDED."lastRunAt", "lastExamined" = EXCLUDED."lastExamined", "lastUpdated" = EXCLUDED."lastUpdated"`;
  return { firstRun: previous === undefined, examined, updated };
}

/**
 * The scheduler's fan-out (cross-tenant): tenants with a mention posted inside the window (plus
 * the overlap, so mentions that just left it are seen) or with labelled customers (labels to
 * clear). Each lookup is one probe of an index that leads with tenantId.
 */
export async function unsafeListTenantsForSentimentRollup(now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - SENTIMENT_WINDOW_DAYS * DAY_MS - DAY_MS);
  const rows = await unsafeCrossTenantDb().$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "Tenant" t
    WHERE EXISTS (SELECT 1 FROM "Mention" m WHERE m."tenantId" = t.id AND m."postedAt" >= ${ts(since)} AND m."customerId" IS NOT NULL)
       OR EXISTS (SELECT 1 FROM "Customer" c WHERE c."tenantId" = t.id AND c."sentimentLabel" IS NOT NULL)
    ORDER BY t.id`;
  return rows.map((r) => r.id);
}
