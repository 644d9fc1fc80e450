import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { Prisma } from "../../../src/server/db/generated/client";
import {
  recountedCustomerDays,
  recountedCustomerMonths,
  recountedLedger,
  recountedLinks,
  recountedMentionPoints,
  recountedMentions,
  recountedTerms,
  wholeMonths,
  type RecountRange,
} from "../../../src/server/modules/overview/rollup-recount";

/** A range wide enough for any test data: a year either side of today. */
export function wideRange(): RecountRange {
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { from: at(-366), to: at(366) };
}

type Row = Record<string, unknown>;
const text = (rows: Row[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "bigint" ? Number(v) : v])),
      ),
    )
    .sort();

/** Each rollup table's non-zero rows for the brand, beside the recount from the source tables. */
export async function rollupsAndRecount(ctx: TenantContext, range: RecountRange = wideRange()) {
  const db = getDb();
  const inRange = Prisma.sql`"tenantId" = ${ctx.tenantId} AND day BETWEEN ${range.from}::date AND ${range.to}::date`;
  const read = (sql: Prisma.Sql) => db.$queryRaw<Row[]>(sql).then(text);
  return {
    mentions: {
      rollup: await read(
        Prisma.sql`SELECT "tenantId", day, network::text AS network, sentiment, mentions FROM "MentionDayRollup" WHERE ${inRange} AND mentions <> 0`,
      ),
      recount: await read(Prisma.sql`SELECT "tenantId", day, network::text AS network, sentiment, mentions FROM (${recountedMentions(ctx, range)}) x`),
    },
    terms: {
      rollup: await read(Prisma.sql`SELECT "tenantId", day, "sourceId", mentions FROM "MentionTermDayRollup" WHERE ${inRange} AND mentions <> 0`),
      recount: await read(Prisma.sql`SELECT "tenantId", day, "sourceId", mentions FROM (${recountedTerms(ctx, range)}) x`),
    },
    ledger: {
      rollup: await read(
        Prisma.sql`SELECT "tenantId", day, source::text AS source, credit, debit, entries FROM "LedgerDayRollup" WHERE ${inRange} AND entries <> 0`,
      ),
      recount: await read(Prisma.sql`SELECT "tenantId", day, source::text AS source, credit, debit, entries FROM (${recountedLedger(ctx, range)}) x`),
    },
    links: {
      rollup: await read(Prisma.sql`SELECT "tenantId", day, network::text AS network, links FROM "LinkDayRollup" WHERE ${inRange} AND links <> 0`),
      recount: await read(Prisma.sql`SELECT "tenantId", day, network::text AS network, links FROM (${recountedLinks(ctx, range)}) x`),
    },
    customerDays: {
      rollup: await read(Prisma.sql`SELECT "tenantId", "customerId", day, earned FROM "CustomerPointsDayRollup" WHERE ${inRange} AND earned <> 0`),
      recount: await read(Prisma.sql`SELECT "tenantId", "customerId", day, earned FROM (${recountedCustomerDays(ctx, range)}) x WHERE earned <> 0`),
    },
    customerMonths: {
      rollup: await read(
        Prisma.sql`SELECT "tenantId", month, "customerId", earned FROM "CustomerPointsMonthRollup"
                    WHERE "tenantId" = ${ctx.tenantId} AND month BETWEEN ${wholeMonths(range).from}::date AND ${range.to}::date AND earned <> 0`,
      ),
      recount: await read(Prisma.sql`SELECT "tenantId", month, "customerId", earned FROM (${recountedCustomerMonths(ctx, range)}) x WHERE earned <> 0`),
    },
    mentionPoints: {
      rollup: await read(Prisma.sql`SELECT "tenantId", day, "mentionId", points FROM "MentionPointsDayRollup" WHERE ${inRange} AND points <> 0`),
      recount: await read(Prisma.sql`SELECT "tenantId", day, "mentionId", points FROM (${recountedMentionPoints(ctx, range)}) x WHERE points <> 0`),
    },
  };
}
