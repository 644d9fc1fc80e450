import type { TenantScope } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { withRawTransaction, type RawTransaction, type SqlRunner } from "../../db/raw-sql";
import { AppError } from "../../errors";
import { formatPoints } from "../ledger/ledger-explanation";
import { readBalance } from "../ledger/point-balance";
import { nudgeNotificationDrain } from "../notifications/schedule-notifications";
import { generateRewardCode } from "./code-list";
import { lockBalanceAndRead, redemptionWrite, writeOutcome, type RedemptionWrite, type WriteRow } from "./redeem-statements";
import { REDEMPTION_SELECT, toRedemptionDto, windowState, type RedemptionRow } from "./reward.mapper";
import type { RedemptionDto } from "./reward.schemas";
import { assertTierAllows } from "./tier-gate";

export interface RedemptionResult {
  redemption: RedemptionDto;
  /** The REDEMPTION entry (negative amount) that paid for it. */
  ledgerEntryId: string;
  /** The customer's balance now. */
  balance: number;
  /** True when this idempotency key had already redeemed: the first redemption is returned. */
  replayed: boolean;
}

export interface RedeemRequest {
  customerId: string;
  rewardId: string;
  idempotencyKey: string;
  /** Staff user who redeemed on the customer's behalf, recorded on the ledger entry. */
  actorUserId: string | null;
  /** How refusals name the customer: "you" in the portal, "the customer" for staff. */
  who: "you" | "the customer";
}

/**
 * The one redemption path, for staff and for the portal. Everything lands in one transaction or
 * nothing does: redemption, points, stock, code, ledger entry and audit.
 *
 * Two statements on a raw connection (redeem-statements.ts). The first locks the customer's
 * balance row, so two devices or two clicks of one customer queue there, and reads the customer
 * and the reward. The second runs after the lock, so it sees what a twin request committed, and
 * re-reads the idempotency key and the per-customer limit before it writes; it goes out with its
 * COMMIT, so redeemers of one reward, who queue on its row for the stock, wait for one statement
 * and a commit, not for a trip through this process's event loop. Refusals are decided before
 * that statement (or by it, writing nothing) and answered after the transaction: a refusal
 * first looks for an earlier redemption under the same key, and a replay answers with it.
 */
export async function redeemCore(scope: TenantScope, req: RedeemRequest): Promise<RedemptionResult> {
  const result = await redeemOnce(scope, req);
  // After the commit: the code email goes out now instead of at the next notifications tick.
  if (!result.replayed) await nudgeNotificationDrain(scope);
  return result;
}

/** What one transaction ended with. */
type Attempt =
  | { kind: "done"; result: RedemptionResult }
  | { kind: "refuse"; error: AppError }
  | { kind: "replay" }
  /** A generated code was taken meanwhile: try again with a new one. */
  | { kind: "retry" }
  /** The reward needs a tier: checked outside the transaction (it reads on other connections), then again. */
  | { kind: "check-tier"; tierId: string };

async function redeemOnce(scope: TenantScope, req: RedeemRequest): Promise<RedemptionResult> {
  let tierChecked = false;
  try {
    for (let attempt = 0; attempt < 6; attempt++) {
      const outcome = await withRawTransaction((tx) => attemptRedemption(tx, scope, req, tierChecked));
      if (outcome.kind === "done") return outcome.result;
      if (outcome.kind === "refuse") return await refuseUnlessReplay(scope, req, outcome.error);
      if (outcome.kind === "replay") return await replayByKey(scope, req);
      if (outcome.kind === "check-tier") {
        const refusal = await tierRefusalOf(scope, req.customerId, outcome.tierId);
        if (refusal) return await refuseUnlessReplay(scope, req, refusal);
        tierChecked = true;
      }
    }
    throw new AppError("INTERNAL", "could not generate an unused code");
  } catch (error) {
    // Two different customers' requests under one key, racing: the loser lands here.
    if (isUniqueViolation(error, ["idempotencyKey"])) return replayByKey(scope, req, error as Error);
    // A generated code taken by a redemption committed after this statement's snapshot.
    if (isUniqueViolation(error, ["code"])) return redeemOnce(scope, req);
    throw error;
  }
}

async function attemptRedemption(tx: RawTransaction, scope: TenantScope, req: RedeemRequest, tierChecked: boolean): Promise<Attempt> {
  const now = new Date();
  const { balance, customerLive, reward } = await lockBalanceAndRead(tx.run, scope, req.customerId, req.rewardId);
  const refuse = (error: AppError): Attempt => ({ kind: "refuse", error });
  if (!customerLive) return refuse(AppError.notFound("customer"));
  if (!reward) return refuse(AppError.notFound("reward"));
  const window = windowState(reward, now);
  if (window === "not-yet") return refuse(new AppError("CONFLICT", `“${reward.name}” can be redeemed from ${reward.availableFrom!.toISOString()}`));
  if (window === "ended") return refuse(new AppError("CONFLICT", `“${reward.name}” is no longer available: it ended ${reward.availableUntil!.toISOString()}`));
  if (reward.minimumTierId !== null && !tierChecked) return { kind: "check-tier", tierId: reward.minimumTierId };
  if (balance < reward.cost) {
    // The limit is named before the balance, when both refuse.
    const held = reward.perCustomerLimit === null ? 0 : await heldCount(tx.run, scope, req.customerId, reward.id);
    if (reward.perCustomerLimit !== null && held >= reward.perCustomerLimit) return refuse(overLimit(reward, reward.perCustomerLimit, req));
    return refuse(shortRefusal(reward, balance, req));
  }

  const pooled = reward.fulfilment === "CODE_POOL" ? await pickPoolCode(tx.run, scope, reward.id) : null;
  if (reward.fulfilment === "CODE_POOL" && !pooled) return refuse(outOfStock(reward));
  const write: RedemptionWrite = {
    customerId: req.customerId,
    reward,
    idempotencyKey: req.idempotencyKey,
    code: pooled?.code ?? (reward.fulfilment === "GENERATED_CODE" ? generateRewardCode() : null),
    poolCodeId: pooled?.id ?? null,
    fulfilled: reward.fulfilment !== "MANUAL",
    actorUserId: req.actorUserId,
    explanation: { formula: `${reward.cost} for “${reward.name}”` },
  };
  const [row] = await tx.runAndCommit<WriteRow>(redemptionWrite(scope, write));
  const outcome = writeOutcome(row!, write);
  switch (outcome.kind) {
    case "code-taken":
      return { kind: "retry" };
    case "replay":
      return { kind: "replay" };
    case "over-limit":
      return refuse(overLimit(reward, reward.perCustomerLimit!, req));
    case "out-of-stock":
      return refuse(outOfStock(reward));
    case "short":
      // The balance was read under its lock: a debit that finds too few points is a bug, loudly.
      throw new AppError("INTERNAL", "the balance changed under a held lock");
    case "written":
      return {
        kind: "done",
        result: { redemption: toRedemptionDto(outcome.redemption), ledgerEntryId: outcome.ledgerEntryId, balance: outcome.balance, replayed: false },
      };
  }
}

async function refuseUnlessReplay(scope: TenantScope, req: RedeemRequest, error: AppError): Promise<RedemptionResult> {
  const db = getDb();
  const previous = await findByKey(db, scope, req.idempotencyKey);
  if (previous) return replayOf(db, scope, previous, req);
  throw error;
}

async function replayByKey(scope: TenantScope, req: RedeemRequest, cause?: Error): Promise<RedemptionResult> {
  const db = getDb();
  const previous = await findByKey(db, scope, req.idempotencyKey);
  if (!previous) throw cause ?? new AppError("INTERNAL", "the redemption this key replays is gone");
  return replayOf(db, scope, previous, req);
}

async function tierRefusalOf(scope: TenantScope, customerId: string, tierId: string): Promise<AppError | null> {
  try {
    await assertTierAllows(getDb(), scope, customerId, tierId);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

function shortRefusal(reward: { name: string; cost: number }, balance: number, req: RedeemRequest): AppError {
  const has = req.who === "you" ? "have" : "has";
  return new AppError(
    "CONFLICT",
    `not enough points: “${reward.name}” costs ${formatPoints(reward.cost)} and ${req.who} ${has} ${formatPoints(balance)} (${formatPoints(reward.cost - balance)} more needed)`,
  );
}

const outOfStock = (reward: { name: string }) => new AppError("CONFLICT", `“${reward.name}” is out of stock`);

function overLimit(reward: { name: string }, limit: number, req: RedeemRequest): AppError {
  return new AppError("CONFLICT", `“${reward.name}” can be redeemed ${times(limit)} per customer, and ${req.who} already did`);
}

async function heldCount(run: SqlRunner, scope: TenantScope, customerId: string, rewardId: string): Promise<number> {
  const [row] = await run<{ held: number }>(Prisma.sql`
    SELECT count(*)::int AS held FROM "Redemption"
    WHERE "tenantId" = ${scope.tenantId} AND "customerId" = ${customerId} AND "rewardId" = ${rewardId} AND status <> 'CANCELLED'`);
  return row!.held;
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/**
 * The oldest unclaimed code, locked for this transaction; SKIP LOCKED lets a concurrent redeemer
 * take the next one instead of waiting (redeemers of one reward queue on its row only at the end).
 */
async function pickPoolCode(run: SqlRunner, scope: TenantScope, rewardId: string): Promise<{ id: string; code: string } | null> {
  const rows = await run<{ id: string; code: string }>(Prisma.sql`
    SELECT id, code FROM "RewardCode"
    WHERE "tenantId" = ${scope.tenantId} AND "rewardId" = ${rewardId} AND "redemptionId" IS NULL AND "voidedAt" IS NULL
    ORDER BY "createdAt", id
    LIMIT 1
    FOR UPDATE SKIP LOCKED`);
  return rows[0] ?? null;
}

async function findByKey(tx: Db | DbTx, scope: TenantScope, idempotencyKey: string): Promise<RedemptionRow | null> {
  return tx.redemption.findFirst({ where: { tenantId: scope.tenantId, idempotencyKey }, select: REDEMPTION_SELECT });
}

async function replayOf(tx: Db | DbTx, scope: TenantScope, previous: RedemptionRow, req: RedeemRequest): Promise<RedemptionResult> {
  if (previous.customerId !== req.customerId || previous.rewardId !== req.rewardId) {
    throw new AppError("CONFLICT", "this idempotency key was already used for a different redemption");
  }
  const [entry, balance] = await Promise.all([
    tx.ledgerEntry.findFirst({ where: { tenantId: scope.tenantId, redemptionId: previous.id, source: "REDEMPTION" }, select: { id: true } }),
    readBalance(tx, scope, previous.customerId),
  ]);
  return { redemption: toRedemptionDto(previous), ledgerEntryId: entry?.id ?? "", balance, replayed: true };
}
