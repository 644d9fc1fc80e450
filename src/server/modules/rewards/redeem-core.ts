import type { TenantScope } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { formatPoints } from "../ledger/ledger-explanation";
import { readBalance } from "../ledger/point-balance";
import { nudgeNotificationDrain } from "../notifications/schedule-notifications";
import { generateRewardCode } from "./code-list";
import { lockBalanceAndRead, writeRedemption } from "./redeem-statements";
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
 * Two statements (redeem-statements.ts). The first locks the customer's balance row, so two
 * devices or two clicks of one customer queue there, and reads the customer and the reward. The
 * second runs after the lock, so it sees what a twin request committed, and re-reads the
 * idempotency key and the per-customer limit before it writes: points with a conditional UPDATE
 * (… WHERE balance >= cost), stock with another (… WHERE stock > 0), last, so redeemers of one
 * reward queue on its row for the end of one statement and the commit. Any refusal throws,
 * which rolls back every row written before it. A refusal first looks for an earlier redemption
 * under the same key: a replay answers with it, whatever changed since.
 */
export async function redeemCore(scope: TenantScope, req: RedeemRequest): Promise<RedemptionResult> {
  const result = await redeemOnce(scope, req);
  // After the commit: the code email goes out now instead of at the next notifications tick.
  if (!result.replayed) await nudgeNotificationDrain(scope);
  return result;
}

async function redeemOnce(scope: TenantScope, req: RedeemRequest): Promise<RedemptionResult> {
  try {
    return await getDb().$transaction(async (tx) => {
      const now = new Date();
      const { balance, customerLive, reward } = await lockBalanceAndRead(tx, scope, req.customerId, req.rewardId);
      const refuse = async (error: unknown): Promise<never> => {
        const previous = await findByKey(tx, scope, req.idempotencyKey);
        if (previous) throw new Replay(await replayOf(tx, scope, previous, req));
        throw error;
      };
      if (!customerLive) return refuse(AppError.notFound("customer"));
      if (!reward) return refuse(AppError.notFound("reward"));
      const window = windowState(reward, now);
      if (window === "not-yet") return refuse(new AppError("CONFLICT", `“${reward.name}” can be redeemed from ${reward.availableFrom!.toISOString()}`));
      if (window === "ended")
        return refuse(new AppError("CONFLICT", `“${reward.name}” is no longer available: it ended ${reward.availableUntil!.toISOString()}`));
      if (reward.minimumTierId !== null) await assertTierAllows(tx, scope, req.customerId, reward.minimumTierId, now).catch(refuse);
      if (balance < reward.cost) {
        // The limit is named before the balance, when both refuse.
        const held = reward.perCustomerLimit === null ? 0 : await heldCount(tx, scope, req.customerId, reward.id);
        if (reward.perCustomerLimit !== null && held >= reward.perCustomerLimit) return refuse(overLimit(reward, reward.perCustomerLimit, req));
        return refuse(
          new AppError(
            "CONFLICT",
            `not enough points: “${reward.name}” costs ${formatPoints(reward.cost)} and ${req.who} ${req.who === "you" ? "have" : "has"} ${formatPoints(balance)} (${formatPoints(reward.cost - balance)} more needed)`,
          ),
        );
      }

      const pooled = reward.fulfilment === "CODE_POOL" ? await pickPoolCode(tx, scope, reward.id) : null;
      if (reward.fulfilment === "CODE_POOL" && !pooled) return refuse(outOfStock(reward));
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = pooled?.code ?? (reward.fulfilment === "GENERATED_CODE" ? generateRewardCode() : null);
        const outcome = await writeRedemption(tx, scope, {
          customerId: req.customerId,
          reward,
          idempotencyKey: req.idempotencyKey,
          code,
          poolCodeId: pooled?.id ?? null,
          fulfilled: reward.fulfilment !== "MANUAL",
          actorUserId: req.actorUserId,
          explanation: { formula: `${reward.cost} for “${reward.name}”` },
        });
        if (outcome.kind === "code-taken") continue;
        if (outcome.kind === "replay") return replayOf(tx, scope, (await findByKey(tx, scope, req.idempotencyKey))!, req);
        if (outcome.kind === "over-limit") throw overLimit(reward, reward.perCustomerLimit!, req);
        if (!outcome.redemption || outcome.balance === null) throw new AppError("INTERNAL", "balance changed under a held lock");
        if (pooled && outcome.poolClaimed !== 1) throw new AppError("INTERNAL", "a pool code locked for this redemption was taken");
        if (!outcome.ledgerEntryId) throw new AppError("INTERNAL", "the redemption's ledger entry already existed");
        if (!outcome.stockTaken) throw outOfStock(reward);
        return { redemption: toRedemptionDto(outcome.redemption), ledgerEntryId: outcome.ledgerEntryId, balance: outcome.balance, replayed: false };
      }
      throw new AppError("INTERNAL", "could not generate an unused code");
    });
  } catch (error) {
    if (error instanceof Replay) return error.result;
    // Two different customers' requests under one key, racing: the loser lands here.
    if (isUniqueViolation(error, ["idempotencyKey"])) {
      const db = getDb();
      const previous = await findByKey(db, scope, req.idempotencyKey);
      if (previous) return replayOf(db, scope, previous, req);
    }
    throw error;
  }
}

/** A replay found while refusing: thrown out of the transaction (nothing was written) and answered. */
class Replay extends Error {
  constructor(readonly result: RedemptionResult) {
    super("replay");
  }
}

const outOfStock = (reward: { name: string }) => new AppError("CONFLICT", `“${reward.name}” is out of stock`);

function overLimit(reward: { name: string }, limit: number, req: RedeemRequest): AppError {
  return new AppError("CONFLICT", `“${reward.name}” can be redeemed ${times(limit)} per customer, and ${req.who} already did`);
}

async function heldCount(tx: DbTx, scope: TenantScope, customerId: string, rewardId: string): Promise<number> {
  return tx.redemption.count({ where: { tenantId: scope.tenantId, customerId, rewardId, status: { not: "CANCELLED" } } });
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/**
 * The oldest unclaimed code, locked for this transaction; SKIP LOCKED lets a concurrent redeemer
 * take the next one instead of waiting (redeemers of one reward queue on its row only at the end).
 */
async function pickPoolCode(tx: DbTx, scope: TenantScope, rewardId: string): Promise<{ id: string; code: string } | null> {
  const rows = await tx.$queryRaw<{ id: string; code: string }[]>`
    SELECT id, code FROM "RewardCode"
    WHERE "tenantId" = ${scope.tenantId} AND "rewardId" = ${rewardId} AND "redemptionId" IS NULL AND "voidedAt" IS NULL
    ORDER BY "createdAt", id
    LIMIT 1
    FOR UPDATE SKIP LOCKED`;
  return rows[0] ?? null;
}

async function findByKey(tx: DbTx, scope: TenantScope, idempotencyKey: string): Promise<RedemptionRow | null> {
  return tx.redemption.findFirst({ where: { tenantId: scope.tenantId, idempotencyKey }, select: REDEMPTION_SELECT });
}

async function replayOf(tx: DbTx, scope: TenantScope, previous: RedemptionRow, req: RedeemRequest): Promise<RedemptionResult> {
  if (previous.customerId !== req.customerId || previous.rewardId !== req.rewardId) {
    throw new AppError("CONFLICT", "this idempotency key was already used for a different redemption");
  }
  const [entry, balance] = await Promise.all([
    tx.ledgerEntry.findFirst({ where: { tenantId: scope.tenantId, redemptionId: previous.id, source: "REDEMPTION" }, select: { id: true } }),
    readBalance(tx, scope, previous.customerId),
  ]);
  return { redemption: toRedemptionDto(previous), ledgerEntryId: entry?.id ?? "", balance, replayed: true };
}
