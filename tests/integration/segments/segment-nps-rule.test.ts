// The segment rule "feedback class is …" (Customer.npsClass, from the latest answer): member count,
// member list and the scorer's batch agree, and a campaign targeting "promoters" multiplies only
// promoters' awards.
import { describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { payOneOffAction } from "../../../src/server/modules/awards/action-awards";
import { createCampaign } from "../../../src/server/modules/campaigns/campaign.service";
import { FEEDBACK_INTERVAL_MS, submitFeedback } from "../../../src/server/modules/feedback/submit-feedback";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { loadSegmentMembership } from "../../../src/server/modules/segments/segment-membership";
import { createSegment, listSegmentMembers, listSegments } from "../../../src/server/modules/segments/segment.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const asCustomer = (ctx: TenantContext, customerId: string): CustomerContext => ({
  tenantId: ctx.tenantId,
  tenantSlug: ctx.tenantSlug,
  customerId,
  actor: { type: "CUSTOMER", id: customerId },
});

describe("the NPS-class segment rule", () => {
  it("a 'promoters' segment holds the customers whose latest answer is 9–10, and a campaign can target it", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const promoter = await makeCustomer(ctx, { displayName: "Pro Moter" });
    const turned = await makeCustomer(ctx, { displayName: "Turned" });
    const detractor = await makeCustomer(ctx, { displayName: "Det Ractor" });
    const silent = await makeCustomer(ctx, { displayName: "Never answered" });
    const t0 = new Date(Date.now() - FEEDBACK_INTERVAL_MS * 2);
    await submitFeedback(asCustomer(ctx, promoter.id), { score: 10 });
    await submitFeedback(asCustomer(ctx, turned.id), { score: 9 }, t0);
    await submitFeedback(asCustomer(ctx, turned.id), { score: 6 }, new Date(t0.getTime() + FEEDBACK_INTERVAL_MS));
    await submitFeedback(asCustomer(ctx, detractor.id), { score: 0 });

    const promoters = await createSegment(ctx, { name: "Promoters", filter: { npsClasses: ["PROMOTER"] } });
    expect(promoters.filter.npsClasses).toEqual(["PROMOTER"]);
    const unhappy = await createSegment(ctx, { name: "Unhappy", filter: { npsClasses: ["DETRACTOR", "PASSIVE"] } });
    expect(unhappy.filter.npsClasses).toEqual(["PASSIVE", "DETRACTOR"]);
    await expect(createSegment(ctx, { name: "Bad", filter: { npsClasses: ["FAN"] } as never })).rejects.toThrow(/promoter, passive or detractor/);

    const counts = Object.fromEntries((await listSegments(ctx)).items.map((s) => [s.name, s.memberCount]));
    expect(counts).toEqual({ Promoters: 1, Unhappy: 2 });
    expect((await listSegmentMembers(ctx, promoters.id)).items.map((m) => m.displayName)).toEqual(["Pro Moter"]);
    const batch = await loadSegmentMembership(
      getDb(),
      ctx,
      [
        { id: promoters.id, filter: promoters.filter },
        { id: unhappy.id, filter: unhappy.filter },
      ],
      [promoter.id, turned.id, detractor.id, silent.id],
    );
    expect([...batch.get(promoters.id)!]).toEqual([promoter.id]);
    expect([...batch.get(unhappy.id)!].sort()).toEqual([turned.id, detractor.id].sort());

    // A campaign for promoters doubles their share award, and only theirs.
    await createPointRule(ctx, { network: "TWITTER", action: "SHARE", name: "Share", basePoints: 10, influenceCurve: "NONE", enabled: true });
    await createCampaign(ctx, {
      name: "Promoters double",
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 86_400_000),
      multiplier: 2,
      segmentId: promoters.id,
    });
    const now = new Date();
    const pay = (customerId: string) =>
      getDb().$transaction((tx) =>
        payOneOffAction(
          tx,
          ctx,
          { action: "SHARE", network: "TWITTER", customerId, followers: 0, key: (r) => `t:${customerId}:${r}`, note: "test", dailyCaps: false },
          now,
        ),
      );
    expect((await pay(promoter.id)).pointsAwarded).toBe(20);
    expect((await pay(detractor.id)).pointsAwarded).toBe(10);
  });
});
