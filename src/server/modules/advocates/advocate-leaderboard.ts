import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { earnedJoin, utc, windowBetween } from "../tiers/earned-in-period";
import { COUNTED_MENTION_EXCLUDED, MENTION_SCORE_SQL, roundScore } from "./advocate-score";
import {
  PERIOD_DAYS,
  ZAdvocateLeaderboardQuery,
  type AdvocateLeaderboard,
  type AdvocateLeaderboardQuery,
  type AdvocateMeasure,
  type AdvocateRow,
} from "./advocates.schemas";

const DAY_MS = 24 * 3_600_000;

/** The order of each measure; every one falls back to score, then the customer's id (stable pages). */
const ORDER: Record<AdvocateMeasure, Prisma.Sql> = {
  score: Prisma.sql`score DESC`,
  reach: Prisma.sql`reach DESC, score DESC`,
  points: Prisma.sql`points DESC, score DESC`,
  positive: Prisma.sql`positive DESC, score DESC`,
  nps: Prisma.sql`CASE "npsClass" WHEN 'PROMOTER' THEN 3 WHEN 'PASSIVE' THEN 2 WHEN 'DETRACTOR' THEN 1 ELSE 0 END DESC, score DESC`,
};

interface Row {
  id: string;
  displayName: string;
  lifecycleStage: AdvocateRow["lifecycleStage"];
  score: number;
  reach: number;
  points: number;
  positive: number;
  npsClass: AdvocateRow["npsClass"];
  total: number;
}

/** The ranking statement (exported for EXPLAIN in npm run bench:advocates). */
export function advocateRankingSql(ctx: TenantContext, query: ReturnType<typeof ZAdvocateLeaderboardQuery.parse>, now: Date): Prisma.Sql {
  const days = PERIOD_DAYS[query.period];
  const from = days === null ? null : new Date(now.getTime() - days * DAY_MS);
  const tenantId = ctx.tenantId;
  const inPeriod = from ? Prisma.sql`AND m."postedAt" > ${utc(from)} AND m."postedAt" <= ${utc(now)}` : Prisma.sql`AND m."postedAt" <= ${utc(now)}`;
  const earnedWindow = windowBetween(from ?? new Date(0), now);
  // Ranking by points needs every customer's; otherwise only the page's 25 are read (one index range each).
  const byPoints = query.by === "points";
  // Likewise reach: summed over every linked account only when it orders the page.
  const byReach = query.by === "reach";
  const pagePoints = byPoints ? Prisma.empty : Prisma.sql`, coalesce(earned.earned, 0) AS points`;
  const pageReach = byReach ? Prisma.empty : Prisma.sql`, coalesce(reach.reach, 0) AS reach`;
  return Prisma.sql`
    WITH ment AS (
      SELECT m."customerId" AS id, sum(${MENTION_SCORE_SQL})::float8 AS score,
             (count(*) FILTER (WHERE m."sentimentLabel" = 'PROMOTER'))::int AS positive
      FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND m."customerId" IS NOT NULL
        AND m.status <> ALL(${COUNTED_MENTION_EXCLUDED}::"MentionStatus"[]) ${inPeriod}
      GROUP BY m."customerId"
    ), reach AS (
      SELECT sp."customerId" AS id, sum(sp."followersCount")::int AS reach
      FROM "SocialProfile" sp WHERE sp."tenantId" = ${tenantId} AND sp."customerId" IS NOT NULL
      GROUP BY sp."customerId"
    ), ranked AS (
      SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass",
             coalesce(ment.score, 0) AS score, coalesce(ment.positive, 0) AS positive
             ${byReach ? Prisma.sql`, coalesce(reach.reach, 0) AS reach` : Prisma.empty}
             ${byPoints ? Prisma.sql`, coalesce(earned.earned, 0) AS points` : Prisma.empty}
      FROM "Customer" c
      LEFT JOIN ment ON ment.id = c.id
      ${byReach ? Prisma.sql`LEFT JOIN reach ON reach.id = c.id` : Prisma.empty}
      ${byPoints ? earnedJoin(ctx, earnedWindow, "grouped") : Prisma.empty}
      WHERE c."tenantId" = ${tenantId} AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL
    ), page AS (
      SELECT *, (count(*) OVER ())::int AS total FROM ranked
      ORDER BY ${ORDER[query.by]}, id ASC
      OFFSET ${(query.page - 1) * query.pageSize} LIMIT ${query.pageSize}
    )
    SELECT c.* ${pagePoints} ${pageReach} FROM page c
    ${byPoints ? Prisma.empty : earnedJoin(ctx, earnedWindow, "lateral")}
    ${byReach ? Prisma.empty : reachOfRow(ctx)}
    ORDER BY ${ORDER[query.by]}, id ASC`;
}

/** The followers of one page row's linked accounts, by the (tenantId, customerId) index. */
function reachOfRow(ctx: TenantContext): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (
      SELECT sum(sp."followersCount")::int AS reach FROM "SocialProfile" sp WHERE sp."tenantId" = ${ctx.tenantId} AND sp."customerId" = c.id
    ) reach ON true`;
}

/**
 * One page of the brand's live customers ranked by a measure over a period. Mentions are read
 * by the (tenantId, postedAt) range of the period (all time: the tenant's mentions) and grouped
 * by customer once; points come from the ledger's earned-in-period definition. Offset paging
 * on a total order (measure, score, id).
 */
export async function rankAdvocates(ctx: TenantContext, rawQuery: AdvocateLeaderboardQuery, now = new Date()): Promise<AdvocateLeaderboard> {
  assertCan(ctx, "ledger:read");
  const query = ZAdvocateLeaderboardQuery.parse(rawQuery);
  const rows = await getDb().$queryRaw<Row[]>(advocateRankingSql(ctx, query, now));
  const offset = (query.page - 1) * query.pageSize;
  return {
    items: rows.map((r, i) => ({
      rank: offset + i + 1,
      customerId: r.id,
      displayName: r.displayName,
      lifecycleStage: r.lifecycleStage,
      score: roundScore(r.score),
      reach: r.reach,
      points: r.points,
      positiveMentions: r.positive,
      npsClass: r.npsClass,
    })),
    total: rows[0]?.total ?? (await countLive(ctx)),
    page: query.page,
    pageSize: query.pageSize,
    period: query.period,
    by: query.by,
  };
}

/** A page past the end has no row to carry the total. */
async function countLive(ctx: TenantContext): Promise<number> {
  return getDb().customer.count({ where: { tenantId: ctx.tenantId, mergedIntoId: null, erasedAt: null } });
}
