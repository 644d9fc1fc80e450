import type { LedgerSource } from "../../db/generated/enums";
import { AppError } from "../../errors";
import type { NewLedgerEntry } from "./ledger.types";

/**
 * Sources whose positive amounts count toward PointBalance.lifetimeEarned. Refunds (a reversal
 * of a redemption), merges and expiries move points without anyone earning them.
 */
export const EARNING_SOURCES: readonly LedgerSource[] = ["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT", "ADJUSTMENT"];

export function countsAsEarning(source: LedgerSource, amount: number): boolean {
  return amount > 0 && EARNING_SOURCES.includes(source);
}

/** Postgres INTEGER: larger amounts would fail in the database with a less helpful message. */
const MAX_AMOUNT = 2_147_483_647;
const MAX_KEY_LENGTH = 200;

/**
 * Checks a batch and drops later repeats of an idempotency key (the first occurrence wins, as it
 * would had the entries arrived one by one). Reversals are refused here: they need `reversesId`
 * and the clamping rules of reverseLedgerEntry.
 */
export function prepareBatch(entries: readonly NewLedgerEntry[]): NewLedgerEntry[] {
  const seen = new Set<string>();
  const kept: NewLedgerEntry[] = [];
  entries.forEach((entry, index) => {
    const where = `entry ${index} (${entry.idempotencyKey})`;
    if (!Number.isInteger(entry.amount) || entry.amount === 0 || Math.abs(entry.amount) > MAX_AMOUNT) {
      throw new AppError("BAD_REQUEST", `${where}: amount must be a non-zero whole number, got ${entry.amount}`);
    }
    if (!entry.idempotencyKey || entry.idempotencyKey.length > MAX_KEY_LENGTH) {
      throw new AppError("BAD_REQUEST", `${where}: idempotency key must be 1..${MAX_KEY_LENGTH} characters`);
    }
    if (entry.source === "REVERSAL") {
      throw new AppError("BAD_REQUEST", `${where}: reversals go through reverseLedgerEntry`);
    }
    if (seen.has(entry.idempotencyKey)) return;
    seen.add(entry.idempotencyKey);
    kept.push(entry);
  });
  return kept;
}

/** Column-wise arrays for one `unnest(...)`: a batch of thousands travels as 10 parameters. */
export function toColumns(entries: readonly NewLedgerEntry[]) {
  return {
    customerIds: entries.map((e) => e.customerId),
    amounts: entries.map((e) => e.amount),
    sources: entries.map((e) => e.source as string),
    keys: entries.map((e) => e.idempotencyKey),
    ruleIds: entries.map((e) => e.ruleId ?? null),
    mentionIds: entries.map((e) => e.mentionId ?? null),
    campaignIds: entries.map((e) => e.campaignId ?? null),
    redemptionIds: entries.map((e) => e.redemptionId ?? null),
    actorUserIds: entries.map((e) => e.actorUserId ?? null),
    explanations: entries.map((e) => JSON.stringify(e.explanation)),
  };
}
