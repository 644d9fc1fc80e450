import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { ledgerSqlConditions } from "../ledger/brand-ledger-filter";
import { safeHttpUrl } from "../mentions/moderation/mention.mapper";
import type { OverviewNetwork, OverviewPeriod, OverviewTopAdvocate, OverviewTopPost } from "./overview.schemas";

/*
 * The period's leaders, by points, read from the leader rollups the ledger's trigger keeps
 * (migration overview_leader_rollups; what each holds is defined in rollup-recount.ts) instead of
 * the period's ledger entries. Only the winning rows get names.
 */

const TOP = 5;
/** Each month's best earners a period's top advocates are first looked for among. */
const MONTH_CANDIDATES = 100;

interface Leader {
  customerId: string;
  points: bigint;
}
interface AdvocateRow {
  customerId: string;
  name: string;
  points: bigint;
  mentions: bigint;
}
interface PostRow {
  mentionId: string;
  points: bigint;
  network: OverviewNetwork;
  authorHandle: string;
  text: string;
  url: string | null;
  postedAt: Date;
  customerId: string | null;
  customerName: string | null;
}

/** For tests that hold the two ways of finding the leaders to one answer. */
export interface LeaderSearchOptions {
  /** Only one way: the months' best (even when it cannot prove its answer) or every customer's days. */
  only?: "months-best" | "all-days";
  monthCandidates?: number;
}

/**
 * The customers who earned the most in the period (those at or above the fifth total, ties
 * included, for the name order), with their points and distinct mentions.
 */
export async function topAdvocates(ctx: TenantContext, period: OverviewPeriod, options: LeaderSearchOptions = {}): Promise<OverviewTopAdvocate[]> {
  assertCan(ctx, "ledger:read");
  const { only, monthCandidates = MONTH_CANDIDATES } = options;
  const leaders =
    (only !== "all-days" && (await leadersAmongMonthsBest(ctx, period, monthCandidates, only === "months-best"))) || (await leadersOfAllDays(ctx, period));
  if (leaders.length === 0) return [];
  const days = ledgerSqlConditions({ from: period.from, to: period.to }, { withDays: true });
  const rows = await getDb().$queryRaw<AdvocateRow[]>(Prisma.sql`
    SELECT l."customerId", c."displayName" AS name, l.points,
           (SELECT COUNT(DISTINCT e."mentionId") FROM "LedgerEntry" e
             WHERE e."tenantId" = ${ctx.tenantId} AND e."customerId" = l."customerId"${days})::bigint AS mentions
      FROM unnest(${leaders.map((l) => l.customerId)}::text[], ${leaders.map((l) => l.points.toString())}::bigint[]) AS l("customerId", points)
      JOIN "Customer" c ON c."tenantId" = ${ctx.tenantId} AND c.id = l."customerId"
     ORDER BY l.points DESC, c."displayName", c.id
     LIMIT ${TOP}`);
  return rows.map((r) => ({ customerId: r.customerId, name: r.name, points: Number(r.points), mentions: Number(r.mentions) }));
}

/*
 * Nobody earns more in part of a month than in the whole of it (the month rollup adds positive
 * amounts only). So a customer outside every month's best MONTH_CANDIDATES earned at most the sum,
 * over the period's months, of each month's last candidate's earnings (nothing for a month with
 * fewer earners: all of them are candidates). When the candidates' fifth period total beats that
 * bound, the leaders are among the candidates, and only their days are summed: a few hundred
 * customers instead of the 78k who earned in 30 days of a large brand (a custom year: at most
 * 1,300 instead of all). Otherwise (a flat month, a tie at the bound) null, and every customer's
 * days are summed.
 */
async function leadersAmongMonthsBest(ctx: TenantContext, period: OverviewPeriod, candidates: number, evenUnproven: boolean): Promise<Leader[] | null> {
  const rows = await getDb().$queryRaw<Array<{ bound: bigint; customerId: string | null; points: bigint | null }>>(Prisma.sql`
    WITH best AS MATERIALIZED (
      SELECT b."customerId", b.earned, b.rank
        FROM generate_series(date_trunc('month', ${period.from}::date::timestamp), ${period.to}::date::timestamp, interval '1 month') AS mo(month)
        CROSS JOIN LATERAL (
          SELECT r."customerId", r.earned, row_number() OVER (ORDER BY r.earned DESC) AS rank
            FROM "CustomerPointsMonthRollup" r
           WHERE r."tenantId" = ${ctx.tenantId} AND r.month = mo.month::date
           ORDER BY r.earned DESC
           LIMIT ${candidates}) b),
    totals AS MATERIALIZED (
      SELECT c."customerId",
             (SELECT SUM(d.earned) FROM "CustomerPointsDayRollup" d
               WHERE d."tenantId" = ${ctx.tenantId} AND d."customerId" = c."customerId"
                 AND d.day BETWEEN ${period.from}::date AND ${period.to}::date)::bigint AS points
        FROM (SELECT DISTINCT "customerId" FROM best) c)
    SELECT (SELECT COALESCE(SUM(b.earned), 0) FROM best b WHERE b.rank = ${candidates})::bigint AS bound, t."customerId", t.points
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT * FROM totals WHERE points > 0 ORDER BY points DESC FETCH FIRST ${TOP} ROWS WITH TIES) t ON true`);
  const leaders = rows.filter((r): r is { bound: bigint; customerId: string; points: bigint } => r.customerId !== null && r.points !== null);
  const bound = rows[0]?.bound ?? 0n;
  const fifth = leaders.length >= TOP ? leaders[TOP - 1]!.points : 1n;
  if (evenUnproven || bound < fifth) return leaders.map((l) => ({ customerId: l.customerId, points: l.points }));
  return null;
}

async function leadersOfAllDays(ctx: TenantContext, period: OverviewPeriod): Promise<Leader[]> {
  return getDb().$queryRaw<Leader[]>(Prisma.sql`
    SELECT d."customerId", SUM(d.earned)::bigint AS points
      FROM "CustomerPointsDayRollup" d
     WHERE d."tenantId" = ${ctx.tenantId} AND d.day BETWEEN ${period.from}::date AND ${period.to}::date
     GROUP BY 1 HAVING SUM(d.earned) > 0
     ORDER BY points DESC
     FETCH FIRST ${TOP} ROWS WITH TIES`);
}

export async function topPosts(ctx: TenantContext, period: OverviewPeriod): Promise<OverviewTopPost[]> {
  assertCan(ctx, "mentions:read");
  assertCan(ctx, "ledger:read");
  // As for advocates: only the posts at or above the fifth total (ties included) are joined.
  const rows = await getDb().$queryRaw<PostRow[]>(Prisma.sql`
    WITH leaders AS (
      SELECT r."mentionId", SUM(r.points)::bigint AS points
        FROM "MentionPointsDayRollup" r
       WHERE r."tenantId" = ${ctx.tenantId} AND r.day BETWEEN ${period.from}::date AND ${period.to}::date
       GROUP BY 1 HAVING SUM(r.points) > 0
       ORDER BY points DESC
       FETCH FIRST ${TOP} ROWS WITH TIES)
    SELECT t."mentionId", t.points, m.network::text AS network, m."authorHandle", m.text, m.url, m."postedAt",
           c.id AS "customerId", c."displayName" AS "customerName"
      FROM leaders t
      JOIN "Mention" m ON m."tenantId" = ${ctx.tenantId} AND m.id = t."mentionId"
      LEFT JOIN "Customer" c ON c."tenantId" = ${ctx.tenantId} AND c.id = m."customerId"
     ORDER BY t.points DESC, m."postedAt" DESC, m.id
     LIMIT ${TOP}`);
  return rows.map((r) => ({
    mentionId: r.mentionId,
    network: r.network,
    authorHandle: r.authorHandle,
    text: r.text,
    url: safeHttpUrl(r.url),
    postedAt: r.postedAt.toISOString(),
    points: Number(r.points),
    customer: r.customerId && r.customerName !== null ? { id: r.customerId, name: r.customerName } : null,
  }));
}
