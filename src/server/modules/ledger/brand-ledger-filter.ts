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

/** The filter as a Prisma `where`, always under the context's tenant. */
export function ledgerWhere(ctx: TenantContext, filter: BrandLedgerFilter): Prisma.LedgerEntryWhereInput {
  const range = dayRange(filter);
  return {
    tenantId: ctx.tenantId,
    ...(filter.kind ? { source: filter.kind } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    ...(range.gte || range.lt ? { createdAt: range } : {}),
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
  }
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}
