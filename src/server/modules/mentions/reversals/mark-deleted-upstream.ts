import type { TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import type { Network } from "../../../db/generated/enums";
import { reverseMentionAwards, type MentionEntryReversal } from "./reverse-mention-awards";

export interface DeletedUpstreamOutcome {
  /** Mentions this call moved to DELETED (a concurrent or earlier run's are not counted again). */
  deletedMentionIds: string[];
  reversals: MentionEntryReversal[];
}

/**
 * Posts that no longer exist upstream, in ONE transaction: each mention becomes DELETED
 * (`deletedUpstreamAt`), loses the post's content, and every earning entry it had is reversed
 * ("deleted upstream", key derived from the entry).
 *
 * What is kept and why: the row stays, because ledger entries point at it (`mentionId`) and the
 * unique (tenant, network, externalId) stops the same post from being stored and paid again. The
 * post's content is removed (`text` = "", `url`, `metrics` = null), as the networks' developer
 * terms ask of deleted posts and QUALITY.md's privacy bar says; the author ids/handle, follower
 * snapshot, sentiment score and matched keywords stay as the scoring record of what was paid.
 *
 * Only mentions still not DELETED are taken (row-locked in id order): a second run, or a
 * concurrent one that waited for our commit, finds nothing to do and reverses nothing.
 */
export async function markMentionsDeletedUpstream(
  ctx: TenantContext,
  network: Network,
  externalIds: string[],
  now = new Date(),
): Promise<DeletedUpstreamOutcome> {
  if (externalIds.length === 0) return { deletedMentionIds: [], reversals: [] };
  return getDb().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
        WITH target AS (
          SELECT id FROM "Mention"
          WHERE "tenantId" = ${ctx.tenantId} AND network = ${network}::"Network" AND "externalId" = ANY(${externalIds}::text[])
            AND status <> 'DELETED'
          ORDER BY id
          FOR UPDATE
        )
        UPDATE "Mention" m
        SET status = 'DELETED', "deletedUpstreamAt" = ${now.toISOString()}::timestamp, text = '', url = NULL, metrics = NULL, "updatedAt" = now()
        FROM target
        WHERE m.id = target.id AND m."tenantId" = ${ctx.tenantId}
        RETURNING m.id`);
      const deletedMentionIds = rows.map((r) => r.id).sort();
      const reversals = await reverseMentionAwards(tx, ctx, deletedMentionIds, { kind: "deleted-upstream" });
      return { deletedMentionIds, reversals };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
