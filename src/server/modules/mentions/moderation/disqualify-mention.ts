import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import { writeAudit } from "../../audit/audit.service";
import { describeMentionReversals, reverseMentionAwards } from "../reversals/reverse-mention-awards";
import { loadMentionPoints, MENTION_SELECT, toMentionDto } from "./mention.mapper";
import { ZDisqualifyMention, ZMentionId, type DisqualifyMentionInput, type DisqualifyResult } from "./mention.schemas";

/**
 * A staff member rules a mention out (spam, fake account, off-brand): it becomes DISQUALIFIED
 * and every award it earned is reversed by a new ledger entry (clamped to what the customer
 * still holds), with an audit entry, all in one transaction.
 *
 * Idempotent: the mention row is locked first, so a second (or concurrent) call finds it
 * DISQUALIFIED, reverses nothing, writes no audit entry, and answers the same result, read back
 * from the ledger. A mention deleted upstream was already reversed and emptied: CONFLICT.
 * A prospect's mention may be disqualified too; it will then not be credited when they link.
 */
export async function disqualifyMention(ctx: TenantContext, mentionId: string, raw: DisqualifyMentionInput): Promise<DisqualifyResult> {
  assertCan(ctx, "mentions:moderate");
  const input = ZDisqualifyMention.parse(raw);
  if (!ZMentionId.safeParse(mentionId).success) throw AppError.notFound("mention");
  const { tenantId } = ctx;
  return getDb().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT id, status::text AS status FROM "Mention" WHERE "tenantId" = ${tenantId} AND id = ${mentionId} FOR UPDATE`;
      const current = locked[0];
      if (!current) throw AppError.notFound("mention");
      if (current.status === "DELETED") {
        throw new AppError("CONFLICT", "this post was deleted upstream: it is already out, and its points were already taken back");
      }
      if (current.status !== "DISQUALIFIED") {
        await tx.mention.updateMany({ where: { tenantId, id: mentionId }, data: { status: "DISQUALIFIED" } });
        const reversals = await reverseMentionAwards(tx, ctx, [mentionId], {
          kind: "disqualified",
          note: input.reason,
          actorUserId: ctx.actor.type === "USER" ? ctx.actor.id : null,
        });
        await writeAudit(tx, ctx, {
          action: "mention.disqualified",
          targetType: "Mention",
          targetId: mentionId,
          data: {
            reason: input.reason,
            previousStatus: current.status,
            reversals: reversals.map((r) => ({
              entryId: r.entryId,
              reversalEntryId: r.reversalEntryId,
              originalAmount: r.originalAmount,
              takenBack: r.takenBack,
            })),
          },
        });
      }
      const row = await tx.mention.findFirst({ where: { tenantId, id: mentionId }, select: MENTION_SELECT });
      if (!row) throw AppError.notFound("mention");
      const reversals = await describeMentionReversals(tx, ctx, mentionId);
      const points = await loadMentionPoints(tx, ctx, [mentionId]);
      return {
        mention: toMentionDto(row, points.get(mentionId)),
        reversals: reversals.map(({ mentionId: _m, ...r }) => r),
        pointsTakenBack: reversals.reduce((sum, r) => sum + r.takenBack, 0),
      };
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
