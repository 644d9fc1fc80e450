import type { TenantContext } from "../../auth/tenant-context";
import { Prisma } from "../../db/generated/client";
import type { BrandLedgerFilter } from "./brand-ledger.schemas";

const DAY_MS = 86_400_000;

/** The filter's days as a half-open UTC range: `from` at midnight, up to the midnight after `to`. */
export function dayRange(filter: Pick<BrandLedgerFilter, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
    ...(filter.to ? { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS) } : {}),
  };
}

/** Timestamps are stored in UTC without a zone: compare with UTC wall-clock text. */
export const utc = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");

/**
 * Ledger ids begin with their insertion time in hex milliseconds (megaphone_id), so a day range is
 * also a range of the `(tenantId, id)` key: the index narrows the scan, `createdAt` stays the
 * exact test. An id is stamped at or after its transaction's `createdAt`, so the lower bound is
 * exact; the upper one allows an hour for a transaction that began before midnight.
 */
const ID_SLACK_MS = 3_600_000;
const idAt = (ms: number) => `led_${Math.max(0, ms).toString(16).padStart(12, "0")}`;

export function idRange(filter: Pick<BrandLedgerFilter, "from" | "to">): { gte?: string; lt?: string } {
  const range = dayRange(filter);
  return {
    ...(range.gte ? { gte: idAt(range.gte.getTime()) } : {}),
    ...(range.lt ? { lt: idAt(range.lt.getTime() + ID_SLACK_MS) } : {}),
  };
}

/** The filter as a Prisma `where`, always under the context's tenant; `before` is a keyset cursor. */
export function ledgerWhere(ctx: TenantContext, filter: BrandLedgerFilter, options: { before?: string | undefined } = {}): Prisma.LedgerEntryWhereInput {
  const range = dayRange(filter);
  const ids = idRange(filter);
  // The cursor and the day range both bound the id from above: the tighter one wins.
  const lt = options.before && (!ids.lt || options.before < ids.lt) ? options.before : ids.lt;
  const id = { ...(ids.gte ? { gte: ids.gte } : {}), ...(lt ? { lt } : {}) };
  return {
    tenantId: ctx.tenantId,
    ...(filter.kind ? { source: filter.kind } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    ...(range.gte || range.lt ? { createdAt: range } : {}),
    ...(id.gte || id.lt ? { id } : {}),
  };
}

/**
 * The filter's conditions other than the tenant, as a fragment to splice after a statement's own
 * `"tenantId" = …` predicate (alias `e` for the ledger). Days are optional here: the liability
 * applies its own range to find the opening balance.
 */
export function ledgerSqlConditions(filter: BrandLedgerFilter, options: { withDays: boolean }): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.kind) parts.push(Prisma.sql`e.source = ${filter.kind}::"LedgerSource"`);
  if (filter.customerId) parts.push(Prisma.sql`e."customerId" = ${filter.customerId}`);
  if (filter.ruleId) parts.push(Prisma.sql`e."ruleId" = ${filter.ruleId}`);
  if (filter.campaignId) parts.push(Prisma.sql`e."campaignId" = ${filter.campaignId}`);
  if (options.withDays) {
    const range = dayRange(filter);
    if (range.gte) parts.push(Prisma.sql`e."createdAt" >= ${utc(range.gte)}::timestamp`);
    if (range.lt) parts.push(Prisma.sql`e."createdAt" < ${utc(range.lt)}::timestamp`);
    const ids = idRange(filter);
    if (ids.gte) parts.push(Prisma.sql`e.id >= ${ids.gte}`);
    if (ids.lt) parts.push(Prisma.sql`e.id < ${ids.lt}`);
  }
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}
