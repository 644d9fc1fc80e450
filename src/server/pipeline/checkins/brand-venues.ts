import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { FetchedMention } from "../../social/social-provider";

/**
 * WHICH CHECK-INS COUNT. Only check-ins at the tenant's own venues: a Location of this tenant whose
 * foursquareVenueId is the check-in's venue. Those are stored (tied to that Location) and earn
 * points under the tenant's CHECKIN rules for FOURSQUARE.
 *
 * Every other check-in is dropped here, BEFORE ingest, and never stored — not even as a prospect
 * mention: a linked customer's token shows everywhere they go, and where they go outside the
 * brand's venues is none of the brand's business (privacy; data minimisation). The push receiver
 * applies the same rule before it enqueues, so such a check-in does not even reach the queue.
 */

/** The tenant's tracked venue ids (lower-case, as Location stores them). */
export async function loadBrandVenueIds(ctx: TenantContext): Promise<Set<string>> {
  const rows = await getDb().location.findMany({
    where: { tenantId: ctx.tenantId, foursquareVenueId: { not: null } },
    select: { foursquareVenueId: true },
  });
  return new Set(rows.map((r) => r.foursquareVenueId!.toLowerCase()));
}

/** Keeps the check-ins at one of `venueIds`; pure. */
export function keepBrandVenueCheckins(mentions: readonly FetchedMention[], venueIds: ReadonlySet<string>): FetchedMention[] {
  return mentions.filter((m) => !!m.venueExternalId && venueIds.has(m.venueExternalId.toLowerCase()));
}
