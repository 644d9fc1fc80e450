import type { TenantContext } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import type { LedgerSource } from "../../db/generated/enums";
import { payOneOffAction } from "../awards/action-awards";
import { findSharingProfiles } from "./share-eligibility";
import { renderShareText } from "./share-text";

/**
 * SharePost rows and their state machine. Postgres is the source of truth for "was this award
 * shared": one row per ledger entry (unique tenantId + ledgerEntryId), created PENDING, moved by
 * conditional updates only:
 *
 *   PENDING, attempts 0      never tried
 *   PENDING, attempts n > 0  an attempt is in flight (claimed within SHARE_LEASE_MS), or its
 *                            worker died mid-call: the network may or may not have the post
 *   FAILED,  attempts < max  the last attempt failed in a retryable way
 *   FAILED,  attempts = max  closed: exhausted, or failed for good (a permanent failure raises
 *                            attempts to the cap so no claim can reopen it)
 *   POSTED                   externalPostId recorded (null only when the network confirmed the
 *                            post exists but its id could not be found)
 */

export const SHARE_MAX_ATTEMPTS = 5;
/** A claim older than this with no outcome is presumed dead (worker crashed mid-call). */
export const SHARE_LEASE_MS = 60_000;
/** Awards worth telling the world about; a SHARE award is never shared again (no loops). */
export const SHAREABLE_SOURCES: readonly LedgerSource[] = ["MENTION", "CHECKIN", "LINK_ACCOUNT"];

export interface CreatedSharePost {
  id: string;
  ledgerEntryId: string;
}

/**
 * Creates one PENDING SharePost per given ledger entry that deserves one: an entry of this tenant
 * (ids of other tenants are ignored), a positive shareable award, whose customer may post
 * through a linked profile. Texts come from the tenant's template. Entries that already have a
 * row are skipped (ON CONFLICT DO NOTHING), so only rows created by THIS call are returned: a
 * repeated call creates and returns nothing. Works inside the ingest's transaction or after it.
 */
export async function createSharePostsForEntries(db: Db | DbTx, ctx: TenantContext, ledgerEntryIds: string[]): Promise<CreatedSharePost[]> {
  const ids = [...new Set(ledgerEntryIds)];
  if (ids.length === 0) return [];
  const entries = await db.ledgerEntry.findMany({
    where: { tenantId: ctx.tenantId, id: { in: ids }, amount: { gt: 0 }, source: { in: [...SHAREABLE_SOURCES] } },
    select: { id: true, customerId: true, amount: true },
  });
  if (entries.length === 0) return [];
  const profiles = await findSharingProfiles(
    db,
    ctx,
    entries.map((e) => e.customerId),
  );
  const eligible = entries.flatMap((e) => {
    const profile = profiles.get(e.customerId);
    return profile ? [{ entry: e, profile }] : [];
  });
  if (eligible.length === 0) return [];
  const tenant = await db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { name: true, shareTemplate: true } });
  if (!tenant) return [];
  const texts = eligible.map(({ entry }) => renderShareText(tenant.shareTemplate, { points: entry.amount, brand: tenant.name }));
  return db.$queryRaw<CreatedSharePost[]>`
    INSERT INTO "SharePost" ("tenantId", "customerId", "socialProfileId", "ledgerEntryId", text, "updatedAt")
    SELECT ${ctx.tenantId}, u."customerId", u."profileId", u."ledgerEntryId", u.text, now()
    FROM unnest(
      ${eligible.map((x) => x.entry.customerId)}::text[],
      ${eligible.map((x) => x.profile.profileId)}::text[],
      ${eligible.map((x) => x.entry.id)}::text[],
      ${texts}::text[]
    ) AS u("customerId", "profileId", "ledgerEntryId", text)
    ORDER BY u."ledgerEntryId"
    ON CONFLICT ("tenantId", "ledgerEntryId") DO NOTHING
    RETURNING id, "ledgerEntryId"
  `;
}

export interface ClaimedSharePost {
  id: string;
  customerId: string;
  socialProfileId: string;
  text: string;
  /** Including this claim. More than 1: an earlier attempt may have reached the network. */
  attempts: number;
  createdAt: Date;
}

/**
 * Takes one attempt at a share: PENDING (never tried, or its last claim is older than the lease)
 * or FAILED-retryable, with attempts left → attempts + 1, PENDING, updatedAt = now. One
 * conditional UPDATE, so two workers racing for the same row get it once. The committed claim is
 * the attempt marker: it is written BEFORE the network is called.
 */
export async function claimSharePost(ctx: TenantContext, id: string, now: Date): Promise<ClaimedSharePost | null> {
  const leaseCutoff = new Date(now.getTime() - SHARE_LEASE_MS);
  const rows = await getDb().sharePost.updateManyAndReturn({
    where: {
      tenantId: ctx.tenantId,
      id,
      attempts: { lt: SHARE_MAX_ATTEMPTS },
      OR: [{ status: "FAILED" }, { status: "PENDING", attempts: 0 }, { status: "PENDING", updatedAt: { lt: leaseCutoff } }],
    },
    data: { status: "PENDING", attempts: { increment: 1 }, updatedAt: now },
    select: { id: true, customerId: true, socialProfileId: true, text: true, attempts: true, createdAt: true },
  });
  return rows[0] ?? null;
}

/** The idempotency key of a share's award: one payment per share and rule, ever. */
export function shareAwardKey(sharePostId: string, ruleId: string): string {
  return `share:${sharePostId}:${ruleId}`;
}

/**
 * The post exists upstream: POSTED with its id (whatever attempt found it), and in the same
 * transaction the network's SHARE rules pay the customer for sharing — once per share and rule,
 * however many attempts report it. A SHARE award is never shared itself (SHAREABLE_SOURCES).
 */
export async function recordSharePosted(ctx: TenantContext, id: string, externalPostId: string | null, now: Date): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const moved = await tx.sharePost.updateManyAndReturn({
      where: { tenantId: ctx.tenantId, id, status: { not: "POSTED" } },
      data: { status: "POSTED", externalPostId, postedAt: now, lastError: null, updatedAt: now },
      select: { customerId: true, socialProfile: { select: { network: true, handle: true, followersCount: true } } },
    });
    const share = moved[0];
    if (!share) return;
    await payOneOffAction(
      tx,
      ctx,
      {
        action: "SHARE",
        network: share.socialProfile.network,
        customerId: share.customerId,
        followers: share.socialProfile.followersCount,
        key: (ruleId) => shareAwardKey(id, ruleId),
        note: `shared through @${share.socialProfile.handle}${externalPostId ? ` (post ${externalPostId})` : ""}`,
        dailyCaps: true,
      },
      now,
    );
  });
}

/**
 * A retryable failure: FAILED with the error, claimable again at once. `giveBack` returns the
 * attempt when the network certainly did nothing (a 429 is answered before the post is made),
 * so waiting out a rate limit never exhausts a share.
 */
export async function recordShareRetryable(ctx: TenantContext, id: string, error: string, now: Date, { giveBack = false } = {}): Promise<void> {
  await getDb().sharePost.updateMany({
    where: { tenantId: ctx.tenantId, id, status: "PENDING" },
    data: { status: "FAILED", lastError: error, updatedAt: now, ...(giveBack ? { attempts: { decrement: 1 } } : {}) },
  });
}

/** A permanent failure: FAILED, closed for good (attempts raised to the cap), with the reason. */
export async function closeShareFailed(ctx: TenantContext, id: string, error: string, now: Date): Promise<void> {
  await getDb().sharePost.updateMany({
    where: { tenantId: ctx.tenantId, id, status: { not: "POSTED" } },
    data: { status: "FAILED", lastError: error, attempts: SHARE_MAX_ATTEMPTS, updatedAt: now },
  });
}

/** Other shares of this tenant that already own one of these upstream post ids. */
export async function postIdsTakenByOtherShares(ctx: TenantContext, shareId: string, externalPostIds: string[]): Promise<Set<string>> {
  if (externalPostIds.length === 0) return new Set();
  const rows = await getDb().sharePost.findMany({
    where: { tenantId: ctx.tenantId, externalPostId: { in: externalPostIds }, id: { not: shareId } },
    select: { externalPostId: true },
  });
  return new Set(rows.flatMap((r) => (r.externalPostId ? [r.externalPostId] : [])));
}
