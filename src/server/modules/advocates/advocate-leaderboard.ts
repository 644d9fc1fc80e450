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

type ParsedQuery = ReturnType<typeof ZAdvocateLeaderboardQuery.parse>;

/**
 * The ranking statement (exported for EXPLAIN in the benches). Score and positive mentions are
 * ranked from the period's mentioned customers only (`rankMentionedFirstSql`); the other orders
 * rank every live customer. `plan: "every-customer"` forces the latter (the tests compare the two).
 */
export function advocateRankingSql(ctx: TenantContext, query: ParsedQuery, now: Date, plan: "auto" | "every-customer" = "auto"): Prisma.Sql {
  if (plan === "auto" && (query.by === "score" || query.by === "positive")) return rankMentionedFirstSql(ctx, query, now);
  return rankEveryCustomerSql(ctx, query, now);
}

function periodOf(query: ParsedQuery, now: Date) {
  const days = PERIOD_DAYS[query.period];
  const from = days === null ? null : new Date(now.getTime() - days * DAY_MS);
  const inPeriod = from ? Prisma.sql`AND m."postedAt" > ${utc(from)} AND m."postedAt" <= ${utc(now)}` : Prisma.sql`AND m."postedAt" <= ${utc(now)}`;
  return { inPeriod, earnedWindow: windowBetween(from ?? new Date(0), now) };
}

/** Each customer's score and positive mentions over the period's counted mentions. */
function mentionTotalsSql(ctx: TenantContext, inPeriod: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      SELECT m."customerId" AS id, sum(${MENTION_SCORE_SQL})::float8 AS score,
             (count(*) FILTER (WHERE m."sentimentLabel" = 'PROMOTER'))::int AS positive
      FROM "Mention" m
      WHERE m."tenantId" = ${ctx.tenantId} AND m."customerId" IS NOT NULL
        AND m.status <> ALL(${COUNTED_MENTION_EXCLUDED}::"MentionStatus"[]) ${inPeriod}
      GROUP BY m."customerId"`;
}

const LIVE = Prisma.sql`c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`;

/**
 * Score and positive orders without ranking every customer. Both measures are ≥ 0, so a customer
 * with no counted mention in the period (score 0, positive 0) can only follow, in id order, the
 * customers whose score or positive count is above 0 — and those all have a mention. The head is
 * those, ranked; the tail is every other live customer by id, read only when the page reaches
 * past the head. Same rows and order as ranking everyone (advocate-leaderboard.test.ts).
 */
function rankMentionedFirstSql(ctx: TenantContext, query: ParsedQuery, now: Date): Prisma.Sql {
  const { inPeriod, earnedWindow } = periodOf(query, now);
  const tenantId = ctx.tenantId;
  const offset = (query.page - 1) * query.pageSize;
  const headKey = query.by === "score" ? Prisma.sql`ment.score > 0` : Prisma.sql`(ment.score > 0 OR ment.positive > 0)`;
  return Prisma.sql`
    WITH ment AS MATERIALIZED (${mentionTotalsSql(ctx, inPeriod)}
    ), head AS MATERIALIZED (
      SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass", ment.score, ment.positive
      FROM ment JOIN "Customer" c ON c."tenantId" = ${tenantId} AND c.id = ment.id
      WHERE ${LIVE} AND ${headKey}
    ), head_page AS (
      SELECT * FROM head ORDER BY ${ORDER[query.by]}, id ASC OFFSET ${offset} LIMIT ${query.pageSize}
    ), tail_page AS (
      SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass", 0::float8 AS score, 0 AS positive
      FROM "Customer" c
      WHERE c."tenantId" = ${tenantId} AND ${LIVE} AND NOT EXISTS (SELECT 1 FROM head h WHERE h.id = c.id)
      ORDER BY c.id ASC
      OFFSET greatest(${offset} - (SELECT count(*) FROM head), 0)
      LIMIT greatest(${query.pageSize} - (SELECT count(*) FROM head_page), 0)
    ), page AS (
      SELECT * FROM head_page UNION ALL
      -- a tail row may have counted mentions that scored 0 (a -1 sentiment): its positives still show
      SELECT t.id, t."displayName", t."lifecycleStage", t."npsClass", t.score, coalesce(ment.positive, 0)
      FROM tail_page t LEFT JOIN ment ON ment.id = t.id
    )
    SELECT c.*, coalesce(earned.earned, 0) AS points, coalesce(reach.reach, 0) AS reach,
           (SELECT count(*) FROM "Customer" c WHERE c."tenantId" = ${tenantId} AND ${LIVE})::int AS total
    FROM page c
    ${earnedJoin(ctx, earnedWindow, "lateral")}
    ${reachOfRow(ctx)}
    ORDER BY ${ORDER[query.by]}, id ASC`;
}

function rankEveryCustomerSql(ctx: TenantContext, query: ParsedQuery, now: Date): Prisma.Sql {
  const { inPeriod, earnedWindow } = periodOf(query, now);
  const tenantId = ctx.tenantId;
  // Ranking by points needs every customer's; otherwise only the page's 25 are read (one index range each).
  const byPoints = query.by === "points";
  // Likewise reach: summed over every linked account only when it orders the page.
  const byReach = query.by === "reach";
  const pagePoints = byPoints ? Prisma.empty : Prisma.sql`, coalesce(earned.earned, 0) AS points`;
  const pageReach = byReach ? Prisma.empty : Prisma.sql`, coalesce(reach.reach, 0) AS reach`;
  return Prisma.sql`
    WITH ment AS (${mentionTotalsSql(ctx, inPeriod)}
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
      WHERE c."tenantId" = ${tenantId} AND ${LIVE}
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
