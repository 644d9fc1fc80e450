import { describe, expect, it } from "vitest";
import { campaignStatus, ZCampaignCreate, ZCampaignUpdate } from "../../../src/server/modules/campaigns/campaign.schemas";
import { pointRuleIssues, ZPointRuleCreate, ZPointRuleUpdate } from "../../../src/server/modules/rules/point-rule.schemas";

const rule = { network: "TWITTER", action: "MENTION", name: "Tweet", basePoints: 10 } as const;
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((i) => i.path.join("."));

describe("point rule contract", () => {
  it("fills defaults: LOG curve, factor 0.5, max ×3, no cap, no minimum, enabled", () => {
    expect(ZPointRuleCreate.parse(rule)).toEqual({
      ...rule,
      influenceCurve: "LOG",
      influenceFactor: 0.5,
      maxMultiplier: 3,
      dailyCap: null,
      minSentiment: null,
      enabled: true,
    });
  });

  it("allows exactly 100,000 points per award and refuses one more, naming both fields", () => {
    expect(ZPointRuleCreate.safeParse({ ...rule, basePoints: 10_000, maxMultiplier: 10 }).success).toBe(true);
    const over = ZPointRuleCreate.safeParse({ ...rule, basePoints: 10_000, maxMultiplier: 10.01 });
    expect(paths(over)).toEqual(["basePoints", "maxMultiplier"]);
    expect(over.error?.issues[0]?.message).toBe(
      "base points × max multiplier = 10,000 × 10.01 = 100,100 points for one award, more than 100,000: lower the base points or the max multiplier",
    );
  });

  it("accepts a daily cap equal to the base points, refuses one below", () => {
    expect(ZPointRuleCreate.safeParse({ ...rule, dailyCap: 10 }).success).toBe(true);
    expect(paths(ZPointRuleCreate.safeParse({ ...rule, dailyCap: 9 }))).toEqual(["dailyCap"]);
    expect(pointRuleIssues({ basePoints: 10, influenceCurve: "LOG", maxMultiplier: 3, dailyCap: null })).toEqual([]);
  });

  it("keeps multipliers and sentiment to 2 decimals and refuses NaN", () => {
    expect(paths(ZPointRuleCreate.safeParse({ ...rule, maxMultiplier: 2.555 }))).toEqual(["maxMultiplier"]);
    expect(paths(ZPointRuleCreate.safeParse({ ...rule, influenceFactor: 0.125 }))).toEqual(["influenceFactor"]);
    expect(paths(ZPointRuleCreate.safeParse({ ...rule, minSentiment: 0.333 }))).toEqual(["minSentiment"]);
    expect(paths(ZPointRuleCreate.safeParse({ ...rule, basePoints: Number.NaN }))).toEqual(["basePoints"]);
    expect(ZPointRuleCreate.safeParse({ ...rule, maxMultiplier: 2.55, influenceFactor: 0.05, minSentiment: -0.25 }).success).toBe(true);
  });

  it("an update is partial, fills no defaults, and cannot move a rule to another network", () => {
    expect(ZPointRuleUpdate.parse({ name: "New" })).toEqual({ name: "New" });
    expect(ZPointRuleUpdate.safeParse({}).success).toBe(false);
    expect(ZPointRuleUpdate.safeParse({ network: "FOURSQUARE" }).success).toBe(false);
  });
});

describe("campaign contract", () => {
  const base = { name: "Summer", startsAt: "2026-06-01T00:00:00Z", endsAt: "2026-07-01T00:00:00+02:00", multiplier: 2 };

  it("parses instants with an offset and defaults to all networks and every customer", () => {
    const parsed = ZCampaignCreate.parse(base);
    expect(parsed.startsAt).toEqual(new Date("2026-06-01T00:00:00Z"));
    expect(parsed.endsAt).toEqual(new Date("2026-06-30T22:00:00Z"));
    expect(parsed).toMatchObject({ network: null, segmentId: null, description: null });
  });

  it("an update fills no defaults (so it never clears the network or segment by omission)", () => {
    expect(ZCampaignUpdate.parse({ multiplier: 3 })).toEqual({ multiplier: 3 });
  });

  it("status: scheduled before the start, running from the start, ended at the end", () => {
    const window = { startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-07-01T00:00:00Z") };
    expect(campaignStatus(window, new Date("2026-05-31T23:59:59.999Z"))).toBe("scheduled");
    expect(campaignStatus(window, new Date("2026-06-01T00:00:00Z"))).toBe("running");
    expect(campaignStatus(window, new Date("2026-06-30T23:59:59.999Z"))).toBe("running");
    expect(campaignStatus(window, new Date("2026-07-01T00:00:00Z"))).toBe("ended");
  });
});
