import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import { writeAudit } from "../../audit/audit.service";
import { disqualifyMention } from "../moderation/disqualify-mention";
import {
  TRIAGE_STEP_OF,
  ZAddMentionNote,
  ZAssignMention,
  ZDisqualifyMentions,
  ZSetTriage,
  ZTagMention,
  type AddMentionNoteInput,
  type AssignMentionInput,
  type DisqualifyMentionsInput,
  type SetTriageInput,
  type TagMentionInput,
} from "./inbox.schemas";

/**
 * Moves the selected mentions to a triage step, with one audit entry per mention that changed.
 * Disqualified and deleted mentions keep their state (a disqualification is undone by nobody
 * here: its points were reversed). Any id not of this brand makes the whole call NOT_FOUND.
 */
export async function setTriageStatus(ctx: TenantContext, raw: SetTriageInput): Promise<{ changed: number; skipped: number }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZSetTriage.parse(raw);
  const ids = [...new Set(input.mentionIds)];
  const step = TRIAGE_STEP_OF[input.status];
  return getDb().$transaction(async (tx) => {
    const rows = await tx.mention.findMany({
      where: { tenantId: ctx.tenantId, id: { in: ids } },
      select: { id: true, status: true, triage: true },
    });
    if (rows.length !== ids.length) throw AppError.notFound("mention");
    const movable = rows.filter((r) => r.status !== "DISQUALIFIED" && r.status !== "DELETED" && r.triage !== step);
    if (movable.length > 0) {
      await tx.mention.updateMany({ where: { tenantId: ctx.tenantId, id: { in: movable.map((r) => r.id) } }, data: { triage: step } });
      for (const row of movable) {
        await writeAudit(tx, ctx, {
          action: "mention.triaged",
          targetType: "Mention",
          targetId: row.id,
          data: { from: row.triage, to: step, bulk: ids.length > 1 },
        });
      }
    }
    return { changed: movable.length, skipped: ids.length - movable.length };
  });
}

/**
 * Disqualifies each selected mention through the pipeline's own flow (disqualifyMention: the
 * row lock, the reversal keyed on the entry it reverses, its audit entry), so points go back
 * exactly once however often or concurrently this is asked. All ids are checked first.
 */
export async function disqualifyMentions(ctx: TenantContext, raw: DisqualifyMentionsInput): Promise<{ disqualified: number; pointsTakenBack: number }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZDisqualifyMentions.parse(raw);
  const ids = [...new Set(input.mentionIds)];
  const found = await getDb().mention.count({ where: { tenantId: ctx.tenantId, id: { in: ids } } });
  if (found !== ids.length) throw AppError.notFound("mention");
  let pointsTakenBack = 0;
  for (const id of ids) {
    const result = await disqualifyMention(ctx, id, { reason: input.reason });
    pointsTakenBack += result.pointsTakenBack;
  }
  return { disqualified: ids.length, pointsTakenBack };
}

/** Gives a mention to one of the brand's members to follow up (or to nobody), audited. */
export async function assignMention(ctx: TenantContext, raw: AssignMentionInput): Promise<{ changed: boolean }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZAssignMention.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({ where: { tenantId: ctx.tenantId, id: input.mentionId }, select: { id: true, assigneeId: true } });
    if (!mention) throw AppError.notFound("mention");
    if (input.assigneeId) {
      const member = await tx.membership.findFirst({ where: { tenantId: ctx.tenantId, id: input.assigneeId }, select: { id: true } });
      if (!member) throw AppError.notFound("member");
    }
    if (mention.assigneeId === input.assigneeId) return { changed: false };
    await tx.mention.updateMany({ where: { tenantId: ctx.tenantId, id: mention.id }, data: { assigneeId: input.assigneeId } });
    await writeAudit(tx, ctx, {
      action: "mention.assigned",
      targetType: "Mention",
      targetId: mention.id,
      data: { from: mention.assigneeId, to: input.assigneeId },
    });
    return { changed: true };
  });
}

/** Adds a staff note to a mention (notes are only added, never edited), audited. */
export async function addMentionNote(ctx: TenantContext, raw: AddMentionNoteInput): Promise<{ id: string }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZAddMentionNote.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({ where: { tenantId: ctx.tenantId, id: input.mentionId }, select: { id: true } });
    if (!mention) throw AppError.notFound("mention");
    const note = await tx.mentionNote.create({
      data: {
        tenantId: ctx.tenantId,
        mentionId: mention.id,
        authorId: ctx.actor.type === "USER" ? ctx.actor.id : null,
        body: input.body,
      },
      select: { id: true },
    });
    await writeAudit(tx, ctx, { action: "mention.noted", targetType: "Mention", targetId: mention.id, data: { noteId: note.id } });
    return note;
  });
}

/** Puts a tag on a mention (a second time changes nothing), audited when it is new. */
export async function tagMention(ctx: TenantContext, raw: TagMentionInput): Promise<{ added: boolean }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZTagMention.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({ where: { tenantId: ctx.tenantId, id: input.mentionId }, select: { id: true } });
    if (!mention) throw AppError.notFound("mention");
    const { count } = await tx.mentionTag.createMany({ data: [{ tenantId: ctx.tenantId, mentionId: mention.id, tag: input.tag }], skipDuplicates: true });
    if (count === 1) await writeAudit(tx, ctx, { action: "mention.tagged", targetType: "Mention", targetId: mention.id, data: { tag: input.tag } });
    return { added: count === 1 };
  });
}

/** Takes a tag off a mention, audited when it was there. */
export async function untagMention(ctx: TenantContext, raw: TagMentionInput): Promise<{ removed: boolean }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZTagMention.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({ where: { tenantId: ctx.tenantId, id: input.mentionId }, select: { id: true } });
    if (!mention) throw AppError.notFound("mention");
    const { count } = await tx.mentionTag.deleteMany({ where: { tenantId: ctx.tenantId, mentionId: mention.id, tag: input.tag } });
    if (count === 1) await writeAudit(tx, ctx, { action: "mention.untagged", targetType: "Mention", targetId: mention.id, data: { tag: input.tag } });
    return { removed: count === 1 };
  });
}
