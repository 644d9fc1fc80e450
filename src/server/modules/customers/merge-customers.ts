import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { emitWebhookEvent } from "../webhooks/webhook-events";
import { writeAudit } from "../audit/audit.service";
import { markLeaderboardDirty } from "../leaderboard/leaderboard-sync";
import { moveBalanceOnMerge } from "../ledger/merge-points";
import { moveNotificationsOnMerge } from "../notifications/notification-merge";
import { ZMergeCustomers, type MergeCustomersInput, type MergeResultDto } from "./customer-merge.schemas";
import { countMoves, fieldsToFill, readMergePair } from "./merge-preview";

/**
 * Merges one customer into another (the same person recorded twice), in one transaction:
 * - the survivor takes the profile fields it lacks; emails (the survivor keeps its primary),
 *   linked accounts, mentions, consents, feedback answers, redemptions (pending ones too: their
 *   spend stays on the merged record's ledger and a cancel refunds the survivor, see
 *   reverseLedgerEntry) and share posts move to the survivor, and so do pending notifications
 *   (an opt-out on either record stays one, notifications/notification-merge.ts);
 * - the balance moves as a MERGE pair of new ledger entries (ledger/merge-points.ts);
 * - the merged record keeps its ledger history, is marked `mergedIntoId`, and leaves every list.
 * Refused: the same customer, another brand's (NOT_FOUND), an erased or already-merged one.
 */
export async function mergeCustomers(ctx: TenantContext, raw: MergeCustomersInput): Promise<MergeResultDto> {
  // Removing a customer from the lists is a delete-level act, and it moves points.
  assertCan(ctx, "customers:delete");
  assertCan(ctx, "ledger:adjust");
  const input = ZMergeCustomers.parse(raw);
  const result = await getDb().$transaction(async (tx) => {
    // Customer rows locked in id order: two merges of the same pair queue instead of deadlocking,
    // and the second then finds the first's mergedIntoId and is refused.
    await tx.$queryRaw`
      SELECT id FROM "Customer" WHERE "tenantId" = ${ctx.tenantId} AND id IN (${input.customerId}, ${input.survivorId}) ORDER BY id FOR UPDATE`;
    const { merged, survivor } = await readMergePair(tx, ctx, input.customerId, input.survivorId);
    const moves = await countMoves(tx, ctx, merged.id);
    const filled = fieldsToFill(merged, survivor);
    await moveRows(
      tx,
      ctx,
      merged.id,
      survivor.id,
      survivor.emails.some((e) => e.isPrimary),
    );
    // externalId is unique per brand: it leaves the merged record before the survivor takes it.
    await tx.customer.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: merged.id } },
      data: { mergedIntoId: survivor.id, ...(filled.includes("externalId") ? { externalId: null } : {}) },
    });
    if (filled.length) {
      const data = Object.fromEntries(filled.map((f) => [f, merged[f]]));
      if (filled.includes("sentimentLabel")) Object.assign(data, { sentimentScore: merged.sentimentScore });
      await tx.customer.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: survivor.id } }, data });
    }
    const points = await moveBalanceOnMerge(tx, ctx, merged.id, survivor.id);
    await writeAudit(tx, ctx, {
      action: "customer.merged",
      targetType: "Customer",
      targetId: survivor.id,
      data: { mergedId: merged.id, survivorId: survivor.id, movedPoints: points.moved, moves: { ...moves }, filledFields: filled },
    });
    await emitWebhookEvent(tx, ctx, "customer.merged", {
      mergedId: merged.id,
      survivorId: survivor.id,
      movedPoints: points.moved,
      survivorBalance: points.survivorBalance,
    });
    return { survivorId: survivor.id, movedPoints: points.moved, survivorBalance: points.survivorBalance };
  });
  // After the commit: the merged record leaves the leaderboard, the survivor's score changes.
  await markLeaderboardDirty(ctx, [input.customerId], new Date(), true);
  await markLeaderboardDirty(ctx, [result.survivorId]);
  return result;
}

async function moveRows(tx: DbTx, ctx: TenantContext, mergedId: string, survivorId: string, survivorHasPrimary: boolean): Promise<void> {
  const from = { tenantId: ctx.tenantId, customerId: mergedId };
  const to = { customerId: survivorId };
  await tx.customerEmail.updateMany({ where: from, data: survivorHasPrimary ? { ...to, isPrimary: false } : to });
  await tx.socialProfile.updateMany({ where: from, data: to });
  await tx.mention.updateMany({ where: from, data: to });
  await tx.consentRecord.updateMany({ where: from, data: to });
  await tx.feedbackResponse.updateMany({ where: from, data: to });
  await tx.redemption.updateMany({ where: from, data: to });
  await tx.sharePost.updateMany({ where: from, data: to });
  await moveNotificationsOnMerge(tx, ctx, mergedId, survivorId);
}
