import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { insertEntryRow } from "./insert-entry";
import { formatPoints } from "./ledger-explanation";
import { creditBalance, debitBalance, lockBalance } from "./point-balance";

export interface MergedPoints {
  /** Points moved (the merged customer's whole balance); 0: nothing to move, no entries written. */
  moved: number;
  outEntryId: string | null;
  inEntryId: string | null;
  survivorBalance: number;
}

/**
 * Moves a merged customer's whole balance to the survivor as a MERGE pair: a debit bringing the
 * merged record to 0 and a credit of the same amount on the survivor, the second naming the first.
 * Existing entries are never touched (the ledger is append-only); keys are derived from the merged
 * customer, who can be merged once, so a replay writes nothing twice. Neither entry counts as
 * earned (lifetimeEarned stays with the customer who earned it). The caller holds both customers'
 * row locks and has checked they are live customers of the tenant.
 */
export async function moveBalanceOnMerge(tx: DbTx, ctx: TenantContext, mergedId: string, survivorId: string): Promise<MergedPoints> {
  // Balance rows locked in id order, as postLedgerEntries orders them, so merges cannot deadlock.
  const [first, second] = [mergedId, survivorId].sort();
  const locked = new Map([
    [first!, await lockBalance(tx, ctx, first!)],
    [second!, await lockBalance(tx, ctx, second!)],
  ]);
  const amount = locked.get(mergedId) ?? 0;
  const survivorBefore = locked.get(survivorId) ?? 0;
  if (amount === 0) return { moved: 0, outEntryId: null, inEntryId: null, survivorBalance: survivorBefore };

  const actorUserId = ctx.actor.type === "USER" ? ctx.actor.id : null;
  const out = await insertEntryRow(tx, ctx, {
    customerId: mergedId,
    amount: -amount,
    source: "MERGE",
    idempotencyKey: `merge-out:${mergedId}`,
    actorUserId,
    explanation: {
      formula: `−${amount} moved to ${survivorId}`,
      note: `${formatPoints(amount)} moved to customer ${survivorId}: this record was merged into it, which holds the points from now on`,
      merge: { direction: "out", mergedId, survivorId },
    },
  });
  if (!out) throw new AppError("CONFLICT", "this customer's points were already moved by an earlier merge");
  const into = await insertEntryRow(tx, ctx, {
    customerId: survivorId,
    amount,
    source: "MERGE",
    idempotencyKey: `merge-in:${mergedId}`,
    actorUserId,
    explanation: {
      formula: `+${amount} from ${mergedId}`,
      note: `${formatPoints(amount)} moved from customer ${mergedId}, merged into this one (entry ${out.id})`,
      merge: { direction: "in", mergedId, survivorId, pairEntryId: out.id },
    },
  });
  if (!into) throw new AppError("CONFLICT", "this customer's points were already moved by an earlier merge");

  // Cannot fail: the row is locked and we take exactly what it holds.
  if ((await debitBalance(tx, ctx, mergedId, amount)) !== 0) throw new AppError("INTERNAL", "balance changed under a held lock");
  const survivorBalance = await creditBalance(tx, ctx, survivorId, amount, 0);
  return { moved: amount, outEntryId: out.id, inEntryId: into.id, survivorBalance };
}
