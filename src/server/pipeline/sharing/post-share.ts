import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { scrubError } from "../../modules/channels/channel-secrets";
import { markProfileNeedsReconnect } from "../../modules/social-profiles/profile-status";
import { getProfileUserAuth, ProfileAuthError, type ProfileUserAuth } from "../../modules/social-profiles/profile-tokens";
import { profileMayPost } from "../../modules/sharing/share-eligibility";
import {
  claimSharePost,
  closeShareFailed,
  recordSharePosted,
  recordShareRetryable,
  SHARE_LEASE_MS,
  SHARE_MAX_ATTEMPTS,
} from "../../modules/sharing/share-posts";
import { getProvider, shareRulesFor } from "../../social/provider-registry";
import { assertNever } from "../../social/social-provider";
import { throttleUntil } from "../sync/sync-policy";
import { findOwnRecentPost, type OwnPostQuery } from "./find-own-post";

export type ShareOutcome =
  | { status: "posted"; externalPostId: string | null; how: "published" | "found_existing" | "duplicate_confirmed" }
  | { status: "skipped"; reason: string }
  | { status: "retry"; reason: string }
  | { status: "throttled"; until: Date }
  | { status: "failed"; reason: string };

/**
 * Posts one award on the customer's behalf, at most once.
 *
 * Idempotency, in order:
 * 1. The row is claimed (attempts + 1) in a committed UPDATE before the network is called, so
 *    "an earlier attempt may have reached the network" is visible in Postgres: attempts > 1 after
 *    this claim (a 429 gives its attempt back; permanent failures close the row).
 * 2. On such a retry the user's recent posts are searched first for this exact text, made since
 *    the row was created and not recorded for another share; a hit is recorded and nothing is
 *    posted.
 * 3. If the search misses (index lag, a renamed handle, no app connection) the post is sent, and
 *    the network's duplicate-content answer (X: 403 "duplicate content") is taken as "the earlier
 *    attempt did post": POSTED, with the id when a second search finds it.
 *    On a FIRST attempt the same answer means another live post has this text (an earlier award
 *    of the same points): that is not our post, so the share fails for good instead.
 * 4. The id is stored with POSTED in one update. Concurrent runs of one share are excluded by the
 *    claim's lease (SHARE_LEASE_MS): a live claim makes the other run retry later.
 */
export async function postShare(ctx: TenantContext, sharePostId: string, { now = new Date() }: { now?: Date } = {}): Promise<ShareOutcome> {
  const db = getDb();
  const share = await db.sharePost.findFirst({
    where: { tenantId: ctx.tenantId, id: sharePostId },
    select: { id: true, status: true, attempts: true, customerId: true, socialProfileId: true, text: true },
  });
  if (!share) return { status: "skipped", reason: "share not found" };
  if (share.status === "POSTED") return { status: "skipped", reason: "already posted" };
  if (share.status === "FAILED" && share.attempts >= SHARE_MAX_ATTEMPTS) return { status: "skipped", reason: "share is closed" };

  const fail = async (reason: string): Promise<ShareOutcome> => {
    await closeShareFailed(ctx, share.id, reason, now);
    return { status: "failed", reason };
  };

  const profile = await db.socialProfile.findFirst({
    where: { tenantId: ctx.tenantId, id: share.socialProfileId },
    select: { id: true, network: true, handle: true, externalUserId: true, status: true },
  });
  if (!profile) return fail("the linked profile is gone");
  if (!(await profileMayPost(db, ctx, share.customerId, profile.id))) {
    return fail(
      profile.status === "ACTIVE" ? "posting is no longer allowed for this profile (consent withdrawn or unlinked)" : `the profile is ${profile.status}`,
    );
  }
  const rules = shareRulesFor(profile.network);
  if (rules.maxLength !== null && [...share.text].length > rules.maxLength) return fail(`text is longer than ${rules.maxLength} characters`);

  // Tokens first: a refresh failure must not cost an attempt or look like an uncertain post.
  let auth: ProfileUserAuth;
  try {
    auth = await getProfileUserAuth(ctx, profile.id, { now });
  } catch (error) {
    if (!(error instanceof ProfileAuthError)) throw error;
    switch (error.kind) {
      case "RECONNECT":
        return fail(`the customer must reconnect: ${error.message}`);
      case "RATE_LIMITED":
        return { status: "throttled", until: throttleUntil(error.retryAt, now) };
      case "TRANSIENT":
        return { status: "retry", reason: error.message };
      default:
        return assertNever(error.kind);
    }
  }

  const ownPost = (text: string, notBefore: Date): OwnPostQuery => ({
    tenantId: ctx.tenantId,
    shareId: share.id,
    network: profile.network,
    handle: profile.handle,
    externalUserId: profile.externalUserId,
    text,
    notBefore,
  });

  const claim = await claimSharePost(ctx, share.id, now);
  if (!claim) return settleUnclaimable(ctx, share.id, now, ownPost);
  const uncertain = claim.attempts > 1;
  if (uncertain) {
    const existing = await findOwnRecentPost(ownPost(claim.text, claim.createdAt));
    if (existing) {
      await recordSharePosted(ctx, share.id, existing, now);
      return { status: "posted", externalPostId: existing, how: "found_existing" };
    }
  }

  const provider = getProvider(profile.network);
  try {
    const { externalId } = await provider.publish(auth, claim.text);
    await recordSharePosted(ctx, share.id, externalId, now);
    return { status: "posted", externalPostId: externalId, how: "published" };
  } catch (error) {
    if (rules.isDuplicatePost(error)) {
      if (!uncertain) return fail("duplicate content: this account already has a live post with this text");
      const found = await findOwnRecentPost(ownPost(claim.text, claim.createdAt));
      await recordSharePosted(ctx, share.id, found, now);
      return { status: "posted", externalPostId: found, how: "duplicate_confirmed" };
    }
    const classified = provider.classifyError(error);
    const message = scrubError(classified.message, [auth.accessToken]);
    switch (classified.kind) {
      case "RATE_LIMITED":
        // Refused before anything was posted: the attempt is given back.
        await recordShareRetryable(ctx, share.id, message, now, { giveBack: true });
        return { status: "throttled", until: throttleUntil(classified.retryAt, now) };
      case "TRANSIENT":
        await recordShareRetryable(ctx, share.id, message, now);
        return claim.attempts >= SHARE_MAX_ATTEMPTS
          ? { status: "failed", reason: `gave up after ${claim.attempts} attempts: ${message}` }
          : { status: "retry", reason: message };
      case "RECONNECT":
      case "REFRESH_TOKEN":
        await markProfileNeedsReconnect(ctx, profile.id, message, { secrets: [auth.accessToken] });
        return fail(`the customer must reconnect: ${message}`);
      case "BAD_REQUEST":
      case "CURSOR_EXPIRED":
        return fail(message);
      default:
        return assertNever(classified.kind);
    }
  }
}

/** The claim was refused: someone else holds the row, it is finished, or it ran out of attempts mid-call. */
async function settleUnclaimable(
  ctx: TenantContext,
  shareId: string,
  now: Date,
  ownPost: (text: string, notBefore: Date) => OwnPostQuery,
): Promise<ShareOutcome> {
  const row = await getDb().sharePost.findFirst({
    where: { tenantId: ctx.tenantId, id: shareId },
    select: { status: true, attempts: true, updatedAt: true, text: true, createdAt: true },
  });
  if (!row) return { status: "skipped", reason: "share not found" };
  if (row.status === "POSTED") return { status: "skipped", reason: "already posted" };
  if (row.status === "FAILED") return { status: "skipped", reason: "share is closed" };
  if (row.updatedAt.getTime() >= now.getTime() - SHARE_LEASE_MS) return { status: "retry", reason: "another attempt is in flight" };
  // The last allowed attempt died mid-call: find out whether it posted, then close the row.
  const existing = await findOwnRecentPost(ownPost(row.text, row.createdAt));
  if (existing) {
    await recordSharePosted(ctx, shareId, existing, now);
    return { status: "posted", externalPostId: existing, how: "found_existing" };
  }
  const reason = `gave up after ${row.attempts} attempts; the last one ended without an answer`;
  await closeShareFailed(ctx, shareId, reason, now);
  return { status: "failed", reason };
}
