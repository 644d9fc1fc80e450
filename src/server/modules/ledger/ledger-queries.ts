import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { assertCustomerOfTenant } from "./ledger-customer";
import { describeEntry } from "./ledger-explanation";
import { LEDGER_ENTRY_SELECT, parseExplanation, toLedgerEntryDto } from "./ledger.mapper";
import { ZLedgerEntryId, ZLedgerPageQuery, type BalanceDto, type LedgerPage, type LedgerPageQuery } from "./ledger.schemas";

/** A customer's points now and ever earned; a customer with no entries has 0 and 0. */
export async function getBalance(ctx: TenantContext, customerId: string): Promise<BalanceDto> {
  assertCan(ctx, "ledger:read");
  const db = getDb();
  const [row] = await Promise.all([
    db.pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId }, select: { balance: true, lifetimeEarned: true } }),
    assertCustomerOfTenant(db, ctx, customerId),
  ]);
  return { customerId, balance: row?.balance ?? 0, lifetimeEarned: row?.lifetimeEarned ?? 0 };
}

/** A customer's history, newest first, each entry with its explanation and one-line summary. */
export async function listLedgerEntries(ctx: TenantContext, customerId: string, rawQuery: LedgerPageQuery = {}): Promise<LedgerPage> {
  assertCan(ctx, "ledger:read");
  const query = ZLedgerPageQuery.parse(rawQuery);
  const db = getDb();
  await assertCustomerOfTenant(db, ctx, customerId);
  const where = { tenantId: ctx.tenantId, customerId };
  const [rows, total] = await Promise.all([
    db.ledgerEntry.findMany({
      where,
      select: LEDGER_ENTRY_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.ledgerEntry.count({ where }),
  ]);
  return { items: rows.map(toLedgerEntryDto), total, page: query.page, pageSize: query.pageSize };
}

/** "Why N points": one line built from what the entry stored when it was posted. */
export async function explainEntry(ctx: TenantContext, entryId: string): Promise<string> {
  assertCan(ctx, "ledger:read");
  if (!ZLedgerEntryId.safeParse(entryId).success) throw AppError.notFound("ledger entry");
  const row = await getDb().ledgerEntry.findFirst({
    where: { tenantId: ctx.tenantId, id: entryId },
    select: { amount: true, source: true, explanation: true },
  });
  if (!row) throw AppError.notFound("ledger entry");
  return describeEntry({ amount: row.amount, source: row.source, explanation: parseExplanation(row.explanation) });
}
