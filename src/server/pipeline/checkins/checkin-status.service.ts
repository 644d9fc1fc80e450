import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { checkinNetworks } from "../../social/provider-registry";
import type { CheckinListeningDto } from "./checkin-status.schemas";

const LIST_LIMIT = 200;

/** The URL to register as the Foursquare app's push URL for this tenant. */
export function foursquarePushUrl(tenantSlug: string): string {
  return new URL(`/api/webhooks/foursquare/${encodeURIComponent(tenantSlug)}`, getEnv().APP_URL).toString();
}

/**
 * Check-in listening at a glance for Settings → Listening (settings:read): the push URL, whether
 * the Foursquare connection is there, how many venues are tracked, and each linked account's
 * polling state, most recently linked first.
 */
export async function getCheckinListening(ctx: TenantContext): Promise<CheckinListeningDto> {
  assertCan(ctx, "settings:read");
  const db = getDb();
  const networks = checkinNetworks();
  const [connection, trackedVenues, rows] = await Promise.all([
    db.channelConnection.findFirst({ where: { tenantId: ctx.tenantId, network: "FOURSQUARE", status: "ACTIVE" }, select: { id: true } }),
    db.location.count({ where: { tenantId: ctx.tenantId, foursquareVenueId: { not: null } } }),
    db.socialProfile.findMany({
      where: { tenantId: ctx.tenantId, network: { in: networks }, customerId: { not: null } },
      select: {
        id: true,
        customerId: true,
        externalUserId: true,
        handle: true,
        displayName: true,
        status: true,
        checkinSyncStatus: true,
        checkinCursor: true,
        checkinLastRunAt: true,
        checkinNextRunAt: true,
        checkinThrottleCount: true,
        checkinLastError: true,
        customer: { select: { displayName: true } },
      },
      orderBy: [{ linkedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: LIST_LIMIT + 1,
    }),
  ]);
  const iso = (at: Date | null) => (at ? at.toISOString() : null);
  return {
    pushUrl: foursquarePushUrl(ctx.tenantSlug),
    connected: connection !== null,
    trackedVenues,
    truncated: rows.length > LIST_LIMIT,
    profiles: rows.slice(0, LIST_LIMIT).map((row) => ({
      profileId: row.id,
      customerId: row.customerId,
      customerName: row.customer?.displayName ?? null,
      name: row.displayName ?? row.handle,
      externalUserId: row.externalUserId,
      profileStatus: row.status,
      syncStatus: row.checkinSyncStatus,
      cursor: iso(row.checkinCursor),
      lastRunAt: iso(row.checkinLastRunAt),
      nextRunAt: iso(row.checkinNextRunAt),
      throttleCount: row.checkinThrottleCount,
      lastError: row.checkinLastError,
    })),
  };
}
