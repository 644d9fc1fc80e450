import type { TenantContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import type { Prisma } from "../../db/generated/client";
import { syncTransitions, type SyncChange, type SyncStore } from "../sync/sync-state";

/**
 * The check-in polling state of one linked profile (SocialProfile.checkin*): the one machine of
 * pipeline/sync/sync-state.ts (also a listening source's) on the profile's checkin* columns, for
 * the scheduler and the pollers:
 *
 *   IDLE/OK/THROTTLED/ERROR ──claimCheckinRun──▶ RUNNING
 *   RUNNING ──advanceCheckinCursor──▶ RUNNING        (after each page: the cursor only moves forward)
 *   RUNNING ──markCheckinRunSucceeded──▶ OK           (nextRunAt set)
 *   RUNNING ──markCheckinRunFailed────▶ ERROR        (lastError, nextRunAt = retry time)
 *   a network failure: applySyncReaction(checkinSyncStore, …) with the one policy's reaction
 *     (THROTTLED / ERROR / cursor reset / NEEDS_RECONNECT; on NEEDS_RECONNECT the profile itself
 *     moves too, so it is not pollable until the customer links again)
 *
 * A profile is pollable while it is ACTIVE, linked to a customer and holds an access token. The
 * end-of-run transitions apply only to the run that claimed it (`startedAt`), so a run that a
 * newer one took over (worker died, lock expired) cannot write stale state.
 */

export interface CheckinProfileClaim {
  id: string;
  tenantId: string;
  network: Network;
  externalUserId: string;
  handle: string;
  displayName: string | null;
  followersCount: number;
  checkinCursor: Date | null;
  linkedAt: Date | null;
  createdAt: Date;
  /** Pass back to the end-of-run transitions. */
  startedAt: Date;
}

const POLLABLE = { status: "ACTIVE", customerId: { not: null }, accessTokenCiphertext: { not: null } } as const satisfies Prisma.SocialProfileWhereInput;

function notRunning(staleBefore: Date): Prisma.SocialProfileWhereInput {
  return { OR: [{ checkinSyncStatus: { not: "RUNNING" } }, { checkinLastRunAt: null }, { checkinLastRunAt: { lte: staleBefore } }] };
}

export interface DueCheckinProfile {
  id: string;
  tenantId: string;
  network: Network;
  checkinNextRunAt: Date | null;
}

/**
 * CROSS-TENANT, for the check-in scheduler only: linked profiles on these networks due for a poll
 * (pollable, `checkinNextRunAt` unset or passed, not in a live run), oldest due first — and only in
 * tenants that track at least one venue (a Location with a Foursquare venue id): with none, every
 * check-in would be filtered out, so asking would only spend the customer's rate limit.
 */
export async function unsafeListDueCheckinProfiles({
  networks,
  now = new Date(),
  staleRunMs,
  limit = 1_000,
}: {
  networks: Network[];
  now?: Date;
  staleRunMs: number;
  limit?: number;
}): Promise<DueCheckinProfile[]> {
  if (networks.length === 0) return [];
  const db = unsafeCrossTenantDb();
  const due = await db.socialProfile.findMany({
    where: {
      network: { in: networks },
      ...POLLABLE,
      AND: [{ OR: [{ checkinNextRunAt: null }, { checkinNextRunAt: { lte: now } }] }, notRunning(new Date(now.getTime() - staleRunMs))],
    },
    select: { id: true, tenantId: true, network: true, checkinNextRunAt: true },
    orderBy: [{ checkinNextRunAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: Math.max(1, Math.min(limit, 10_000)),
  });
  if (due.length === 0) return [];
  const tenantIds = [...new Set(due.map((p) => p.tenantId))];
  const tracking = await db.location.findMany({
    where: { tenantId: { in: tenantIds }, foursquareVenueId: { not: null } },
    select: { tenantId: true },
    distinct: ["tenantId"],
  });
  const withVenues = new Set(tracking.map((l) => l.tenantId));
  return due.filter((p) => withVenues.has(p.tenantId));
}

/** Claims a profile for a run: RUNNING, lastRunAt = now. Null when it is not pollable or already in a live run. */
export async function claimCheckinRun(
  ctx: TenantContext,
  profileId: string,
  { now = new Date(), staleRunMs }: { now?: Date; staleRunMs: number },
): Promise<CheckinProfileClaim | null> {
  const rows = await getDb().socialProfile.updateManyAndReturn({
    where: { tenantId: ctx.tenantId, id: profileId, ...POLLABLE, ...notRunning(new Date(now.getTime() - staleRunMs)) },
    data: { checkinSyncStatus: "RUNNING", checkinLastRunAt: now },
    select: {
      id: true,
      tenantId: true,
      network: true,
      externalUserId: true,
      handle: true,
      displayName: true,
      followersCount: true,
      checkinCursor: true,
      linkedAt: true,
      createdAt: true,
    },
  });
  const row = rows[0];
  return row ? { ...row, startedAt: now } : null;
}

function inRun(tenantId: string, profileId: string, startedAt: Date): Prisma.SocialProfileWhereInput & { tenantId: string } {
  return { tenantId, id: profileId, checkinSyncStatus: "RUNNING", checkinLastRunAt: startedAt };
}

async function apply(where: Prisma.SocialProfileWhereInput & { tenantId: string }, data: Prisma.SocialProfileUpdateManyMutationInput): Promise<boolean> {
  return (await getDb().socialProfile.updateMany({ where, data })).count === 1;
}

/** After a page is stored: the newest check-in time seen, never moving back. */
export function advanceCheckinCursor(ctx: TenantContext, profileId: string, startedAt: Date, cursor: Date): Promise<boolean> {
  return apply({ ...inRun(ctx.tenantId, profileId, startedAt), OR: [{ checkinCursor: null }, { checkinCursor: { lt: cursor } }] }, { checkinCursor: cursor });
}

function columns(change: SyncChange<Date>): Prisma.SocialProfileUpdateManyMutationInput {
  return {
    checkinSyncStatus: change.status,
    checkinNextRunAt: change.nextRunAt,
    checkinLastError: change.lastError,
    ...(change.countThrottle ? { checkinThrottleCount: { increment: 1 } } : {}),
    ...(change.cursor !== undefined ? { checkinCursor: change.cursor } : {}),
  };
}

/** SocialProfile.checkin* as a store of the one sync machine (cursor = the newest check-in time seen). */
export const checkinSyncStore: SyncStore<Date> = {
  finishRun: (tenantId, profileId, startedAt, change) =>
    apply(startedAt ? inRun(tenantId, profileId, startedAt) : { tenantId, id: profileId, checkinSyncStatus: "RUNNING" }, columns(change)),
  block: (tenantId, profileId, change) => apply({ tenantId, id: profileId }, columns(change)),
};

export function markCheckinRunSucceeded(
  ctx: TenantContext,
  profileId: string,
  { startedAt, nextRunAt }: { startedAt: Date; nextRunAt: Date },
): Promise<boolean> {
  return checkinSyncStore.finishRun(ctx.tenantId, profileId, startedAt, syncTransitions.succeeded(nextRunAt));
}

export function markCheckinRunFailed(
  ctx: TenantContext,
  profileId: string,
  { startedAt, error, retryAt }: { startedAt: Date; error: string; retryAt: Date },
): Promise<boolean> {
  return checkinSyncStore.finishRun(ctx.tenantId, profileId, startedAt, syncTransitions.failed(error, retryAt));
}
