import type { TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { describeWaysToEarn, type EarningBoost, type WayToEarn } from "./ways-to-earn";

/**
 * The brand's ways to earn, as its portal shows them: enabled rules, campaigns running at `now`,
 * the X terms it listens for (to name what to mention) and how many venues it has on Foursquare.
 * Public within the brand's portal (shown before sign-in), so it asks for no staff permission.
 */
export async function loadWaysToEarn(ctx: TenantScope, now = new Date()): Promise<{ ways: WayToEarn[]; boosts: EarningBoost[] }> {
  const db = getDb();
  const tenantId = ctx.tenantId;
  const [tenant, rules, campaigns, terms, locationCount] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    db.pointRule.findMany({
      where: { tenantId, enabled: true },
      select: { id: true, network: true, action: true, basePoints: true, influenceCurve: true, dailyCap: true, minSentiment: true },
    }),
    db.campaign.findMany({
      where: { tenantId, startsAt: { lte: now }, endsAt: { gt: now } },
      select: { id: true, name: true, network: true, multiplier: true, endsAt: true, segment: { select: { name: true } } },
      orderBy: { endsAt: "asc" },
    }),
    db.listeningSource.findMany({
      where: { tenantId, network: "TWITTER", enabled: true, kind: { in: ["HANDLE", "HASHTAG", "KEYWORD"] } },
      select: { kind: true, value: true },
      orderBy: { createdAt: "asc" },
    }),
    db.location.count({ where: { tenantId, foursquareVenueId: { not: null } } }),
  ]);
  if (!tenant) throw new AppError("NOT_FOUND", "brand not found");
  return describeWaysToEarn({
    brandName: tenant.name,
    rules,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      network: c.network,
      multiplier: c.multiplier,
      endsAt: c.endsAt,
      segmentName: c.segment?.name ?? null,
    })),
    trackedTerms: terms,
    locationCount,
  });
}
