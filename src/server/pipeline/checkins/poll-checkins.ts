import type { TenantContext } from "../../auth/tenant-context";
import { getEnv } from "../../env";
import { scrubError } from "../../modules/channels/channel-secrets";
import { ingestMentionPage, type IngestResult } from "../../modules/mentions/ingest-mention-page";
import { getProfileUserAuth, ProfileAuthError } from "../../modules/social-profiles/profile-tokens";
import { markProfileNeedsReconnect } from "../../modules/social-profiles/profile-status";
import type { CheckinPage } from "../../social/checkin-provider";
import { getCheckinProvider } from "../../social/provider-registry";
import type { ClassifiedError, SocialUser, UserAuth } from "../../social/social-provider";
import { syncReaction, TRANSIENT_RETRY_MS } from "../sync/sync-policy";
import { applySyncReaction } from "../sync/sync-state";
import { keepBrandVenueCheckins, loadBrandVenueIds } from "./brand-venues";
import { advanceCheckinCursor, checkinSyncStore, claimCheckinRun, markCheckinRunFailed, markCheckinRunSucceeded } from "./checkin-sync";

export interface CheckinTotals {
  pages: number;
  /** Check-ins the network returned. */
  fetched: number;
  /** Of those, at the tenant's venues (the rest were dropped, see brand-venues.ts). */
  atBrandVenues: number;
  stored: number;
  credited: number;
  pointsAwarded: number;
}

export type CheckinPollOutcome =
  | { status: "skipped"; reason: string }
  | { status: "polled"; totals: CheckinTotals; nextRunAt: Date }
  | { status: "throttled"; totals: CheckinTotals; until: Date }
  | { status: "needs_reconnect"; totals: CheckinTotals; reason: string }
  | { status: "failed"; totals: CheckinTotals; reason: string; retryable: boolean };

/** Pages per run; a longer backlog continues at the scheduler's next tick. */
export const MAX_PAGES_PER_RUN = 8;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Polls one linked profile's check-ins: claim the profile, then ask for check-ins after its cursor
 * (oldest first, up to MAX_PAGES_PER_RUN pages), keep those at the tenant's venues, ingest each
 * page as CHECKIN (stored once, paid once: the same check-in pushed earlier is a duplicate), and
 * move the cursor forward after each stored page, so a run cut short resumes where it stopped.
 *
 * The first run starts at the moment the account was linked: the customer's consent begins there,
 * and older check-ins are neither fetched nor paid. Later runs start `cursorOverlapSeconds` before
 * the cursor (Foursquare's advice for polling: overlap, then de-duplicate).
 *
 * Rate limits are obeyed from the headers: a spent budget ends the run and the next one waits for
 * the reset; a refusal (403 quota / 429) marks the profile THROTTLED until then. A refused token
 * marks the profile NEEDS_RECONNECT once (audited) and it is not polled again until re-linked.
 */
export async function pollProfileCheckins(ctx: TenantContext, profileId: string, now = new Date()): Promise<CheckinPollOutcome> {
  const env = getEnv();
  const claim = await claimCheckinRun(ctx, profileId, { now, staleRunMs: env.LISTENING_STALE_RUN_MS });
  if (!claim) return { status: "skipped", reason: "profile gone, not pollable, or in another run" };
  const { startedAt } = claim;
  const totals: CheckinTotals = { pages: 0, fetched: 0, atBrandVenues: 0, stored: 0, credited: 0, pointsAwarded: 0 };
  const interval = env.FOURSQUARE_CHECKIN_POLL_INTERVAL_SECONDS * 1000;

  try {
    const venues = await loadBrandVenueIds(ctx);
    if (venues.size === 0) {
      // No tracked venue (the last one was removed after this job was queued): nothing could count.
      const nextRunAt = new Date(now.getTime() + interval);
      await markCheckinRunSucceeded(ctx, profileId, { startedAt, nextRunAt });
      return { status: "polled", totals, nextRunAt };
    }

    let auth: UserAuth;
    try {
      auth = await getProfileUserAuth(ctx, profileId, { now });
    } catch (error) {
      if (!(error instanceof ProfileAuthError)) throw error;
      return await react(ctx, profileId, startedAt, now, totals, { kind: error.kind, message: error.message, retryAt: error.retryAt }, []);
    }

    const provider = getCheckinProvider(claim.network);
    const owner: SocialUser = {
      externalId: claim.externalUserId,
      handle: claim.handle,
      name: claim.displayName ?? claim.handle,
      followers: claim.followersCount,
      following: 0,
    };
    let after = claim.checkinCursor ? seconds(claim.checkinCursor) - provider.limits.cursorOverlapSeconds : seconds(claim.linkedAt ?? claim.createdAt) - 1;
    const limit = provider.limits.maxPerPage;
    let notBefore: Date | null = null;

    for (;;) {
      let page: CheckinPage;
      try {
        page = await provider.listCheckins(auth, owner, { afterTimestamp: after, limit });
      } catch (error) {
        return await react(ctx, profileId, startedAt, now, totals, provider.classifyError(error), [auth.accessToken]);
      }
      totals.pages++;
      totals.fetched += page.fetched;
      const kept = keepBrandVenueCheckins(page.checkins, venues);
      totals.atBrandVenues += kept.length;
      if (kept.length > 0)
        addIngest(
          totals,
          await ingestMentionPage(ctx, { network: claim.network, action: "CHECKIN", sourceId: null, matchedKeywords: [], mentions: kept }, now),
        );
      if (page.newestTimestamp !== null) await advanceCheckinCursor(ctx, profileId, startedAt, new Date(page.newestTimestamp * 1000));

      const spent = page.rateLimit !== null && page.rateLimit.remaining <= 0;
      if (spent) notBefore = page.rateLimit!.resetAt;
      const full = page.fetched >= limit && page.newestTimestamp !== null;
      if (!full) break;
      if (spent || totals.pages >= MAX_PAGES_PER_RUN) {
        // More remain: continue at the reset, or at the scheduler's next tick.
        const nextRunAt = notBefore ?? now;
        await markCheckinRunSucceeded(ctx, profileId, { startedAt, nextRunAt });
        return { status: "polled", totals, nextRunAt };
      }
      // `afterTimestamp` is exclusive: re-ask the page's last second so check-ins sharing it are
      // not lost at the page boundary (ingest drops the repeats). A page that is all one second
      // cannot move that way; then step past it.
      after = page.newestTimestamp! - 1 > after ? page.newestTimestamp! - 1 : page.newestTimestamp!;
    }

    const nextRunAt = new Date(Math.max(now.getTime() + interval, notBefore?.getTime() ?? 0));
    await markCheckinRunSucceeded(ctx, profileId, { startedAt, nextRunAt });
    return { status: "polled", totals, nextRunAt };
  } catch (error) {
    // Not the network's doing (database, bug): leave the run so a retry can claim the profile.
    await markCheckinRunFailed(ctx, profileId, {
      startedAt,
      error: error instanceof Error ? error.message : String(error),
      retryAt: new Date(now.getTime() + TRANSIENT_RETRY_MS),
    }).catch(() => false);
    throw error;
  }
}

function addIngest(totals: CheckinTotals, result: IngestResult): void {
  totals.stored += result.stored;
  totals.credited += result.credited;
  totals.pointsAwarded += result.pointsAwarded;
}

/**
 * What a classified failure does to the profile's state: the one error → sync-state policy
 * (sync/sync-policy.ts), shared with listening sources. `secrets` are scrubbed from stored errors.
 */
async function react(
  ctx: TenantContext,
  profileId: string,
  startedAt: Date,
  now: Date,
  totals: CheckinTotals,
  classified: ClassifiedError,
  secrets: string[],
): Promise<CheckinPollOutcome> {
  const message = scrubError(classified.message, secrets);
  const reaction = syncReaction(classified, now);
  // The profile itself moves too: that is what stops polling until the customer links again.
  if (reaction.state === "NEEDS_RECONNECT") await markProfileNeedsReconnect(ctx, profileId, message, { secrets });
  await applySyncReaction(checkinSyncStore, { tenantId: ctx.tenantId, id: profileId, startedAt }, reaction, message);
  switch (reaction.state) {
    case "THROTTLED":
      return { status: "throttled", totals, until: reaction.until };
    case "NEEDS_RECONNECT":
      return { status: "needs_reconnect", totals, reason: message };
    case "CURSOR_RESET":
    case "ERROR":
      return { status: "failed", totals, reason: message, retryable: reaction.retryable };
  }
}
