import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { reverseLedgerEntry } from "../ledger/reverse-entry";
import { REDEMPTION_SELECT, toRedemptionDto } from "./reward.mapper";
import {
  ZById,
  ZCancelRedemption,
  ZRedemptionListQuery,
  type CancelRedemptionInput,
  type RedemptionDto,
  type RedemptionListItem,
  type RedemptionListQuery,
} from "./reward.schemas";

export interface RedemptionChange {
  redemption: RedemptionDto;
  /** True when it already was in that state (a second click, or a concurrent one won). */
  unchanged: boolean;
}

const actorId = (ctx: TenantContext) => (ctx.actor.type === "USER" ? ctx.actor.id : null);

/** Lists redemptions newest first, optionally of one status. */
export async function listRedemptions(ctx: TenantContext, rawQuery: RedemptionListQuery = {}): Promise<RedemptionListItem[]> {
  assertCan(ctx, "rewards:read");
  const query = ZRedemptionListQuery.parse(rawQuery);
  const rows = await getDb().redemption.findMany({
    where: { tenantId: ctx.tenantId, ...(query.status ? { status: query.status } : {}) },
    select: { ...REDEMPTION_SELECT, reward: { select: { name: true } }, customer: { select: { displayName: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  return rows.map(({ reward, customer, ...row }) => ({ ...toRedemptionDto(row), rewardName: reward.name, customerName: customer.displayName }));
}

/** Marks a PENDING (manual) redemption as handed over; a second click changes nothing. */
export async function fulfilRedemption(ctx: TenantContext, raw: { id: string }): Promise<RedemptionChange> {
  assertCan(ctx, "rewards:manage");
  const { id } = ZById.parse(raw);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.redemption.updateMany({
      where: { tenantId: ctx.tenantId, id, status: "PENDING" },
      data: { status: "FULFILLED", fulfilledAt: new Date(), fulfilledById: actorId(ctx) },
    });
    const row = await tx.redemption.findFirst({ where: { tenantId: ctx.tenantId, id }, select: REDEMPTION_SELECT });
    if (!row) throw AppError.notFound("redemption");
    if (updated.count === 0) {
      if (row.status === "CANCELLED") throw new AppError("CONFLICT", "this redemption was cancelled and cannot be fulfilled");
      return { redemption: toRedemptionDto(row), unchanged: true };
    }
    await writeAudit(tx, ctx, { action: "redemption.fulfilled", targetType: "Redemption", targetId: id });
    return { redemption: toRedemptionDto(row), unchanged: false };
  });
}

/**
 * Cancels a PENDING or FULFILLED redemption: status CANCELLED, the points given back by a new
 * ledger entry that reverses the REDEMPTION entry (never an edit), and the stock returned — except
 * a pool code that was handed out, which is voided rather than handed to someone else. The row
 * lock makes concurrent cancels queue: the first does all of it, the rest find it cancelled.
 */
export async function cancelRedemption(ctx: TenantContext, raw: CancelRedemptionInput): Promise<RedemptionChange & { refundEntryId: string }> {
  assertCan(ctx, "rewards:manage");
  // Giving points back is a change to a balance, as a manual adjustment is.
  assertCan(ctx, "ledger:adjust");
  const input = ZCancelRedemption.parse(raw);
  return getDb().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Redemption" WHERE "tenantId" = ${ctx.tenantId} AND id = ${input.id} FOR UPDATE`;
    if (locked.length === 0) throw AppError.notFound("redemption");
    const current = await tx.redemption.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, id: input.id },
      select: { ...REDEMPTION_SELECT, reward: { select: { fulfilment: true, stock: true } } },
    });
    const spend = await tx.ledgerEntry.findFirst({
      where: { tenantId: ctx.tenantId, redemptionId: current.id, source: "REDEMPTION" },
      select: { id: true, reversal: { select: { id: true } } },
    });
    if (!spend) throw new AppError("INTERNAL", "the redemption has no ledger entry");
    const { reward, ...row } = current;
    if (row.status === "CANCELLED") return { redemption: toRedemptionDto(row), unchanged: true, refundEntryId: spend.reversal?.id ?? "" };

    const cancelled = await tx.redemption.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: row.id } },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelledById: actorId(ctx), cancelReason: input.reason },
      select: REDEMPTION_SELECT,
    });
    const refund = await reverseLedgerEntry(tx, ctx, {
      entryId: spend.id,
      reason: `redemption cancelled: ${input.reason}`,
      idempotencyKey: `refund:${row.id}`,
      actorUserId: actorId(ctx),
      cancelsRedemption: true,
    });
    if (refund.alreadyReversed) throw new AppError("INTERNAL", "the redemption's spend was already given back");

    if (reward.fulfilment === "CODE_POOL") {
      await tx.rewardCode.updateMany({ where: { tenantId: ctx.tenantId, redemptionId: row.id }, data: { voidedAt: new Date() } });
    } else if (reward.stock !== null) {
      await tx.$executeRaw`
        UPDATE "Reward" SET stock = stock + 1, "updatedAt" = now()
        WHERE "tenantId" = ${ctx.tenantId} AND id = ${row.rewardId} AND stock IS NOT NULL`;
    }
    await writeAudit(tx, ctx, {
      action: "redemption.cancelled",
      targetType: "Redemption",
      targetId: row.id,
      data: { reason: input.reason, refundEntryId: refund.entry.id, points: row.cost },
    });
    return { redemption: toRedemptionDto(cancelled), unchanged: false, refundEntryId: refund.entry.id };
  });
}
