import type { TenantContext } from "../../../auth/tenant-context";
import type { DbTx } from "../../../db/client";
import { AppError } from "../../../errors";
import { pointsHolderOf } from "../../ledger/ledger-customer";
import { lockBalance } from "../../ledger/point-balance";
import { reverseLedgerEntry } from "../../ledger/reverse-entry";

/** Why a mention's awards are taken back; each reason has its own idempotency-key prefix. */
export type MentionReversalReason = { kind: "deleted-upstream" } | { kind: "disqualified"; note: string; actorUserId: string | null };

export interface MentionEntryReversal {
  mentionId: string;
  entryId: string;
  customerId: string;
  originalAmount: number;
  /** The reversal entry (written now or earlier); null when nothing could be taken back. */
  reversalEntryId: string | null;
  /** Points taken back (positive), 0 when the customer had spent them all. */
  takenBack: number;
  clamped: boolean;
  /** True when this call wrote the reversal. */
  reversedNow: boolean;
}

const LEDGER_REASON_MAX = 500;

/**
 * The key of "reverse entry X because of this mention event". Derived from the original entry
 * only, so a re-run, a redelivered job or a concurrent twin asks for the same reversal; and the
 * ledger's unique `reversesId` makes sure an entry is reversed once whatever the reason
 * (a disqualified mention later deleted upstream is not reversed again).
 */
export function mentionReversalKey(reason: MentionReversalReason["kind"], entryId: string): string {
  return `mention-${reason}:${entryId}`;
}

function ledgerReason(reason: MentionReversalReason): string {
  if (reason.kind === "deleted-upstream") return "deleted upstream";
  return `disqualified: ${reason.note}`.slice(0, LEDGER_REASON_MAX);
}

/**
 * Reverses every earning entry (positive, not itself a reversal) of these mentions, inside the
 * caller's transaction, which must already hold the mentions' row locks. Entries are taken in
 * (customer, id) order so concurrent callers lock balances in one order and cannot deadlock.
 *
 * The ledger clamps a reversal to what the customer still holds; when they hold nothing the
 * ledger refuses a zero entry, and the entry is reported with `takenBack: 0` and no reversal
 * (the points were spent: we do not chase them out of future earnings).
 */
export async function reverseMentionAwards(tx: DbTx, ctx: TenantContext, mentionIds: string[], reason: MentionReversalReason): Promise<MentionEntryReversal[]> {
  if (mentionIds.length === 0) return [];
  const entries = await tx.ledgerEntry.findMany({
    where: { tenantId: ctx.tenantId, mentionId: { in: mentionIds }, source: { not: "REVERSAL" }, reversesId: null, amount: { gt: 0 } },
    select: { id: true, customerId: true, amount: true, mentionId: true },
    orderBy: [{ customerId: "asc" }, { id: "asc" }],
  });
  const out: MentionEntryReversal[] = [];
  for (const entry of entries) {
    const base = { mentionId: entry.mentionId!, entryId: entry.id, customerId: entry.customerId, originalAmount: entry.amount };
    try {
      const result = await reverseLedgerEntry(tx, ctx, {
        entryId: entry.id,
        reason: ledgerReason(reason),
        idempotencyKey: mentionReversalKey(reason.kind, entry.id),
        actorUserId: reason.kind === "disqualified" ? reason.actorUserId : null,
      });
      out.push({
        ...base,
        reversalEntryId: result.entry.id,
        takenBack: -result.entry.amount,
        clamped: result.clamped,
        reversedNow: !result.alreadyReversed,
      });
    } catch (error) {
      // reverseLedgerEntry refuses (CONFLICT, before writing anything) when the balance is 0.
      if (error instanceof AppError && error.code === "CONFLICT" && (await lockBalance(tx, ctx, await pointsHolderOf(tx, ctx, entry.customerId))) === 0) {
        out.push({ ...base, reversalEntryId: null, takenBack: 0, clamped: true, reversedNow: false });
        continue;
      }
      throw error;
    }
  }
  return out;
}

/**
 * The state of a mention's earning entries and their reversals, read back from the ledger:
 * what a repeated request answers, identical to what the first one answered.
 */
export async function describeMentionReversals(tx: DbTx, ctx: TenantContext, mentionId: string): Promise<Omit<MentionEntryReversal, "reversedNow">[]> {
  const entries = await tx.ledgerEntry.findMany({
    where: { tenantId: ctx.tenantId, mentionId, source: { not: "REVERSAL" }, reversesId: null, amount: { gt: 0 } },
    select: { id: true, customerId: true, amount: true, reversal: { select: { id: true, amount: true } } },
    orderBy: [{ customerId: "asc" }, { id: "asc" }],
  });
  return entries.map((e) => ({
    mentionId,
    entryId: e.id,
    customerId: e.customerId,
    originalAmount: e.amount,
    reversalEntryId: e.reversal?.id ?? null,
    takenBack: e.reversal ? -e.reversal.amount : 0,
    clamped: !e.reversal || -e.reversal.amount !== e.amount,
  }));
}
