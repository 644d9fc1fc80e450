import type { TenantScope } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { insertEntryRow } from "../ledger/insert-entry";
import { assertLiveCustomer } from "../ledger/ledger-customer";
import { formatPoints } from "../ledger/ledger-explanation";
import { debitBalance, lockBalance, readBalance } from "../ledger/point-balance";
import { nudgeNotificationDrain } from "../notifications/schedule-notifications";
import { generateRewardCode } from "./code-list";
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
 * Order matters: the customer's balance row is locked before anything is counted, so two devices
 * or two clicks of the same customer queue there; after the lock the idempotency key and the
 * per-customer limit are read again and see what the first one committed. Points move with one
 * conditional UPDATE (… WHERE balance >= cost) and stock with another (… WHERE stock > 0), and the
 * reward row's update makes concurrent redeemers of the same reward queue, so stock is never
 * oversold; it comes last, so that queue moves as fast as one statement and a commit. Any refusal
 * throws, which rolls back every row written before it.
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
      const previous = await findByKey(tx, scope, req.idempotencyKey);
      if (previous) return replayOf(tx, scope, previous, req);
      await assertLiveCustomer(tx, scope, req.customerId);
      const reward = await tx.reward.findFirst({
        where: { tenantId: scope.tenantId, id: req.rewardId, active: true, archivedAt: null },
        select: { id: true, name: true, cost: true, fulfilment: true, perCustomerLimit: true, availableFrom: true, availableUntil: true, minimumTierId: true },
      });
      if (!reward) throw AppError.notFound("reward");
      const now = new Date();
      const window = windowState(reward, now);
      if (window === "not-yet") throw new AppError("CONFLICT", `“${reward.name}” can be redeemed from ${reward.availableFrom!.toISOString()}`);
      if (window === "ended") throw new AppError("CONFLICT", `“${reward.name}” is no longer available: it ended ${reward.availableUntil!.toISOString()}`);
      await assertTierAllows(tx, scope, req.customerId, reward.minimumTierId);

      const balance = await lockBalance(tx, scope, req.customerId);
      // A twin request that waited on the lock now sees the first one's redemption.
      const twin = await findByKey(tx, scope, req.idempotencyKey);
      if (twin) return replayOf(tx, scope, twin, req);
      if (reward.perCustomerLimit !== null) {
        const held = await tx.redemption.count({
          where: { tenantId: scope.tenantId, customerId: req.customerId, rewardId: reward.id, status: { not: "CANCELLED" } },
        });
        if (held >= reward.perCustomerLimit) {
          throw new AppError("CONFLICT", `“${reward.name}” can be redeemed ${times(reward.perCustomerLimit)} per customer, and ${req.who} already did`);
        }
      }
      if (balance < reward.cost) {
        throw new AppError(
          "CONFLICT",
          `not enough points: “${reward.name}” costs ${formatPoints(reward.cost)} and ${req.who} ${req.who === "you" ? "have" : "has"} ${formatPoints(balance)} (${formatPoints(reward.cost - balance)} more needed)`,
        );
      }
      const left = await debitBalance(tx, scope, req.customerId, reward.cost);
      if (left === null) throw new AppError("INTERNAL", "balance changed under a held lock");

      const pooled = reward.fulfilment === "CODE_POOL" ? await pickPoolCode(tx, scope, reward.id) : null;
      if (reward.fulfilment === "CODE_POOL" && !pooled) throw new AppError("CONFLICT", `“${reward.name}” is out of stock`);
      const code = pooled?.code ?? (reward.fulfilment === "GENERATED_CODE" ? await freshCode(tx, scope) : null);
      const fulfilled = reward.fulfilment !== "MANUAL";

      const redemption = await tx.redemption.create({
        data: {
          tenantId: scope.tenantId,
          customerId: req.customerId,
          rewardId: reward.id,
          cost: reward.cost,
          idempotencyKey: req.idempotencyKey,
          code,
          status: fulfilled ? "FULFILLED" : "PENDING",
          fulfilledAt: fulfilled ? now : null,
        },
        select: REDEMPTION_SELECT,
      });
      if (pooled) {
        const claimed = await tx.$executeRaw`
          UPDATE "RewardCode" SET "redemptionId" = ${redemption.id}, "claimedAt" = now()
          WHERE "tenantId" = ${scope.tenantId} AND id = ${pooled.id} AND "redemptionId" IS NULL AND "voidedAt" IS NULL`;
        if (claimed !== 1) throw new AppError("INTERNAL", "a pool code locked for this redemption was taken");
      }

      const entry = await insertEntryRow(tx, scope, {
        customerId: req.customerId,
        amount: -reward.cost,
        source: "REDEMPTION",
        idempotencyKey: `redemption:${redemption.id}`,
        redemptionId: redemption.id,
        actorUserId: req.actorUserId,
        explanation: { formula: `${reward.cost} for “${reward.name}”` },
      });
      if (!entry) throw new AppError("INTERNAL", "the redemption's ledger entry already existed");
      await writeAudit(tx, scope, {
        action: "reward.redeemed",
        targetType: "Redemption",
        targetId: redemption.id,
        data: { customerId: req.customerId, rewardId: reward.id, cost: reward.cost, fulfilment: reward.fulfilment },
      });
      // Last before the commit: the reward row's lock, which every redeemer of this reward queues
      // on, is held for this statement and the commit only.
      await takeOneFromStock(tx, scope, reward);
      return { redemption: toRedemptionDto(redemption), ledgerEntryId: entry.id, balance: left, replayed: false };
    });
  } catch (error) {
    // Two different customers' requests under one key, racing: the loser lands here.
    if (isUniqueViolation(error, ["idempotencyKey"])) {
      const db = getDb();
      const previous = await findByKey(db, scope, req.idempotencyKey);
      if (previous) return replayOf(db, scope, previous, req);
    }
    throw error;
  }
}

/** One off the reward's stock (unlimited: null stays null), or the transaction is refused as out of stock. */
async function takeOneFromStock(tx: DbTx, scope: TenantScope, reward: { id: string; name: string }): Promise<void> {
  const stocked = await tx.$queryRaw<{ stock: number | null }[]>`
    UPDATE "Reward" SET stock = stock - 1, "updatedAt" = now()
    WHERE "tenantId" = ${scope.tenantId} AND id = ${reward.id} AND active AND "archivedAt" IS NULL AND (stock IS NULL OR stock > 0)
    RETURNING stock`;
  if (stocked.length === 0) throw new AppError("CONFLICT", `“${reward.name}” is out of stock`);
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

/** A generated code not yet given to anyone in this brand (the unique index is the final word). */
async function freshCode(tx: DbTx, scope: TenantScope): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateRewardCode();
    const [given, pooled] = await Promise.all([
      tx.redemption.count({ where: { tenantId: scope.tenantId, code } }),
      tx.rewardCode.count({ where: { tenantId: scope.tenantId, code } }),
    ]);
    if (given === 0 && pooled === 0) return code;
  }
  throw new AppError("INTERNAL", "could not generate an unused code");
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
