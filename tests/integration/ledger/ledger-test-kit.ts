import { expect } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, type DbTx } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import type { NewLedgerEntry, PostedLedgerEntry } from "../../../src/server/modules/ledger/ledger.types";

export async function expectAppError(promise: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

/** An earning entry as scoring would post it for a mention. */
export function mentionAward(customerId: string, key: string, amount: number, extra: Partial<NewLedgerEntry> = {}): NewLedgerEntry {
  return {
    customerId,
    amount,
    source: "MENTION",
    idempotencyKey: key,
    mentionId: `men_${key}`,
    ruleId: "rule_test",
    explanation: { formula: `${amount} base`, rule: { id: "rule_test", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: amount } },
    ...extra,
  };
}

export function inTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return getDb().$transaction(fn, { timeout: 20_000, maxWait: 20_000 });
}

export function post(ctx: TenantContext, entries: NewLedgerEntry[]): Promise<PostedLedgerEntry[]> {
  return inTx((tx) => postLedgerEntries(tx, ctx, entries));
}

export async function balanceOf(ctx: TenantContext, customerId: string): Promise<{ balance: number; lifetimeEarned: number }> {
  const row = await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId }, select: { balance: true, lifetimeEarned: true } });
  return row ?? { balance: 0, lifetimeEarned: 0 };
}

export async function entryCount(ctx: TenantContext, customerId?: string): Promise<number> {
  return getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, ...(customerId ? { customerId } : {}) } });
}
