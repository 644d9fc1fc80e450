import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { EARNING_SOURCES, prepareBatch, toColumns } from "./ledger-batch";
import { isBalanceCheckViolation } from "./point-balance";
import type { NewLedgerEntry, PostedLedgerEntry } from "./ledger.types";

type ResultRow =
  | { kind: "posted"; id: string; customerId: string; amount: number; idempotencyKey: string }
  | { kind: "unknown-customer" | "below-zero"; id: null; customerId: string; amount: null; idempotencyKey: null };

/**
 * Appends a batch of entries and moves the cached balances, in one statement (one round trip
 * for thousands of entries), inside the caller's transaction.
 *
 * - An idempotency key already in the ledger, or repeated within the batch, is a no-op and is
 *   not returned: the caller learns exactly which entries took effect. Two transactions posting
 *   the same key: the second waits on the unique index until the first commits, then skips.
 * - Only the rows actually inserted move balances, summed per customer.
 * - A customer of another tenant (or none) refuses the whole batch (NOT_FOUND), before writing.
 * - A batch that would take a balance below zero is refused (CONFLICT); the caller's
 *   transaction must then roll back, which it does when the error propagates.
 */
export async function postLedgerEntries(tx: DbTx, ctx: TenantContext, entries: NewLedgerEntry[]): Promise<PostedLedgerEntry[]> {
  const batch = prepareBatch(entries);
  if (batch.length === 0) return [];
  let rows: ResultRow[];
  try {
    rows = await tx.$queryRaw<ResultRow[]>(postEntriesSql(ctx, batch));
  } catch (error) {
    if (isBalanceCheckViolation(error)) throw belowZero();
    throw error;
  }
  const unknown = rows.filter((r) => r.kind === "unknown-customer").map((r) => r.customerId);
  if (unknown.length) throw AppError.notFound(`customer ${unknown.join(", ")}`);
  if (rows.some((r) => r.kind === "below-zero")) throw belowZero();

  // Hand entries back in the order the caller gave them.
  const order = new Map(batch.map((e, i) => [e.idempotencyKey, i]));
  return rows
    .flatMap((r) => (r.kind === "posted" ? [{ id: r.id, customerId: r.customerId, amount: r.amount, idempotencyKey: r.idempotencyKey }] : []))
    .sort((a, b) => (order.get(a.idempotencyKey) ?? 0) - (order.get(b.idempotencyKey) ?? 0));
}

/** The single statement behind postLedgerEntries (exported for EXPLAIN in performance work). */
export function postEntriesSql(ctx: TenantContext, batch: NewLedgerEntry[]): Prisma.Sql {
  const c = toColumns(batch);
  return Prisma.sql`
        WITH input AS (
          SELECT * FROM unnest(
            ${c.customerIds}::text[], ${c.amounts}::int[], ${c.sources}::text[], ${c.keys}::text[],
            ${c.ruleIds}::text[], ${c.mentionIds}::text[], ${c.campaignIds}::text[], ${c.redemptionIds}::text[],
            ${c.actorUserIds}::text[], ${c.explanations}::jsonb[]
          ) AS u("customerId", amount, source, "idempotencyKey", "ruleId", "mentionId", "campaignId",
                 "redemptionId", "actorUserId", explanation)
        ),
        -- LedgerEntry's foreign key does not know tenants: check the customers ourselves.
        unknown_customers AS (
          SELECT DISTINCT i."customerId" FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM "Customer" cu WHERE cu."tenantId" = ${ctx.tenantId} AND cu.id = i."customerId")
        ),
        inserted AS (
          INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "ruleId",
                                     "mentionId", "campaignId", "redemptionId", "actorUserId", explanation)
          SELECT ${ctx.tenantId}, i."customerId", i.amount, i.source::"LedgerSource", i."idempotencyKey", i."ruleId",
                 i."mentionId", i."campaignId", i."redemptionId", i."actorUserId", i.explanation
          FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM unknown_customers)
          -- One key order for every caller, so concurrent batches wait on each other instead of deadlocking.
          ORDER BY i."idempotencyKey"
          ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
          RETURNING id, "customerId", amount, source, "idempotencyKey"
        ),
        deltas AS (
          SELECT "customerId",
                 sum(amount)::int AS delta,
                 coalesce(sum(amount) FILTER (WHERE amount > 0 AND source = ANY(${EARNING_SOURCES}::"LedgerSource"[])), 0)::int AS earned
          FROM inserted GROUP BY "customerId"
        ),
        -- Postgres checks CHECK (balance >= 0) on the proposed row before ON CONFLICT, so only
        -- non-negative deltas can go through the upsert; negative ones update an existing row.
        credited AS (
          INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
          SELECT ${ctx.tenantId}, "customerId", delta, earned, now() FROM deltas WHERE delta >= 0 ORDER BY "customerId"
          ON CONFLICT ("tenantId", "customerId") DO UPDATE SET
            balance = "PointBalance".balance + EXCLUDED.balance,
            "lifetimeEarned" = "PointBalance"."lifetimeEarned" + EXCLUDED."lifetimeEarned",
            "updatedAt" = now()
          RETURNING "customerId"
        ),
        debited AS (
          UPDATE "PointBalance" pb SET
            balance = pb.balance + d.delta,
            "lifetimeEarned" = pb."lifetimeEarned" + d.earned,
            "updatedAt" = now()
          FROM deltas d
          WHERE pb."tenantId" = ${ctx.tenantId} AND pb."customerId" = d."customerId" AND d.delta < 0
          RETURNING pb."customerId"
        )
        SELECT 'posted' AS kind, id, "customerId", amount, "idempotencyKey" FROM inserted
        UNION ALL
        SELECT 'unknown-customer', NULL, "customerId", NULL, NULL FROM unknown_customers
        UNION ALL
        -- A negative delta for a customer without a balance row would go below zero.
        SELECT 'below-zero', NULL, d."customerId", NULL, NULL FROM deltas d
        WHERE d.delta < 0 AND NOT EXISTS (SELECT 1 FROM debited x WHERE x."customerId" = d."customerId")
      `;
}

function belowZero(): AppError {
  return new AppError("CONFLICT", "these entries would take a customer's balance below zero; nothing was posted");
}
