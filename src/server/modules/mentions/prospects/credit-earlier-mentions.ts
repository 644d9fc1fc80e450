import type { TenantContext } from "../../../auth/tenant-context";
import { getDb, type DbTx } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import type { Network } from "../../../db/generated/enums";
import { AppError } from "../../../errors";
import { analyzeSentiment, sentimentLabel } from "../../scoring/sentiment";
import { awardMentions, type AwardableMention } from "../award-mentions";

/**
 * How far back a newly linked account's earlier mentions are credited, by collection time.
 * Long enough for "I tweeted, then joined the program" (a month), short enough that linking an
 * old account does not pay out its history.
 */
export const PROSPECT_CREDIT_WINDOW_DAYS = 30;

export interface CreditEarlierInput {
  customerId: string;
  socialProfileId: string;
  network: Network;
  externalUserId: string;
}

export interface CreditEarlierOutcome {
  /** Prospect mentions now attributed to the customer (NEW or CREDITED). */
  attributed: number;
  /** Of those, the ones an award was posted for (now CREDITED). */
  credited: number;
  pointsAwarded: number;
  mentionIds: string[];
}

const NOTHING: CreditEarlierOutcome = { attributed: 0, credited: 0, pointsAwarded: 0, mentionIds: [] };

/** creditEarlierMentionsInTx in its own transaction. */
export async function creditEarlierMentions(ctx: TenantContext, input: CreditEarlierInput, now = new Date()): Promise<CreditEarlierOutcome> {
  return getDb().$transaction((tx) => creditEarlierMentionsInTx(tx, ctx, input, now), { timeout: 30_000, maxWait: 10_000 });
}

/**
 * When a prospect links their account (with consent), the mentions they made before are
 * theirs: every PROSPECT mention of this tenant + network + author id, not deleted upstream,
 * collected in the last PROSPECT_CREDIT_WINDOW_DAYS days, is attributed to the customer and
 * profile and goes through the same award path as live ingest (awardMentions: same rules, same
 * idempotency keys, same caps), all in the caller's transaction.
 *
 * Scoring uses what was stored at collection (the follower snapshot, the sentiment), and each
 * mention's own time for campaign windows, but the daily cap is today's (UTC, `now`): earlier
 * mentions credited now count toward, and are limited by, what the customer earned today under
 * each rule. Mentions that earn nothing (e.g. below a rule's minimum sentiment) are still
 * attributed and stay NEW.
 *
 * A second call finds no PROSPECT mention left and pays nothing; a concurrent twin waits on the
 * row locks and then finds none either.
 */
export async function creditEarlierMentionsInTx(tx: DbTx, ctx: TenantContext, input: CreditEarlierInput, now = new Date()): Promise<CreditEarlierOutcome> {
  const profile = await tx.socialProfile.findFirst({
    where: {
      tenantId: ctx.tenantId,
      id: input.socialProfileId,
      customerId: input.customerId,
      network: input.network,
      externalUserId: input.externalUserId,
      status: { not: "REVOKED" },
      customer: { tenantId: ctx.tenantId, erasedAt: null, mergedIntoId: null },
    },
    select: { id: true },
  });
  if (!profile) throw AppError.notFound("linked social profile");

  const since = new Date(now.getTime() - PROSPECT_CREDIT_WINDOW_DAYS * 24 * 3600 * 1000);
  // Row locks in id order: a deletion check or a disqualification that got there first has
  // changed the status (and is skipped here); one that comes later waits for our commit.
  const locked = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT id FROM "Mention"
    WHERE "tenantId" = ${ctx.tenantId} AND network = ${input.network}::"Network" AND "authorExternalId" = ${input.externalUserId}
      AND status = 'PROSPECT' AND "deletedUpstreamAt" IS NULL AND "createdAt" >= ${since.toISOString()}::timestamp
    ORDER BY id
    FOR UPDATE`);
  if (locked.length === 0) return NOTHING;
  const ids = locked.map((r) => r.id);

  const rows = await tx.mention.findMany({
    where: { tenantId: ctx.tenantId, id: { in: ids } },
    select: { id: true, externalId: true, authorFollowers: true, sentimentScore: true, sentimentLabel: true, text: true, postedAt: true },
  });
  await tx.mention.updateMany({
    where: { tenantId: ctx.tenantId, id: { in: ids } },
    data: { customerId: input.customerId, socialProfileId: input.socialProfileId, status: "NEW" },
  });
  const awardable: AwardableMention[] = rows.map((r) => ({
    mentionId: r.id,
    externalId: r.externalId,
    customerId: input.customerId,
    followers: r.authorFollowers,
    sentiment: r.sentimentScore === null ? analyzeSentiment(r.text) : { score: r.sentimentScore, label: r.sentimentLabel ?? sentimentLabel(r.sentimentScore) },
    postedAt: r.postedAt,
  }));
  const outcome = await awardMentions(tx, ctx, input.network, awardable, now);
  if (outcome.creditedMentionIds.length) {
    await tx.mention.updateMany({ where: { tenantId: ctx.tenantId, id: { in: outcome.creditedMentionIds } }, data: { status: "CREDITED" } });
  }
  return {
    attributed: ids.length,
    credited: outcome.creditedMentionIds.length,
    pointsAwarded: outcome.pointsAwarded,
    mentionIds: ids,
  };
}
