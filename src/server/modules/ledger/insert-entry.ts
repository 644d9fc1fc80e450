import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import type { NewLedgerEntry, PostedLedgerEntry } from "./ledger.types";

export type LedgerRow = NewLedgerEntry & { reversesId?: string | null };

/**
 * Appends one entry WITHOUT moving the balance: for flows that move it themselves with a
 * conditional update (redemption, negative adjustment, clamped reversal). The caller has
 * checked that the customer belongs to the tenant.
 *
 * `ON CONFLICT DO NOTHING` with no target covers both unique keys: the idempotency key (a
 * replay) and `reversesId` (an entry already reversed, possibly by a concurrent transaction,
 * whose commit this insert waits for). Returns null when either one was already taken.
 */
export async function insertEntryRow(tx: DbTx, ctx: TenantScope, entry: LedgerRow): Promise<PostedLedgerEntry | null> {
  const rows = await tx.$queryRaw<PostedLedgerEntry[]>`
    INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "ruleId", "mentionId",
                               "campaignId", "redemptionId", "reversesId", "actorUserId", explanation)
    VALUES (${ctx.tenantId}, ${entry.customerId}, ${entry.amount}, ${entry.source}::"LedgerSource", ${entry.idempotencyKey},
            ${entry.ruleId ?? null}, ${entry.mentionId ?? null}, ${entry.campaignId ?? null}, ${entry.redemptionId ?? null},
            ${entry.reversesId ?? null}, ${entry.actorUserId ?? null}, ${JSON.stringify(entry.explanation)}::jsonb)
    ON CONFLICT DO NOTHING
    RETURNING id, "customerId", amount, "idempotencyKey"`;
  return rows[0] ?? null;
}

export async function findEntryByKey(tx: DbTx, ctx: TenantScope, idempotencyKey: string) {
  return tx.ledgerEntry.findFirst({
    where: { tenantId: ctx.tenantId, idempotencyKey },
    select: { id: true, customerId: true, amount: true, idempotencyKey: true, source: true, reversesId: true, explanation: true },
  });
}
