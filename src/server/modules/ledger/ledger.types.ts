import type { LedgerSource } from "../../db/generated/enums";

/**
 * Why an entry has the amount it has, stored with the entry (LedgerEntry.explanation) so a
 * screen can answer "why 37 points" without recomputing anything. Shared by scoring (which
 * builds it) and the ledger (which stores it).
 */
export interface AwardExplanation {
  rule?: { id: string; name: string; network: string; action: string; basePoints: number } | undefined;
  /** The author's follower count when the mention was collected. */
  followers?: number | undefined;
  influence?: { curve: string; factor: number; max: number; multiplier: number } | undefined;
  sentiment?: { score: number; label: string; minimum: number | null } | undefined;
  campaign?: { id: string; name: string; multiplier: number } | null | undefined;
  /** e.g. ["daily cap 100: 37 → 20"] */
  capsApplied?: string[] | undefined;
  /** Human-readable arithmetic, e.g. "10 × 2.35 influence × 1.5 campaign = 35". */
  formula: string;
  note?: string | undefined;
  /**
   * For reversals: why, and whether less than the original could be taken back. `clampedTo` is
   * the signed amount actually posted when it is smaller than −originalAmount (e.g. −30 of +100).
   */
  reversal?: { reason: string; originalAmount: number; clampedTo?: number } | undefined;
  /** For MERGE entries: which side of the pair this is; the credit names the debit it matches. */
  merge?: { direction: "out" | "in"; mergedId: string; survivorId: string; pairEntryId?: string } | undefined;
}

/** One entry to append. The idempotency key makes a retried or duplicated request a no-op. */
export interface NewLedgerEntry {
  customerId: string;
  amount: number;
  source: LedgerSource;
  idempotencyKey: string;
  ruleId?: string | null;
  mentionId?: string | null;
  campaignId?: string | null;
  redemptionId?: string | null;
  actorUserId?: string | null;
  explanation: AwardExplanation;
}

export interface PostedLedgerEntry {
  id: string;
  customerId: string;
  amount: number;
  idempotencyKey: string;
}
