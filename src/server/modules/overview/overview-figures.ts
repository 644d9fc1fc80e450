import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import {
  addDays,
  NETWORK_KEYS,
  SENTIMENT_KEYS,
  type Compared,
  type OverviewFigures,
  type OverviewNetwork,
  type OverviewPeriod,
  type OverviewSentiment,
} from "./overview.schemas";

/*
 * The overview's figures, read from the daily rollups (rollups.prisma) and never from the
 * mentions or the ledger themselves: each query reads at most one row per day and key of the two
 * periods, so its cost follows the period's length, not the brand's volume.
 */

const EARNED_SOURCES = new Set(["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT"]);
const zero = (): Compared => ({ current: 0, previous: 0 });

interface MentionRow {
  day: string;
  network: OverviewNetwork;
  sentiment: OverviewSentiment;
  mentions: number;
}
interface TermRow {
  sourceId: string;
  network: OverviewNetwork;
  kind: string;
  value: string;
  current: bigint;
  previous: bigint;
}
interface LedgerRow {
  current: boolean;
  source: string;
  credit: bigint;
  debit: bigint;
}

export async function readOverviewFigures(ctx: TenantContext, period: OverviewPeriod): Promise<OverviewFigures> {
  assertCan(ctx, "mentions:read");
  assertCan(ctx, "ledger:read");
  const db = getDb();
  const start = period.previous.from;
  const split = period.from;
  const end = period.to;
  const [mentionRows, termRows, ledgerRows, closing, linkRows, linkedRows] = await Promise.all([
    db.$queryRaw<MentionRow[]>(Prisma.sql`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, network::text AS network, sentiment, mentions
        FROM "MentionDayRollup"
       WHERE "tenantId" = ${ctx.tenantId} AND day BETWEEN ${start}::date AND ${end}::date AND mentions <> 0`),
    // Terms are joined after grouping: a few rows per term, not one per day.
    db.$queryRaw<TermRow[]>(Prisma.sql`
      WITH totals AS (
        SELECT "sourceId",
               COALESCE(SUM(mentions) FILTER (WHERE day >= ${split}::date), 0)::bigint AS current,
               COALESCE(SUM(mentions) FILTER (WHERE day < ${split}::date), 0)::bigint AS previous
          FROM "MentionTermDayRollup"
         WHERE "tenantId" = ${ctx.tenantId} AND day BETWEEN ${start}::date AND ${end}::date
         GROUP BY 1)
      SELECT t."sourceId", s.network::text AS network, s.kind::text AS kind, s.value, t.current, t.previous
        FROM totals t JOIN "ListeningSource" s ON s."tenantId" = ${ctx.tenantId} AND s.id = t."sourceId"
       WHERE t.current <> 0 OR t.previous <> 0
       ORDER BY t.current DESC, t.previous DESC, s.value, s.id`),
    db.$queryRaw<LedgerRow[]>(Prisma.sql`
      SELECT day >= ${split}::date AS current, source::text AS source, SUM(credit)::bigint AS credit, SUM(debit)::bigint AS debit
        FROM "LedgerDayRollup"
       WHERE "tenantId" = ${ctx.tenantId} AND day BETWEEN ${start}::date AND ${end}::date
       GROUP BY 1, 2`),
    // The liability at the end of each period is every movement up to it (one row per day and kind).
    db.$queryRaw<{ previous: bigint; current: bigint }[]>(Prisma.sql`
      SELECT COALESCE(SUM(credit + debit) FILTER (WHERE day < ${split}::date), 0)::bigint AS previous,
             COALESCE(SUM(credit + debit), 0)::bigint AS current
        FROM "LedgerDayRollup"
       WHERE "tenantId" = ${ctx.tenantId} AND day <= ${end}::date`),
    db.$queryRaw<{ current: bigint; previous: bigint }[]>(Prisma.sql`
      SELECT COALESCE(SUM(links) FILTER (WHERE day >= ${split}::date), 0)::bigint AS current,
             COALESCE(SUM(links) FILTER (WHERE day < ${split}::date), 0)::bigint AS previous
        FROM "LinkDayRollup"
       WHERE "tenantId" = ${ctx.tenantId} AND day BETWEEN ${start}::date AND ${end}::date`),
    // Not a rollup: one index range of the customers who first linked in the two periods (a few
    // rows per new customer), live ones only, as the customers list behind the figure counts them.
    db.$queryRaw<{ current: bigint; previous: bigint }[]>(Prisma.sql`
      SELECT COUNT(*) FILTER (WHERE c."firstLinkedAt" >= ${split}::date)::bigint AS current,
             COUNT(*) FILTER (WHERE c."firstLinkedAt" < ${split}::date)::bigint AS previous
        FROM "Customer" c
       WHERE c."tenantId" = ${ctx.tenantId} AND c."firstLinkedAt" >= ${start}::date AND c."firstLinkedAt" < (${end}::date + 1)
         AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`),
  ]);

  const mentions = zero();
  const byNetwork = Object.fromEntries(NETWORK_KEYS.map((n) => [n, zero()])) as Record<OverviewNetwork, Compared>;
  const sentiment = Object.fromEntries(SENTIMENT_KEYS.map((s) => [s, zero()])) as Record<OverviewSentiment, Compared>;
  const perDay = new Map<string, Record<OverviewNetwork, number>>();
  for (const row of mentionRows) {
    const side = row.day >= split ? "current" : "previous";
    mentions[side] += row.mentions;
    byNetwork[row.network][side] += row.mentions;
    sentiment[row.sentiment][side] += row.mentions;
    if (side === "current") {
      const day = perDay.get(row.day) ?? { TWITTER: 0, FOURSQUARE: 0 };
      day[row.network] += row.mentions;
      perDay.set(row.day, day);
    }
  }
  const mentionsByDay: OverviewFigures["mentionsByDay"] = [];
  for (let i = 0; i < period.days; i += 1) {
    const day = addDays(split, i);
    mentionsByDay.push({ day, ...(perDay.get(day) ?? { TWITTER: 0, FOURSQUARE: 0 }) });
  }

  const pointsAwarded = zero();
  const pointsRedeemed = zero();
  for (const row of ledgerRows) {
    const side = row.current ? "current" : "previous";
    const net = Number(row.credit) + Number(row.debit);
    // As in the ledger's liability classes: a positive adjustment is goodwill, so it is earned.
    if (EARNED_SOURCES.has(row.source)) pointsAwarded[side] += net;
    else if (row.source === "ADJUSTMENT") pointsAwarded[side] += Number(row.credit);
    else if (row.source === "REDEMPTION") pointsRedeemed[side] -= net;
  }

  return {
    period,
    mentions,
    mentionsByDay,
    mentionsByNetwork: byNetwork,
    sentiment,
    terms: termRows.map((t) => ({
      sourceId: t.sourceId,
      network: t.network,
      kind: t.kind,
      value: t.value,
      current: Number(t.current),
      previous: Number(t.previous),
    })),
    links: { current: Number(linkRows[0]?.current ?? 0n), previous: Number(linkRows[0]?.previous ?? 0n) },
    linkedCustomers: { current: Number(linkedRows[0]?.current ?? 0n), previous: Number(linkedRows[0]?.previous ?? 0n) },
    pointsAwarded,
    pointsRedeemed,
    liability: { current: Number(closing[0]?.current ?? 0n), previous: Number(closing[0]?.previous ?? 0n) },
  };
}
