import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { earnedJoin, utc, windowBetween } from "../tiers/earned-in-period";
import { COUNTED_MENTION_SQL, roundScore } from "./advocate-score";
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

/**
 * The ranking statement (exported for EXPLAIN in npm run bench:advocates). `shortcutRows`: the
 * deepest row the score order reads by the shortcut below (0: always rank everyone; tests compare).
 */
export function advocateRankingSql(ctx: TenantContext, query: ParsedQuery, now: Date, shortcutRows = SCORE_SHORTCUT_ROWS): Prisma.Sql {
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
    WITH ment AS MATERIALIZED (
      SELECT m."customerId" AS id, sum(m."advocateScore")::float8 AS score,
             (count(*) FILTER (WHERE m."sentimentLabel" = 'PROMOTER'))::int AS positive
      FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND ${COUNTED_MENTION_SQL} ${inPeriod}
      GROUP BY m."customerId"
    )${query.by === "score" && query.page * query.pageSize <= shortcutRows ? scorePage(ctx, query) : fullRankingPage(ctx, query, earnedWindow)}
    -- The total apart (one count), not a window over the ranking: the window kept all 100k rows
    -- of a large brand in a tuplestore that spilled to disk before the sort kept 25.
    SELECT c.*, (${liveCountSql(ctx)})::int AS total ${pagePoints} ${pageReach} FROM page c
    ${byPoints ? Prisma.empty : earnedJoin(ctx, earnedWindow, "lateral")}
    ${byReach ? Prisma.empty : reachOfRow(ctx)}
    ORDER BY ${ORDER[query.by]}, id ASC`;
}

/** Deeper than this, probing customers one by one costs more than ranking them all (measured on 100k customers). */
const SCORE_SHORTCUT_ROWS = 5_000;

type ParsedQuery = ReturnType<typeof ZAdvocateLeaderboardQuery.parse>;
const LIVE = Prisma.raw(`c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`);
const pageCut = (query: ParsedQuery) => Prisma.sql`OFFSET ${(query.page - 1) * query.pageSize} LIMIT ${query.pageSize}`;

/**
 * The score order without ranking every customer: only customers with a positive score in the
 * period can be ahead of anyone, and all the others score 0 and follow in id order. So the page
 * is cut from the best (offset + size) of the scored and the first (offset + size) of the rest,
 * in the same total order (score, then id) as the full ranking.
 */
function scorePage(ctx: TenantContext, query: ParsedQuery): Prisma.Sql {
  const enough = query.page * query.pageSize;
  // scored: the period's scored customers best first, each looked up by key until enough are
  // live (OFFSET 0 keeps the lookup a per-row probe rather than a hash of every customer).
  // unscored: live customers in id order, skipping the scored ones (a hashed NOT IN: an anti
  // join would sort every scored id first), until enough.
  return Prisma.sql`, scored AS (
      SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass", s.score
      FROM (SELECT id, score FROM ment WHERE score > 0 ORDER BY score DESC, id ASC) s
      CROSS JOIN LATERAL (
        SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass" FROM "Customer" c
        WHERE c."tenantId" = ${ctx.tenantId} AND c.id = s.id AND ${LIVE} OFFSET 0
      ) c
      ORDER BY s.score DESC, s.id ASC LIMIT ${enough}
    ), unscored AS (
      SELECT c.id, c."displayName", c."lifecycleStage", c."npsClass", 0::float8 AS score
      FROM "Customer" c
      WHERE c."tenantId" = ${ctx.tenantId} AND ${LIVE} AND c.id NOT IN (SELECT id FROM ment WHERE score > 0)
      ORDER BY c.id ASC LIMIT ${enough}
    ), page AS (
      SELECT u.*, coalesce(ment.positive, 0) AS positive
      FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored ORDER BY score DESC, id ASC ${pageCut(query)}) u
      LEFT JOIN ment ON ment.id = u.id
    )`;
}

/** Any other order: every live customer with the measure, then the page. */
function fullRankingPage(ctx: TenantContext, query: ParsedQuery, earnedWindow: ReturnType<typeof windowBetween>): Prisma.Sql {
  const byPoints = query.by === "points";
  const byReach = query.by === "reach";
  return Prisma.sql`, reach AS (
      SELECT sp."customerId" AS id, sum(sp."followersCount")::int AS reach
      FROM "SocialProfile" sp WHERE sp."tenantId" = ${ctx.tenantId} AND sp."customerId" IS NOT NULL
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
      WHERE c."tenantId" = ${ctx.tenantId} AND ${LIVE}
    ), page AS (
      SELECT * FROM ranked ORDER BY ${ORDER[query.by]}, id ASC ${pageCut(query)}
    )`;
}

/** The brand's live customers: every one has a rank, mentioned or not. */
function liveCountSql(ctx: TenantContext): Prisma.Sql {
  return Prisma.sql`SELECT count(*) FROM "Customer" c WHERE c."tenantId" = ${ctx.tenantId} AND ${LIVE}`;
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
