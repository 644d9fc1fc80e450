import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { loadWaysToEarn } from "../../../src/server/modules/portal/load-ways-to-earn";
import { createTenantWithMember } from "../support/factories";

describe("loadWaysToEarn", () => {
  it("reads the brand's enabled rules, running campaigns, X handle and venues — nothing of another brand's", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Tasti D-Lite");
    const { ctx: other } = await createTenantWithMember("OWNER", "Other Brand");
    const db = unsafeCrossTenantDb();
    const now = new Date("2026-12-03T12:00:00Z");
    const day = 86_400_000;

    const mention = await db.pointRule.create({
      data: { tenantId: ctx.tenantId, network: "TWITTER", action: "MENTION", name: "Mentions", basePoints: 10, dailyCap: 150 },
    });
    const checkin = await db.pointRule.create({
      data: { tenantId: ctx.tenantId, network: "FOURSQUARE", action: "CHECKIN", name: "Check-ins", basePoints: 25, influenceCurve: "NONE" },
    });
    await db.pointRule.create({ data: { tenantId: ctx.tenantId, network: "TWITTER", action: "SHARE", name: "Off", basePoints: 99, enabled: false } });
    await db.pointRule.create({ data: { tenantId: other.tenantId, network: "TWITTER", action: "LINK_ACCOUNT", name: "Theirs", basePoints: 77 } });
    await db.listeningSource.create({ data: { tenantId: ctx.tenantId, network: "TWITTER", kind: "HANDLE", value: "tasti" } });
    await db.listeningSource.create({ data: { tenantId: other.tenantId, network: "TWITTER", kind: "HANDLE", value: "not_tasti" } });
    for (const [i, venue] of ["v1", "v2", "v3"].entries()) {
      await db.location.create({ data: { tenantId: ctx.tenantId, name: `Store ${i}`, foursquareVenueId: `${ctx.tenantId}-${venue}` } });
    }
    await db.location.create({ data: { tenantId: ctx.tenantId, name: "Not on Foursquare" } });
    const gold = await db.segment.create({ data: { tenantId: ctx.tenantId, name: "Gold", filter: {} } });
    const running = await db.campaign.create({
      data: {
        tenantId: ctx.tenantId,
        name: "Double week",
        network: "TWITTER",
        multiplier: 2,
        startsAt: new Date(now.getTime() - day),
        endsAt: new Date("2026-12-10T00:00:00Z"),
        segmentId: gold.id,
      },
    });
    await db.campaign.create({
      data: { tenantId: ctx.tenantId, name: "Over", multiplier: 3, startsAt: new Date(now.getTime() - 9 * day), endsAt: new Date(now.getTime() - day) },
    });
    await db.campaign.create({
      data: { tenantId: ctx.tenantId, name: "Not yet", multiplier: 3, startsAt: new Date(now.getTime() + day), endsAt: new Date(now.getTime() + 9 * day) },
    });

    const { ways, boosts } = await loadWaysToEarn(ctx, now);
    expect(ways).toEqual([
      {
        ruleId: mention.id,
        network: "TWITTER",
        action: "MENTION",
        points: 10,
        text: "Mention @tasti on X: 10 points, more with more followers, up to 150 points a day",
      },
      { ruleId: checkin.id, network: "FOURSQUARE", action: "CHECKIN", points: 25, text: "Check in at any of our 3 stores on Foursquare: 25 points" },
    ]);
    expect(boosts).toEqual([{ campaignId: running.id, text: "Double points on X until 9 December, for Gold members (Double week)" }]);
  });
});
