import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { ingestMentionPage, type IngestResult } from "../../modules/mentions/ingest-mention-page";
import { getCheckinProvider } from "../../social/provider-registry";
import type { SocialUser } from "../../social/social-provider";
import { keepBrandVenueCheckins, loadBrandVenueIds } from "./brand-venues";
import type { PushedCheckin } from "./checkins.jobs";

export type PushIngestOutcome =
  { status: "ingested"; result: IngestResult } | { status: "ignored"; reason: "author is not a linked customer" | "not at a tracked venue" };

/**
 * The job behind the push receiver: one pushed check-in → ingest as a CHECKIN, exactly like a
 * polled one (same external id, so whichever arrives second is a duplicate and pays nothing).
 *
 * Only the check-ins of an account linked to a customer of this tenant are kept: a push comes
 * from someone who authorized the brand's Foursquare app, and if that link is gone (unlinked,
 * revoked, or never made here) their whereabouts are not stored. The venue is checked again: the
 * location may have been removed since the push was queued.
 */
export async function ingestPushedCheckin(ctx: TenantContext, pushed: PushedCheckin, now = new Date()): Promise<PushIngestOutcome> {
  const profile = await getDb().socialProfile.findFirst({
    where: { tenantId: ctx.tenantId, network: "FOURSQUARE", externalUserId: pushed.user.id, customerId: { not: null }, status: { not: "REVOKED" } },
    select: { externalUserId: true, handle: true, displayName: true, followersCount: true },
  });
  if (!profile) return { status: "ignored", reason: "author is not a linked customer" };
  const owner: SocialUser = {
    externalId: profile.externalUserId,
    handle: profile.handle,
    name: profile.displayName ?? profile.handle,
    followers: profile.followersCount,
    following: 0,
  };
  const push = getCheckinProvider("FOURSQUARE").push;
  if (!push) throw new Error("the Foursquare check-in provider takes no pushes");
  const mention = push.toMention(pushed, owner);
  const kept = mention ? keepBrandVenueCheckins([mention], await loadBrandVenueIds(ctx)) : [];
  if (kept.length === 0) return { status: "ignored", reason: "not at a tracked venue" };
  const result = await ingestMentionPage(ctx, { network: "FOURSQUARE", action: "CHECKIN", sourceId: null, matchedKeywords: [], mentions: kept }, now);
  return { status: "ingested", result };
}
