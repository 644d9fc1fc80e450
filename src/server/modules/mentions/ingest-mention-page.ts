import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import type { Network, RuleAction } from "../../db/generated/enums";
import type { FetchedMention } from "../../social/social-provider";
import { enqueueSharePosts } from "../../pipeline/sharing/queue-shares";
import { analyzeSentiment } from "../scoring/sentiment";
import { createSharePostsForEntries } from "../sharing/share-posts";
import { awardMentions } from "./award-mentions";
import { insertMentions, type MentionToStore } from "./insert-mentions";

export interface IngestPage {
  network: Network;
  /** What the posts earn under: MENTION (listening) or CHECKIN (Foursquare). Default MENTION. */
  action?: Extract<RuleAction, "MENTION" | "CHECKIN">;
  sourceId: string | null;
  matchedKeywords: string[];
  mentions: FetchedMention[];
}

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  prospects: number;
  credited: number;
  pointsAwarded: number;
}

/**
 * One fetched page → stored, attributed, scored and paid, in ONE transaction: either all of it
 * commits or none, and a redelivered page finds every mention stored and every award keyed, so
 * it changes nothing. Sentiment is computed before the transaction opens (CPU, no locks held).
 */
export async function ingestMentionPage(
  tenantId: string,
  page: IngestPage,
  now = new Date(),
): Promise<IngestResult> {
  const unique = [...new Map(page.mentions.map((m) => [m.externalId, m])).values()];
  const analysed = unique.map((mention) => ({ mention, sentiment: analyzeSentiment(mention.text) }));
  const fault = getEnv().FAULT_INJECTION;
  const result = await getDb().$transaction(
    async (tx) => {
      const items: MentionToStore[] = analysed.map(({ mention, sentiment }) => ({ mention, sentiment, matchedKeywords: page.matchedKeywords }));
      const inserted = await insertMentions(tx, tenantId, page.network, page.sourceId, items);
      const byExternalId = new Map(items.map((i) => [i.mention.externalId, i]));
      const awardable = inserted.flatMap(({ id, externalId, customerId }) => {
        const item = byExternalId.get(externalId);
        if (!item || !customerId) return [];
        return [{
          mentionId: id,
          externalId,
          customerId,
          followers: item.mention.author.followers,
          sentiment: item.sentiment,
          postedAt: item.mention.postedAt,
        }];
      });
      const outcome = await awardMentions(tx, tenantId, page.network, awardable, now, page.action ?? "MENTION");
      if (outcome.creditedMentionIds.length) {
        await tx.$executeRaw`UPDATE "Mention" SET status = 'CREDITED', "updatedAt" = now()
          WHERE "tenantId" = ${tenantId} AND id = ANY(${outcome.creditedMentionIds}::text[])`;
      }
      // Shares are recorded with the awards, so a crash between commit and enqueue loses none
      // (the share sweeper re-queues rows still PENDING).
      const shares = outcome.sharingPossible ? await createSharePostsForEntries(tx, tenantId, outcome.posted.map((p) => p.id)) : [];
      if (fault === "crash-before-commit" && inserted.length > 0) crashForTest("before commit");
      return {
        shareIds: shares.map((s) => s.id),
        received: page.mentions.length,
        stored: inserted.length,
        duplicates: unique.length - inserted.length,
        prospects: inserted.length - awardable.length,
        credited: outcome.creditedMentionIds.length,
        pointsAwarded: outcome.pointsAwarded,
      };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  if (fault === "crash-after-commit" && result.stored > 0) crashForTest("after commit");
  const { shareIds, ...counts } = result;
  if (shareIds.length) await enqueueSharePosts(tenantId, shareIds);
  return counts;
}

/** Dies like `kill -9`: no cleanup, no job acknowledgement (see FAULT_INJECTION in env.ts). */
function crashForTest(where: string): never {
  process.stderr.write(`FAULT_INJECTION: exiting ${where}\n`);
  process.exit(137);
}
