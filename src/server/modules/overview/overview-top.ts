import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { ledgerSqlConditions } from "../ledger/brand-ledger-filter";
import { safeHttpUrl } from "../mentions/moderation/mention.mapper";
import type { OverviewNetwork, OverviewPeriod, OverviewTopAdvocate, OverviewTopPost } from "./overview.schemas";

/*
 * The period's leaders, by points. They read the period's stretch of the ledger through its
 * (tenantId, id) key (ids start with their time, see brand-ledger-filter.ts) — a bounded range,
 * not a scan of the brand's mentions — and join names to the few winning rows only.
 */

const TOP = 5;
/** What a mention's points net to: its award, its bonus and any reversal of either. */
const POST_SOURCES = Prisma.sql`('MENTION', 'ADJUSTMENT', 'REVERSAL')`;
const EARNED = Prisma.sql`(e.source IN ('MENTION', 'CHECKIN', 'SHARE', 'LINK_ACCOUNT') OR (e.source = 'ADJUSTMENT' AND e.amount > 0))`;

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

export async function topAdvocates(ctx: TenantContext, period: OverviewPeriod): Promise<OverviewTopAdvocate[]> {
  assertCan(ctx, "ledger:read");
  const days = ledgerSqlConditions({ from: period.from, to: period.to }, { withDays: true });
  // Points are summed per customer (a hash of the period's entries); only the leaders — those at
  // or above the fifth total, ties included, for the name order — get a name and a count of
  // distinct mentions, each from their own index range, instead of every customer of the period.
  const rows = await getDb().$queryRaw<AdvocateRow[]>(Prisma.sql`
    WITH totals AS MATERIALIZED (
      SELECT e."customerId", SUM(e.amount) FILTER (WHERE ${EARNED})::bigint AS points
        FROM "LedgerEntry" e
       WHERE e."tenantId" = ${ctx.tenantId}${days}
       GROUP BY 1),
    leaders AS (
      SELECT t."customerId", t.points FROM totals t
       WHERE t.points > 0
         AND t.points >= COALESCE((SELECT x.points FROM totals x WHERE x.points > 0 ORDER BY x.points DESC OFFSET ${TOP - 1} LIMIT 1), 1))
    SELECT l."customerId", c."displayName" AS name, l.points,
           (SELECT COUNT(DISTINCT e."mentionId") FROM "LedgerEntry" e
             WHERE e."tenantId" = ${ctx.tenantId} AND e."customerId" = l."customerId"${days})::bigint AS mentions
      FROM leaders l JOIN "Customer" c ON c."tenantId" = ${ctx.tenantId} AND c.id = l."customerId"
     ORDER BY l.points DESC, c."displayName", c.id
     LIMIT ${TOP}`);
  return rows.map((r) => ({ customerId: r.customerId, name: r.name, points: Number(r.points), mentions: Number(r.mentions) }));
}

export async function topPosts(ctx: TenantContext, period: OverviewPeriod): Promise<OverviewTopPost[]> {
  assertCan(ctx, "mentions:read");
  assertCan(ctx, "ledger:read");
  const days = ledgerSqlConditions({ from: period.from, to: period.to }, { withDays: true });
  // As for advocates: only the posts at or above the fifth total (ties included) are joined.
  const rows = await getDb().$queryRaw<PostRow[]>(Prisma.sql`
    WITH totals AS MATERIALIZED (
      SELECT e."mentionId", SUM(e.amount)::bigint AS points
        FROM "LedgerEntry" e
       WHERE e."tenantId" = ${ctx.tenantId}${days} AND e."mentionId" IS NOT NULL AND e.source IN ${POST_SOURCES}
       GROUP BY 1),
    leaders AS (
      SELECT t."mentionId", t.points FROM totals t
       WHERE t.points > 0
         AND t.points >= COALESCE((SELECT x.points FROM totals x WHERE x.points > 0 ORDER BY x.points DESC OFFSET ${TOP - 1} LIMIT 1), 1))
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
