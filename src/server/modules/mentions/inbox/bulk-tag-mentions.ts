import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb, type DbTx } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { AppError } from "../../../errors";
import { writeAudit, writeAudits, type AuditEvent } from "../../audit/audit.service";
import { TAG_MATCHING_BATCH, ZTagMatching, ZTagMentions, type TagMatchingInput, type TagMentionsInput } from "./inbox.schemas";
import { inboxConditions } from "./list-inbox";

type TagOperation = TagMentionsInput["op"];

/**
 * Puts the tag on the given mentions of the brand, or takes it off; answers the ids that changed
 * (RETURNING, so a concurrent tagger's rows are not counted or audited twice).
 */
async function applyTag(tx: DbTx, ctx: TenantContext, ids: string[], tag: string, op: TagOperation): Promise<string[]> {
  if (ids.length === 0) return [];
  const sql =
    op === "add"
      ? Prisma.sql`INSERT INTO "MentionTag" ("tenantId", "mentionId", tag)
          SELECT ${ctx.tenantId}, id, ${tag} FROM unnest(${ids}::text[]) AS id
          ON CONFLICT ("tenantId", "mentionId", tag) DO NOTHING
          RETURNING "mentionId"`
      : Prisma.sql`DELETE FROM "MentionTag" WHERE "tenantId" = ${ctx.tenantId} AND tag = ${tag} AND "mentionId" = ANY(${ids}::text[])
          RETURNING "mentionId"`;
  const rows = await tx.$queryRaw<{ mentionId: string }[]>(sql);
  return rows.map((r) => r.mentionId);
}

/** The entry the per-mention tag action writes (mention.tagged / mention.untagged with the tag), marked as part of a bulk action. */
function tagAudit(mentionId: string, tag: string, op: TagOperation, bulk: "selection" | "matching"): AuditEvent {
  return { action: op === "add" ? "mention.tagged" : "mention.untagged", targetType: "Mention", targetId: mentionId, data: { tag, bulk } };
}

/**
 * Tags or untags a selection (at most 100), normalised like the per-mention action (ZMentionTag)
 * and audited per mention that changed. Any id not of this brand makes the whole call NOT_FOUND.
 */
export async function tagMentions(ctx: TenantContext, raw: TagMentionsInput): Promise<{ changed: number; unchanged: number }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZTagMentions.parse(raw);
  const ids = [...new Set(input.mentionIds)];
  return getDb().$transaction(async (tx) => {
    const found = await tx.mention.count({ where: { tenantId: ctx.tenantId, id: { in: ids } } });
    if (found !== ids.length) throw AppError.notFound("mention");
    const changed = await applyTag(tx, ctx, ids, input.tag, input.op);
    await writeAudits(
      tx,
      ctx,
      changed.map((id) => tagAudit(id, input.tag, input.op, "selection")),
    );
    return { changed: changed.length, unchanged: ids.length - changed.length };
  });
}

/**
 * Tags or untags every mention the inbox's filters match (the list's own conditions: segment and
 * search included), up to TAG_MATCHING_BATCH per run. Each changed mention gets the per-mention
 * audit entry, and one more entry names the filters and the count.
 */
export async function tagMatching(
  ctx: TenantContext,
  raw: TagMatchingInput,
  tuning = { batch: TAG_MATCHING_BATCH },
): Promise<{ changed: number; more: boolean }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZTagMatching.parse(raw);
  const conditions = await inboxConditions(ctx, input.filters);
  const extra = conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const hasTag = Prisma.sql`EXISTS (SELECT 1 FROM "MentionTag" mt WHERE mt."tenantId" = m."tenantId" AND mt."mentionId" = m.id AND mt.tag = ${input.tag})`;
  const toChange = input.op === "add" ? Prisma.sql`NOT ${hasTag}` : hasTag;
  return getDb().$transaction(async (tx) => {
    const picked = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT m.id FROM "Mention" m
      WHERE m."tenantId" = ${ctx.tenantId} AND ${toChange} ${extra}
      ORDER BY m."postedAt" DESC, m.id DESC
      LIMIT ${tuning.batch + 1}`);
    const more = picked.length > tuning.batch;
    const changed = await applyTag(
      tx,
      ctx,
      picked.slice(0, tuning.batch).map((r) => r.id),
      input.tag,
      input.op,
    );
    if (changed.length > 0) {
      await writeAudits(
        tx,
        ctx,
        changed.map((id) => tagAudit(id, input.tag, input.op, "matching")),
      );
      await writeAudit(tx, ctx, {
        action: input.op === "add" ? "mention.tagged_matching" : "mention.untagged_matching",
        targetType: "Mention",
        data: { tag: input.tag, changed: changed.length, more, filters: input.filters },
      });
    }
    return { changed: changed.length, more };
  });
}
