import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";

/**
 * The cached balance (PointBalance) moves only here and in postLedgerEntries, always in the
 * transaction that appends the matching ledger entry.
 */

/** True when Postgres refused a write because a balance would go below zero. */
export function isBalanceCheckViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { meta?: unknown }).meta;
  return `${error.message} ${JSON.stringify(meta ?? {})}`.includes("PointBalance_balance_nonnegative");
}

/** Adds points (creating the balance row on a customer's first entry). */
export async function creditBalance(tx: DbTx, ctx: TenantScope, customerId: string, amount: number, earned: number): Promise<number> {
  const rows = await tx.$queryRaw<{ balance: number }[]>`
    INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
    VALUES (${ctx.tenantId}, ${customerId}, ${amount}, ${earned}, now())
    ON CONFLICT ("tenantId", "customerId") DO UPDATE SET
      balance = "PointBalance".balance + EXCLUDED.balance,
      "lifetimeEarned" = "PointBalance"."lifetimeEarned" + EXCLUDED."lifetimeEarned",
      "updatedAt" = now()
    RETURNING balance`;
  return rows[0]?.balance ?? 0;
}

/**
 * Takes points only if the balance covers them: one conditional UPDATE, never read-then-write,
 * so concurrent spenders queue on the row and each sees the balance the previous one left.
 * Returns the new balance, or null when the balance was too small (nothing changed).
 */
export async function debitBalance(tx: DbTx, ctx: TenantScope, customerId: string, points: number): Promise<number | null> {
  const rows = await tx.$queryRaw<{ balance: number }[]>`
    UPDATE "PointBalance" SET balance = balance - ${points}, "updatedAt" = now()
    WHERE "tenantId" = ${ctx.tenantId} AND "customerId" = ${customerId} AND balance >= ${points}
    RETURNING balance`;
  return rows[0]?.balance ?? null;
}

/** Locks the customer's balance row for the rest of the transaction and reads it (0 if none). */
export async function lockBalance(tx: DbTx, ctx: TenantScope, customerId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ balance: number }[]>`
    SELECT balance FROM "PointBalance" WHERE "tenantId" = ${ctx.tenantId} AND "customerId" = ${customerId} FOR UPDATE`;
  return rows[0]?.balance ?? 0;
}

export async function readBalance(tx: DbTx, ctx: TenantScope, customerId: string): Promise<number> {
  const row = await tx.pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId }, select: { balance: true } });
  return row?.balance ?? 0;
}
