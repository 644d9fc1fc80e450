import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { AppError } from "../../../errors";
import { getLogger } from "../../../logger";
import { enqueueSharePosts } from "../../../pipeline/sharing/queue-shares";
import { networkLabel } from "../../../social/provider-registry";
import type { UserTokens } from "../../../social/social-provider";
import { writeAudit } from "../../audit/audit.service";
import { assertLiveCustomer } from "../../ledger/ledger-customer";
import { createSharePostsForEntries } from "../../sharing/share-posts";
import { storeProfileTokens } from "../../social-profiles/profile-tokens";
import { creditEarlierMentionsInTx } from "./credit-earlier-mentions";
import { payLinkAccountRules } from "./link-account-points";
import { ZLinkSocialProfile, type LinkSocialProfileInput, type LinkSocialProfileResult } from "./social-profile.schemas";

/**
 * Links a social account to a customer after they consented (the portal's OAuth callback will
 * call this; staff may too, with customers:write). In ONE transaction:
 *  1. the ConsentRecord — what was granted, when, whether the brand may post for them;
 *  2. the SocialProfile, unique per tenant + network + account id: created, or re-linked
 *     (handle, followers, scopes refreshed, ACTIVE again) when it is already this customer's;
 *     an account linked to ANOTHER customer is refused (CONFLICT) and nothing is written;
 *  3. the network's LINK_ACCOUNT rules paid, once per account and rule ever (payLinkAccountRules:
 *     relinking, or linking the account to another customer later, pays nothing more), with a
 *     share of the award recorded when the customer allows posting (queued after commit);
 *  4. the account's earlier prospect mentions credited (creditEarlierMentionsInTx);
 *  5. an audit entry.
 * Every call records the consent it was given (consent is append-only history); linking again
 * credits nothing more. Concurrent links of one account wait on its unique key and row lock.
 * `tokens` (the portal's OAuth callback) are sealed onto the profile in the same transaction, so
 * a linked profile never lacks the token it was linked with.
 */
export async function linkSocialProfile(
  ctx: TenantContext,
  raw: LinkSocialProfileInput,
  now = new Date(),
  options: { tokens?: UserTokens } = {},
): Promise<LinkSocialProfileResult> {
  assertCan(ctx, "customers:write");
  const input = ZLinkSocialProfile.parse(raw);
  const { tenantId } = ctx;
  const { result, shareIds } = await getDb().$transaction(
    async (tx) => {
      await assertLiveCustomer(tx, ctx, input.customerId);
      // Claim the account (a concurrent claim waits here for our commit), then lock whichever row holds it.
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "followersCount", scopes, status, "linkedAt", "updatedAt")
        VALUES (${tenantId}, ${input.customerId}, ${input.network}::"Network", ${input.externalUserId}, ${input.handle}, ${input.followers},
                ${input.consent.scopes}::text[], 'ACTIVE', ${now.toISOString()}::timestamp, now())
        ON CONFLICT ("tenantId", network, "externalUserId") DO NOTHING`);
      const held = await tx.$queryRaw<{ id: string; customerId: string | null }[]>(Prisma.sql`
        SELECT id, "customerId" FROM "SocialProfile"
        WHERE "tenantId" = ${tenantId} AND network = ${input.network}::"Network" AND "externalUserId" = ${input.externalUserId}
        FOR UPDATE`);
      const existing = held[0];
      if (!existing) throw new AppError("INTERNAL", "social profile vanished while linking");
      if (existing.customerId !== null && existing.customerId !== input.customerId) {
        throw new AppError("CONFLICT", `this ${networkLabel(input.network)} account is already linked to another customer`, {
          issues: [{ path: "externalUserId", message: "already linked to another customer" }],
        });
      }
      const [profile] = await tx.socialProfile.updateManyAndReturn({
        where: { tenantId, id: existing.id },
        data: {
          customerId: input.customerId,
          handle: input.handle,
          ...(input.displayName ? { displayName: input.displayName } : {}),
          followersCount: input.followers,
          scopes: input.consent.scopes,
          status: "ACTIVE",
          refreshedAt: now,
          ...(existing.customerId === null ? { linkedAt: now } : {}),
        },
        select: { id: true, customerId: true, network: true, externalUserId: true, handle: true, followersCount: true, linkedAt: true },
      });
      if (!profile) throw new AppError("INTERNAL", "social profile vanished while linking");
      if (options.tokens && !(await storeProfileTokens(tx, ctx, profile.id, options.tokens))) {
        throw new AppError("INTERNAL", "social profile vanished while storing its tokens");
      }

      const consent = await tx.consentRecord.create({
        data: {
          tenantId,
          customerId: input.customerId,
          network: input.network,
          socialProfileId: profile.id,
          scopes: input.consent.scopes,
          allowPosting: input.consent.allowPosting,
          policyVersion: input.consent.policyVersion,
          grantedAt: now,
        },
        select: { id: true, scopes: true, allowPosting: true, policyVersion: true, grantedAt: true },
      });

      const linkAward = await payLinkAccountRules(
        tx,
        ctx,
        {
          customerId: input.customerId,
          network: input.network,
          externalUserId: input.externalUserId,
          handle: profile.handle,
          followers: profile.followersCount,
        },
        now,
      );
      const shares = linkAward.posted.length
        ? await createSharePostsForEntries(
            tx,
            ctx,
            linkAward.posted.map((p) => p.id),
          )
        : [];

      const credited = await creditEarlierMentionsInTx(
        tx,
        ctx,
        { customerId: input.customerId, socialProfileId: profile.id, network: input.network, externalUserId: input.externalUserId },
        now,
      );
      await writeAudit(tx, ctx, {
        action: "social_profile.linked",
        targetType: "Customer",
        targetId: input.customerId,
        data: {
          socialProfileId: profile.id,
          network: input.network,
          externalUserId: input.externalUserId,
          consentId: consent.id,
          allowPosting: consent.allowPosting,
          earlierMentionsCredited: credited.credited,
          pointsAwarded: credited.pointsAwarded,
          linkPointsAwarded: linkAward.pointsAwarded,
          linkEntryIds: linkAward.posted.map((p) => p.id),
        },
      });
      const result: LinkSocialProfileResult = {
        socialProfile: {
          id: profile.id,
          customerId: input.customerId,
          network: profile.network,
          externalUserId: profile.externalUserId,
          handle: profile.handle,
          followers: profile.followersCount,
          linkedAt: (profile.linkedAt ?? now).toISOString(),
        },
        consent: { ...consent, scopes: [...consent.scopes], grantedAt: consent.grantedAt.toISOString() },
        earlierMentions: { attributed: credited.attributed, credited: credited.credited, pointsAwarded: credited.pointsAwarded },
        linkAward: { pointsAwarded: linkAward.pointsAwarded, entries: linkAward.posted.length },
      };
      return { result, shareIds: shares.map((s) => s.id) };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  // The link is committed whatever happens here: a share whose job cannot be queued now stays
  // PENDING and the share sweeper queues it later.
  if (shareIds.length) {
    await enqueueSharePosts(ctx, shareIds).catch((err: unknown) => getLogger().warn({ err, tenantId }, "link award share not queued; the sweeper will"));
  }
  return result;
}
