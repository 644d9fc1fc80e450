import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { ledgerSqlConditions } from "../ledger/brand-ledger-filter";
import { daysBetween } from "./overview.schemas";

/** A repair covers at most about ten years of days at a time. */
export const MAX_RECOUNT_DAYS = 3_660;

export interface RecountRange {
  from: string;
  to: string;
}

/*
 * What the rollups should hold for a brand's days, counted from the source tables. The triggers
 * (migration overview_daily_rollups) keep the rollups equal to this; the recount job writes it
 * back where they drifted, and the tests compare the two.
 */
function recountedMentions(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT m."tenantId", m."postedAt"::date AS day, m.network, COALESCE(m."sentimentLabel"::text, 'NONE') AS sentiment, COUNT(*)::int AS mentions
      FROM "Mention" m
     WHERE m."tenantId" = ${ctx.tenantId} AND m."postedAt" >= ${range.from}::date AND m."postedAt" < (${range.to}::date + 1)
     GROUP BY 1, 2, 3, 4`;
}

function recountedTerms(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT ${ctx.tenantId} AS "tenantId", x.day, x."sourceId", COUNT(*)::int AS mentions
      FROM (SELECT m."postedAt"::date AS day, m."sourceId" FROM "Mention" m
             WHERE m."tenantId" = ${ctx.tenantId} AND m."sourceId" IS NOT NULL
               AND m."postedAt" >= ${range.from}::date AND m."postedAt" < (${range.to}::date + 1)
            UNION ALL
            SELECT m."postedAt"::date, mm."sourceId" FROM "MentionMatch" mm
              JOIN "Mention" m ON m."tenantId" = mm."tenantId" AND m.id = mm."mentionId"
             WHERE mm."tenantId" = ${ctx.tenantId}
               AND m."postedAt" >= ${range.from}::date AND m."postedAt" < (${range.to}::date + 1)) x
     GROUP BY 1, 2, 3`;
}

function recountedLedger(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT e."tenantId", e."createdAt"::date AS day, e.source,
           COALESCE(SUM(e.amount) FILTER (WHERE e.amount > 0), 0)::bigint AS credit,
           COALESCE(SUM(e.amount) FILTER (WHERE e.amount < 0), 0)::bigint AS debit, COUNT(*)::int AS entries
      FROM "LedgerEntry" e
     WHERE e."tenantId" = ${ctx.tenantId}${ledgerSqlConditions(range, { withDays: true })}
     GROUP BY 1, 2, 3`;
}

function recountedLinks(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT p."tenantId", p."linkedAt"::date AS day, p.network, COUNT(*)::int AS links
      FROM "SocialProfile" p
     WHERE p."tenantId" = ${ctx.tenantId} AND p."customerId" IS NOT NULL
       AND p."linkedAt" >= ${range.from}::date AND p."linkedAt" < (${range.to}::date + 1)
     GROUP BY 1, 2, 3`;
}

/** What a customer earns, for the top advocates: awards for mentions, check-ins, shares and linked accounts, and positive adjustments. */
const EARNED_ENTRY = Prisma.sql`(e.source IN ('MENTION', 'CHECKIN', 'SHARE', 'LINK_ACCOUNT') OR (e.source = 'ADJUSTMENT' AND e.amount > 0))`;

function recountedCustomerDays(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT e."tenantId", e."customerId", e."createdAt"::date AS day, SUM(e.amount)::bigint AS earned
      FROM "LedgerEntry" e
     WHERE e."tenantId" = ${ctx.tenantId}${ledgerSqlConditions(range, { withDays: true })} AND ${EARNED_ENTRY}
     GROUP BY 1, 2, 3`;
}

/** Whole months: a month's row counts every day of it, so the range is widened to the months it touches. */
function recountedCustomerMonths(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT e."tenantId", date_trunc('month', e."createdAt")::date AS month, e."customerId", SUM(e.amount)::bigint AS earned
      FROM "LedgerEntry" e
     WHERE e."tenantId" = ${ctx.tenantId}${ledgerSqlConditions(wholeMonths(range), { withDays: true })} AND ${EARNED_ENTRY} AND e.amount > 0
     GROUP BY 1, 2, 3`;
}

/** A mention's net points: its award, bonuses and their reversals. */
function recountedMentionPoints(ctx: TenantContext, range: RecountRange): Prisma.Sql {
  return Prisma.sql`
    SELECT e."tenantId", e."createdAt"::date AS day, e."mentionId", SUM(e.amount)::bigint AS points
      FROM "LedgerEntry" e
     WHERE e."tenantId" = ${ctx.tenantId}${ledgerSqlConditions(range, { withDays: true })}
       AND e."mentionId" IS NOT NULL AND e.source IN ('MENTION', 'ADJUSTMENT', 'REVERSAL')
     GROUP BY 1, 2, 3`;
}

/** The first day of `from`'s month to the last day of `to`'s. */
function wholeMonths(range: RecountRange): RecountRange {
  const next = new Date(`${range.to.slice(0, 7)}-01T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from: `${range.from.slice(0, 7)}-01`, to: new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10) };
}

/** Each rollup table: the columns its rows are compared by (enums as text), its count, and its recount. */
const ROLLUP_TABLES = [
  {
    name: "mentions",
    table: "MentionDayRollup",
    columns: `"tenantId", day, network::text AS network, sentiment, mentions`,
    count: "mentions",
    recount: recountedMentions,
  },
  { name: "terms", table: "MentionTermDayRollup", columns: `"tenantId", day, "sourceId", mentions`, count: "mentions", recount: recountedTerms },
  {
    name: "ledger",
    table: "LedgerDayRollup",
    columns: `"tenantId", day, source::text AS source, credit, debit, entries`,
    count: "entries",
    recount: recountedLedger,
  },
  { name: "links", table: "LinkDayRollup", columns: `"tenantId", day, network::text AS network, links`, count: "links", recount: recountedLinks },
  { name: "customerDays", table: "CustomerPointsDayRollup", columns: `"tenantId", "customerId", day, earned`, count: "earned", recount: recountedCustomerDays },
  {
    name: "customerMonths",
    table: "CustomerPointsMonthRollup",
    columns: `"tenantId", month, "customerId", earned`,
    count: "earned",
    recount: recountedCustomerMonths,
  },
  { name: "mentionPoints", table: "MentionPointsDayRollup", columns: `"tenantId", day, "mentionId", points`, count: "points", recount: recountedMentionPoints },
] as const;

export type RollupName = (typeof ROLLUP_TABLES)[number]["name"];

/**
 * For each rollup, the brand's stored rows of the range that count something, and the recount
 * from the source tables they must equal, in the same columns (the tests and bench:screens
 * compare the two). The month rollup covers the months the range touches, as its recount does.
 */
export function rollupComparisons(ctx: TenantContext, range: RecountRange): Array<{ name: RollupName; stored: Prisma.Sql; recounted: Prisma.Sql }> {
  return ROLLUP_TABLES.map((rollup) => {
    const columns = Prisma.raw(rollup.columns);
    const counts = Prisma.raw(`${rollup.count} <> 0`);
    const inRange =
      rollup.table === "CustomerPointsMonthRollup"
        ? Prisma.sql`month BETWEEN ${wholeMonths(range).from}::date AND ${range.to}::date`
        : Prisma.sql`day BETWEEN ${range.from}::date AND ${range.to}::date`;
    return {
      name: rollup.name,
      stored: Prisma.sql`SELECT ${columns} FROM ${Prisma.raw(`"${rollup.table}"`)} WHERE "tenantId" = ${ctx.tenantId} AND ${inRange} AND ${counts}`,
      // tenant-predicate-in: the recount it selects from (each recount filters the context's tenant)
      recounted: Prisma.sql`SELECT ${columns} FROM (${rollup.recount(ctx, range)}) x WHERE ${counts}`,
    };
  });
}

const ATTEMPTS = 3;

/**
 * Rewrites the brand's rollup rows for the days from `from` to `to` (UTC, both included) from the
 * source tables. It runs in one REPEATABLE READ transaction: a writer that changes a rollup row
 * of these days meanwhile makes it fail to serialize instead of being overwritten by an older
 * count, and it is tried again (then left to the job's retries).
 */
export async function recountRollups(ctx: TenantContext, range: RecountRange): Promise<{ rows: number }> {
  assertCan(ctx, "settings:write");
  if (range.from > range.to || daysBetween(range.from, range.to) > MAX_RECOUNT_DAYS) {
    throw new AppError("VALIDATION_FAILED", `a recount covers 1 to ${MAX_RECOUNT_DAYS} days, the first not after the last`);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await recountOnce(ctx, range);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isSerializationFailure(error)) throw error;
    }
  }
}

async function recountOnce(ctx: TenantContext, range: RecountRange): Promise<{ rows: number }> {
  const days = Prisma.sql`day BETWEEN ${range.from}::date AND ${range.to}::date`;
  const months = wholeMonths(range);
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw(Prisma.sql`DELETE FROM "MentionDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM "MentionTermDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM "LedgerDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM "LinkDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM "CustomerPointsDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      await tx.$executeRaw(
        Prisma.sql`DELETE FROM "CustomerPointsMonthRollup" WHERE "tenantId" = ${ctx.tenantId} AND month BETWEEN ${months.from}::date AND ${months.to}::date`,
      );
      await tx.$executeRaw(Prisma.sql`DELETE FROM "MentionPointsDayRollup" WHERE "tenantId" = ${ctx.tenantId} AND ${days}`);
      // ON CONFLICT: a row a concurrent writer added after this snapshot fails to serialize.
      const counts = [
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "MentionDayRollup" AS r ("tenantId", day, network, sentiment, mentions) ${recountedMentions(ctx, range)}
          ON CONFLICT ("tenantId", day, network, sentiment) DO UPDATE SET mentions = EXCLUDED.mentions`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "MentionTermDayRollup" AS r ("tenantId", day, "sourceId", mentions) ${recountedTerms(ctx, range)}
          ON CONFLICT ("tenantId", day, "sourceId") DO UPDATE SET mentions = EXCLUDED.mentions`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "LedgerDayRollup" AS r ("tenantId", day, source, credit, debit, entries) ${recountedLedger(ctx, range)}
          ON CONFLICT ("tenantId", day, source) DO UPDATE SET credit = EXCLUDED.credit, debit = EXCLUDED.debit, entries = EXCLUDED.entries`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "LinkDayRollup" AS r ("tenantId", day, network, links) ${recountedLinks(ctx, range)}
          ON CONFLICT ("tenantId", day, network) DO UPDATE SET links = EXCLUDED.links`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "CustomerPointsDayRollup" AS r ("tenantId", "customerId", day, earned) ${recountedCustomerDays(ctx, range)}
          ON CONFLICT ("tenantId", "customerId", day) DO UPDATE SET earned = EXCLUDED.earned`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "CustomerPointsMonthRollup" AS r ("tenantId", month, "customerId", earned) ${recountedCustomerMonths(ctx, range)}
          ON CONFLICT ("tenantId", month, "customerId") DO UPDATE SET earned = EXCLUDED.earned`),
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO "MentionPointsDayRollup" AS r ("tenantId", day, "mentionId", points) ${recountedMentionPoints(ctx, range)}
          ON CONFLICT ("tenantId", day, "mentionId") DO UPDATE SET points = EXCLUDED.points`),
      ];
      return { rows: counts.reduce((a, b) => a + b, 0) };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
}

function isSerializationFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify(error)}` : String(error);
  return text.includes("40001") || text.includes("P2034") || text.includes("could not serialize");
}
