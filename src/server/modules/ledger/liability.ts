import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { dayRange, ledgerSqlConditions, utc } from "./brand-ledger-filter";
import { ZBrandLedgerFilter, type BrandLedgerFilter, type LiabilityByRef, type LiabilityDay, type LiabilityReport } from "./brand-ledger.schemas";

/*
 * The liability is what customers hold: every point earned and not yet spent, expired or taken
 * back. Each movement is classed by its entry's source:
 *   earned    MENTION, CHECKIN, SHARE, LINK_ACCOUNT, and a positive ADJUSTMENT (goodwill is earned)
 *   redeemed  REDEMPTION (spent)
 *   expired   EXPIRY
 *   reversed  REVERSAL: points taken back, less points given back (a cancelled redemption's refund)
 *   other     a negative ADJUSTMENT, and MERGE pairs (which cancel out within the brand)
 * so earned − redeemed − expired − reversed − other is the sum of the amounts, and the running
 * outstanding equals the sum of every customer's balance. Everything is summed in Postgres, one
 * grouped pass over the brand's entries; nothing is read row by row.
 */
const EARNED = Prisma.sql`(e.source IN ('MENTION', 'CHECKIN', 'SHARE', 'LINK_ACCOUNT') OR (e.source = 'ADJUSTMENT' AND e.amount > 0))`;
const OTHER = Prisma.sql`(e.source = 'MERGE' OR (e.source = 'ADJUSTMENT' AND e.amount < 0))`;

const DAY_MS = 86_400_000;
/** Gaps are filled with zero days for the chart, but never more than about ten years of them. */
const MAX_FILLED_DAYS = 3_660;

interface DayRow {
  day: string;
  earned: bigint;
  redeemed: bigint;
  expired: bigint;
  reversed: bigint;
  other: bigint;
  net: bigint;
}

export async function dailyLiability(ctx: TenantContext, rawFilter: BrandLedgerFilter = {}): Promise<LiabilityReport> {
  assertCan(ctx, "ledger:read");
  const filter = ZBrandLedgerFilter.parse(rawFilter);
  const db = getDb();
  const range = dayRange(filter);
  const conditions = ledgerSqlConditions(filter, { withDays: true });
  const [rows, openingRows] = await Promise.all([
    db.$queryRaw<DayRow[]>(Prisma.sql`
      SELECT to_char(date_trunc('day', e."createdAt"), 'YYYY-MM-DD') AS day,
             COALESCE(SUM(e.amount) FILTER (WHERE ${EARNED}), 0)::bigint AS earned,
             COALESCE(-SUM(e.amount) FILTER (WHERE e.source = 'REDEMPTION'), 0)::bigint AS redeemed,
             COALESCE(-SUM(e.amount) FILTER (WHERE e.source = 'EXPIRY'), 0)::bigint AS expired,
             COALESCE(-SUM(e.amount) FILTER (WHERE e.source = 'REVERSAL'), 0)::bigint AS reversed,
             COALESCE(-SUM(e.amount) FILTER (WHERE ${OTHER}), 0)::bigint AS other,
             SUM(e.amount)::bigint AS net
        FROM "LedgerEntry" e
       WHERE e."tenantId" = ${ctx.tenantId}${conditions}
       GROUP BY 1
       ORDER BY 1`),
    range.gte
      ? db.$queryRaw<{ opening: bigint }[]>(Prisma.sql`
          SELECT COALESCE(SUM(e.amount), 0)::bigint AS opening
            FROM "LedgerEntry" e
           WHERE e."tenantId" = ${ctx.tenantId}${ledgerSqlConditions(filter, { withDays: false })}
             AND e."createdAt" < ${utc(range.gte)}::timestamp`)
      : Promise.resolve([{ opening: 0n }]),
  ]);
  const opening = Number(openingRows[0]?.opening ?? 0n);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const first = filter.from ?? rows[0]?.day;
  const last = filter.to ?? rows.at(-1)?.day;
  const days: LiabilityDay[] = [];
  let outstanding = opening;
  for (const day of first && last ? daysBetween(first, last) : []) {
    const row = byDay.get(day);
    const net = Number(row?.net ?? 0n);
    outstanding += net;
    days.push({
      day,
      earned: Number(row?.earned ?? 0n),
      redeemed: Number(row?.redeemed ?? 0n),
      expired: Number(row?.expired ?? 0n),
      reversed: Number(row?.reversed ?? 0n),
      other: Number(row?.other ?? 0n),
      net,
      outstanding,
    });
  }
  const sum = (key: "earned" | "redeemed" | "expired" | "reversed" | "other" | "net") => rows.reduce((total, r) => total + Number(r[key]), 0);
  return {
    opening,
    days,
    totals: {
      earned: sum("earned"),
      redeemed: sum("redeemed"),
      expired: sum("expired"),
      reversed: sum("reversed"),
      other: sum("other"),
      net: sum("net"),
      outstanding: opening + sum("net"),
    },
  };
}

function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end && out.length < MAX_FILLED_DAYS; at += DAY_MS) {
    out.push(new Date(at).toISOString().slice(0, 10));
  }
  return out;
}

interface RefRow {
  id: string | null;
  name: string | null;
  entries: bigint;
  customers: bigint;
  earned: bigint;
  reversed: bigint;
  net: bigint;
}

/**
 * Totals per campaign or per rule under the filter, largest earner first, with one row for the
 * entries that name none (redemptions, adjustments, expiries), so the rows add up to the whole.
 * A reversal carries its original's rule and campaign, so it lowers the right row.
 */
export async function liabilityBy(ctx: TenantContext, by: "campaign" | "rule", rawFilter: BrandLedgerFilter = {}): Promise<LiabilityByRef[]> {
  assertCan(ctx, "ledger:read");
  const filter = ZBrandLedgerFilter.parse(rawFilter);
  const conditions = ledgerSqlConditions(filter, { withDays: true });
  // The grouped pass runs first; names are joined to its few result rows, not to every entry.
  const sql =
    by === "campaign"
      ? Prisma.sql`
        WITH totals AS (${groupedTotals(ctx, Prisma.sql`e."campaignId"`, conditions)})
        SELECT t.*, c.name FROM totals t
          LEFT JOIN "Campaign" c ON c."tenantId" = ${ctx.tenantId} AND c.id = t.id
         ORDER BY t.earned DESC, t.net DESC, c.name`
      : Prisma.sql`
        WITH totals AS (${groupedTotals(ctx, Prisma.sql`e."ruleId"`, conditions)})
        SELECT t.*, r.name FROM totals t
          LEFT JOIN "PointRule" r ON r."tenantId" = ${ctx.tenantId} AND r.id = t.id
         ORDER BY t.earned DESC, t.net DESC, r.name`;
  const rows = await getDb().$queryRaw<RefRow[]>(sql);
  const none = by === "campaign" ? "No campaign" : "No rule";
  return rows.map((r) => ({
    id: r.id,
    name: r.id ? (r.name ?? r.id) : none,
    entries: Number(r.entries),
    customers: Number(r.customers),
    earned: Number(r.earned),
    reversed: Number(r.reversed),
    net: Number(r.net),
  }));
}

function groupedTotals(ctx: TenantContext, key: Prisma.Sql, conditions: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT ${key} AS id,
           COUNT(*)::bigint AS entries,
           COUNT(DISTINCT e."customerId")::bigint AS customers,
           COALESCE(SUM(e.amount) FILTER (WHERE ${EARNED}), 0)::bigint AS earned,
           COALESCE(-SUM(e.amount) FILTER (WHERE e.source = 'REVERSAL'), 0)::bigint AS reversed,
           SUM(e.amount)::bigint AS net
      FROM "LedgerEntry" e
     WHERE e."tenantId" = ${ctx.tenantId}${conditions}
     GROUP BY 1`;
}
