import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { insertEntryRow } from "../ledger/insert-entry";
import { assertLiveCustomer } from "../ledger/ledger-customer";
import { formatPoints } from "../ledger/ledger-explanation";
import { debitBalance, readBalance } from "../ledger/point-balance";
import { ZRedeemReward, type RedeemRewardInput, type RedemptionDto } from "./reward.schemas";

export interface RedemptionResult {
  redemption: RedemptionDto;
  /** The REDEMPTION entry (negative amount) that paid for it. */
  ledgerEntryId: string;
  /** The customer's balance now. */
  balance: number;
  /** True when this idempotency key had already redeemed: the first redemption is returned. */
  replayed: boolean;
}

const REDEMPTION_SELECT = { id: true, customerId: true, rewardId: true, cost: true, status: true, createdAt: true } as const;

/**
 * Spends a customer's points on a reward. Everything lands in one transaction: the redemption,
 * the points (one conditional UPDATE … WHERE balance >= cost, never read-then-write, so
 * concurrent redemptions queue on the balance row and cannot overspend), the stock (also
 * conditional, so it is never oversold) and the ledger entry that explains the spend.
 *
 * Staff redeem on a customer's behalf with "ledger:adjust"; the portal will call this with the
 * customer's own context later.
 */
export async function redeemReward(ctx: TenantContext, raw: RedeemRewardInput): Promise<RedemptionResult> {
  assertCan(ctx, "ledger:adjust");
  const input = ZRedeemReward.parse(raw);
  const { tenantId } = ctx;
  try {
    return await getDb().$transaction(async (tx) => {
      const previous = await findRedemption(tx, ctx, input.idempotencyKey);
      if (previous) return replayOf(tx, ctx, previous, input);
      await assertLiveCustomer(tx, ctx, input.customerId);
      const reward = await tx.reward.findFirst({
        where: { tenantId, id: input.rewardId, active: true },
        select: { id: true, name: true, cost: true },
      });
      if (!reward) throw AppError.notFound("reward");

      // Claiming the key first makes a concurrent twin wait here and then fail on the unique
      // index once we commit; the catch below answers it with our redemption.
      const redemption = await tx.redemption.create({
        data: { tenantId, customerId: input.customerId, rewardId: reward.id, cost: reward.cost, idempotencyKey: input.idempotencyKey },
        select: REDEMPTION_SELECT,
      });

      const balance = await debitBalance(tx, ctx, input.customerId, reward.cost);
      if (balance === null) {
        const current = await readBalance(tx, ctx, input.customerId);
        throw new AppError("CONFLICT", `not enough points: “${reward.name}” costs ${formatPoints(reward.cost)} and the customer has ${formatPoints(current)}`);
      }
      const stocked = await tx.$queryRaw<{ stock: number | null }[]>`
        UPDATE "Reward" SET stock = stock - 1, "updatedAt" = now()
        WHERE "tenantId" = ${tenantId} AND id = ${reward.id} AND active AND (stock IS NULL OR stock > 0)
        RETURNING stock`;
      if (stocked.length === 0) throw new AppError("CONFLICT", `“${reward.name}” is out of stock`);

      const entry = await insertEntryRow(tx, ctx, {
        customerId: input.customerId,
        amount: -reward.cost,
        source: "REDEMPTION",
        idempotencyKey: `redemption:${redemption.id}`,
        redemptionId: redemption.id,
        actorUserId: ctx.actor.type === "USER" ? ctx.actor.id : null,
        explanation: { formula: `${reward.cost} for “${reward.name}”` },
      });
      if (!entry) throw new AppError("INTERNAL", "the redemption's ledger entry already existed");
      await writeAudit(tx, ctx, {
        action: "reward.redeemed",
        targetType: "Redemption",
        targetId: redemption.id,
        data: { customerId: input.customerId, rewardId: reward.id, cost: reward.cost },
      });
      return { redemption: toRedemptionDto(redemption), ledgerEntryId: entry.id, balance, replayed: false };
    });
  } catch (error) {
    if (isUniqueViolation(error, ["idempotencyKey"])) {
      const db = getDb();
      const previous = await findRedemption(db, ctx, input.idempotencyKey);
      if (previous) return replayOf(db, ctx, previous, input);
    }
    throw error;
  }
}

type RedemptionRow = { id: string; customerId: string; rewardId: string; cost: number; status: RedemptionDto["status"]; createdAt: Date };

function toRedemptionDto(row: RedemptionRow): RedemptionDto {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

async function findRedemption(tx: DbTx, ctx: TenantContext, idempotencyKey: string): Promise<RedemptionRow | null> {
  return tx.redemption.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey }, select: REDEMPTION_SELECT });
}

async function replayOf(tx: DbTx, ctx: TenantContext, previous: RedemptionRow, input: { customerId: string; rewardId: string }): Promise<RedemptionResult> {
  if (previous.customerId !== input.customerId || previous.rewardId !== input.rewardId) {
    throw new AppError("CONFLICT", "this idempotency key was already used for a different redemption");
  }
  const [entry, balance] = await Promise.all([
    tx.ledgerEntry.findFirst({ where: { tenantId: ctx.tenantId, redemptionId: previous.id, source: "REDEMPTION" }, select: { id: true } }),
    readBalance(tx, ctx, previous.customerId),
  ]);
  return { redemption: toRedemptionDto(previous), ledgerEntryId: entry?.id ?? "", balance, replayed: true };
}
