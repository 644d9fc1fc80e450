import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { insertEntryRow } from "./insert-entry";
import { pointsHolderOf } from "./ledger-customer";
import { formatPoints } from "./ledger-explanation";
import { ZLedgerEntryId } from "./ledger.schemas";
import type { AwardExplanation, PostedLedgerEntry } from "./ledger.types";
import { creditBalance, debitBalance, lockBalance } from "./point-balance";

export interface ReverseEntryInput {
  entryId: string;
  reason: string;
  /** Defaults to `reversal:<entryId>`, so any retry of "reverse X" is the same request. */
  idempotencyKey?: string;
  actorUserId?: string | null;
  /** Set only by cancelRedemption: a spend on a reward is given back by cancelling the redemption. */
  cancelsRedemption?: boolean;
}

export interface ReversalResult {
  /** The reversal entry: the new one, or the one that already existed. */
  entry: PostedLedgerEntry & { reversesId: string };
  /** True when the entry had been reversed before (a retry, or a concurrent caller won). */
  alreadyReversed: boolean;
  originalAmount: number;
  /** True when the customer had spent some of the points and less than all could be taken back. */
  clamped: boolean;
  /** What happened, in words for the person who asked. */
  message: string;
}

const REVERSAL_SELECT = { id: true, customerId: true, amount: true, idempotencyKey: true, reversesId: true } as const;

/**
 * Undoes an entry with a new, opposite entry that points at it. An entry is reversed at most
 * once (unique reversesId): reversing again, also concurrently, returns the existing reversal.
 *
 * Taking back points the customer has already spent is clamped to the balance (a balance never
 * goes below zero) and the explanation records it; with nothing left to take back the call is
 * refused (CONFLICT) rather than writing a zero entry, so the entry can still be reversed later.
 * Every refusal (NOT_FOUND, BAD_REQUEST, CONFLICT) is thrown before anything is written and
 * after no failed statement, so a caller may catch it and go on using the transaction
 * (mentions/reversals does, per entry).
 */
export async function reverseLedgerEntry(tx: DbTx, ctx: TenantContext, input: ReverseEntryInput): Promise<ReversalResult> {
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > 500) throw new AppError("BAD_REQUEST", "the reason must be 3..500 characters");
  if (!ZLedgerEntryId.safeParse(input.entryId).success) throw AppError.notFound("ledger entry");

  const original = await tx.ledgerEntry.findFirst({
    where: { tenantId: ctx.tenantId, id: input.entryId },
    select: { id: true, customerId: true, amount: true, source: true, reversesId: true, ruleId: true, mentionId: true, campaignId: true, redemptionId: true },
  });
  if (!original) throw AppError.notFound("ledger entry");
  if (original.source === "REVERSAL" || original.reversesId) {
    throw new AppError("BAD_REQUEST", "a reversal cannot itself be reversed; make an adjustment instead");
  }
  if (original.source === "REDEMPTION" && !input.cancelsRedemption) {
    // Otherwise the points would come back while the redemption (and its code) stays valid.
    throw new AppError("BAD_REQUEST", "points spent on a reward are given back by cancelling the redemption");
  }

  // An entry of a merged-away customer is undone on the survivor, which holds its points now.
  const holder = await pointsHolderOf(tx, ctx, original.customerId);
  let amount = -original.amount;
  if (amount < 0) {
    // Hold the balance row so the amount we clamp to is still there when we take it; a
    // concurrent reversal of the same entry waits here and then finds ours below.
    const balance = await lockBalance(tx, ctx, holder);
    const existing = await findReversal(tx, ctx, original.id);
    if (existing) return alreadyReversed(existing, original.amount);
    if (balance === 0) {
      throw new AppError("CONFLICT", `nothing to take back: the customer has already spent the ${formatPoints(original.amount)} of this entry (balance 0)`);
    }
    amount = -Math.min(balance, original.amount);
  } else {
    const existing = await findReversal(tx, ctx, original.id);
    if (existing) return alreadyReversed(existing, original.amount);
  }

  const clamped = amount !== -original.amount;
  const explanation: AwardExplanation = {
    formula: clamped
      ? `${signed(amount)} to reverse ${signed(original.amount)}, clamped to the balance`
      : `${signed(amount)} to reverse ${signed(original.amount)}`,
    reversal: { reason, originalAmount: original.amount, ...(clamped ? { clampedTo: amount } : {}) },
  };
  const row = await insertEntryRow(tx, ctx, {
    customerId: holder,
    amount,
    source: "REVERSAL",
    idempotencyKey: input.idempotencyKey ?? `reversal:${original.id}`,
    reversesId: original.id,
    ruleId: original.ruleId,
    mentionId: original.mentionId,
    campaignId: original.campaignId,
    redemptionId: original.redemptionId,
    actorUserId: input.actorUserId ?? null,
    explanation,
  });
  if (!row) {
    // Lost a race on reversesId (the winner has committed: we waited for it), or the key is taken.
    const existing = await findReversal(tx, ctx, original.id);
    if (existing) return alreadyReversed(existing, original.amount);
    throw new AppError("CONFLICT", "this idempotency key was already used for another ledger entry");
  }

  if (amount < 0) {
    // Cannot fail: we hold the row lock and clamped to what it holds.
    if ((await debitBalance(tx, ctx, holder, -amount)) === null) {
      throw new AppError("INTERNAL", "balance changed under a held lock");
    }
  } else {
    await creditBalance(tx, ctx, holder, amount, 0);
  }

  const taken = Math.abs(amount);
  const message =
    amount > 0
      ? `gave back ${formatPoints(taken)}`
      : clamped
        ? `took back only ${taken} of ${formatPoints(original.amount)}: the customer had already spent the rest`
        : `took back ${formatPoints(taken)}`;
  return { entry: { ...row, reversesId: original.id }, alreadyReversed: false, originalAmount: original.amount, clamped, message };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

async function findReversal(tx: DbTx, ctx: TenantContext, entryId: string) {
  return tx.ledgerEntry.findFirst({ where: { tenantId: ctx.tenantId, reversesId: entryId }, select: REVERSAL_SELECT });
}

function alreadyReversed(
  existing: { id: string; customerId: string; amount: number; idempotencyKey: string; reversesId: string | null },
  originalAmount: number,
): ReversalResult {
  const { reversesId, ...entry } = existing;
  return {
    entry: { ...entry, reversesId: reversesId ?? "" },
    alreadyReversed: true,
    originalAmount,
    clamped: existing.amount !== -originalAmount,
    message: `already reversed by ${existing.id}; nothing changed`,
  };
}
