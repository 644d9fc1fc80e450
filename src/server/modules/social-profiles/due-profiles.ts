import type { TenantContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import type { SocialUser } from "../../social/social-provider";

/**
 * Which linked profiles need fresh follower counts, and writing what the network said back.
 * A profile is due when it was never refreshed, or last refreshed at least the tenant's
 * `profileRefreshDays` ago (30 by default: monthly).
 */

const DAY_MS = 24 * 3_600_000;

export interface DueProfile {
  id: string;
  externalUserId: string;
}

/** Postgres `timestamp(3)` columns hold UTC: compare and write in UTC whatever the session zone. */
function utc(at: Date) {
  return at.toISOString();
}

export function refreshCutoff(now: Date, profileRefreshDays: number): Date {
  return new Date(now.getTime() - Math.max(1, profileRefreshDays) * DAY_MS);
}

/** Due linked profiles of one tenant and network, least recently refreshed first. */
export async function listDueProfiles(ctx: TenantContext, network: Network, cutoff: Date, limit: number): Promise<DueProfile[]> {
  return getDb().socialProfile.findMany({
    where: { tenantId: ctx.tenantId, network, customerId: { not: null }, OR: [{ refreshedAt: null }, { refreshedAt: { lte: cutoff } }] },
    select: { id: true, externalUserId: true },
    orderBy: [{ refreshedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: Math.max(1, limit),
  });
}

export interface ProfileLookup {
  profileId: string;
  externalUserId: string;
  /** What the network returned; null when it no longer returns this user. */
  user: SocialUser | null;
}

/**
 * Writes one batch of lookups in ONE statement: counts, handle, display name and refreshedAt for
 * the users found. A user the network no longer returns (deleted, suspended, protected) keeps its
 * row and its last known data; its refreshedAt moves too (so it is asked again next cycle, not on
 * every run) and a note is written to the audit log. Both happen in one transaction.
 */
export async function applyProfileLookups(
  ctx: TenantContext,
  network: Network,
  lookups: ProfileLookup[],
  now: Date,
): Promise<{ updated: number; missing: string[] }> {
  if (lookups.length === 0) return { updated: 0, missing: [] };
  const missing = lookups.filter((l) => l.user === null);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.$executeRaw`
      UPDATE "SocialProfile" p SET
        "followersCount" = coalesce(u.followers, p."followersCount"),
        "followingCount" = coalesce(u.following, p."followingCount"),
        handle = coalesce(u.handle, p.handle),
        "displayName" = CASE WHEN u.found THEN u.name ELSE p."displayName" END,
        "refreshedAt" = ${utc(now)}::timestamptz AT TIME ZONE 'UTC',
        "updatedAt" = ${utc(new Date())}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(
        ${lookups.map((l) => l.profileId)}::text[],
        ${lookups.map((l) => l.user !== null)}::boolean[],
        ${lookups.map((l) => l.user?.handle ?? null)}::text[],
        ${lookups.map((l) => l.user?.name ?? null)}::text[],
        ${lookups.map((l) => l.user?.followers ?? null)}::int[],
        ${lookups.map((l) => l.user?.following ?? null)}::int[]
      ) AS u(id, found, handle, name, followers, following)
      WHERE p."tenantId" = ${ctx.tenantId} AND p.network::text = ${network} AND p.id = u.id
    `;
    if (missing.length) {
      await tx.auditLog.createMany({
        data: missing.map((m) => ({
          tenantId: ctx.tenantId,
          actorType: "SYSTEM" as const,
          actorId: null,
          action: "social_profile.not_found_upstream",
          targetType: "SocialProfile",
          targetId: m.profileId,
          data: { network, externalUserId: m.externalUserId, note: "the network no longer returns this user; last known data kept" },
        })),
      });
    }
    return { updated, missing: missing.map((m) => m.profileId) };
  });
}

export interface TenantWithDueProfiles {
  tenantId: string;
  network: Network;
  due: number;
}

/**
 * CROSS-TENANT, for the refresh scheduler only: every (tenant, network) with linked profiles due
 * under that tenant's own profileRefreshDays, and how many.
 */
export async function unsafeListTenantsWithDueProfiles(now: Date = new Date()): Promise<TenantWithDueProfiles[]> {
  return unsafeCrossTenantDb().$queryRaw<TenantWithDueProfiles[]>`
    SELECT p."tenantId", p.network::text AS network, count(*)::int AS due
    FROM "SocialProfile" p
    JOIN "Tenant" t ON t.id = p."tenantId"
    WHERE p."customerId" IS NOT NULL
      AND (p."refreshedAt" IS NULL
           OR p."refreshedAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC') - make_interval(days => greatest(t."profileRefreshDays", 1)))
    GROUP BY p."tenantId", p.network
    ORDER BY p."tenantId", p.network
  `;
}
