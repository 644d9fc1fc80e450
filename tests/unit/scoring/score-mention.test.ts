import { describe, expect, it } from "vitest";
import {
  campaignApplies,
  pickCampaign,
  scoreAward,
  selectRule,
  type ScoreAwardInput,
  type ScoringCampaign,
  type ScoringRule,
} from "../../../src/server/modules/scoring/score-mention";

const rule = (overrides: Partial<ScoringRule> = {}): ScoringRule => ({
  id: "rule_1",
  name: "Tweet mention",
  network: "TWITTER",
  action: "MENTION",
  basePoints: 10,
  influenceCurve: "NONE",
  influenceFactor: 0.5,
  maxMultiplier: 3,
  dailyCap: null,
  minSentiment: null,
  enabled: true,
  ...overrides,
});

const at = new Date("2026-06-15T12:00:00Z");
const campaign = (overrides: Partial<ScoringCampaign> = {}): ScoringCampaign => ({
  id: "cmp_1",
  name: "Summer",
  multiplier: 1.5,
  network: null,
  startsAt: new Date("2026-06-01T00:00:00Z"),
  endsAt: new Date("2026-07-01T00:00:00Z"),
  segmentId: null,
  ...overrides,
});

const neutral = { score: 0, label: "PASSIVE" as const };
const input = (overrides: Partial<ScoreAwardInput> = {}): ScoreAwardInput => ({
  rule: rule(),
  followers: 0,
  sentiment: neutral,
  at,
  campaigns: [],
  awardedTodayForRule: 0,
  ...overrides,
});

describe("scoreAward", () => {
  it("pays base points for a plain rule and explains it", () => {
    const result = scoreAward(input({ followers: 1234 }));
    expect(result).toEqual({
      points: 10,
      explanation: {
        rule: { id: "rule_1", name: "Tweet mention", network: "TWITTER", action: "MENTION", basePoints: 10 },
        followers: 1234,
        influence: { curve: "NONE", factor: 0.5, max: 3, multiplier: 1 },
        sentiment: { score: 0, label: "PASSIVE", minimum: null },
        campaign: null,
        formula: "10 = 10",
      },
    });
  });

  it("multiplies base × influence × campaign and rounds to the nearest integer", () => {
    // LOG factor 0.5, 9,900 followers → 1 + 0.5·2 = 2; campaign 1.5 → 10 × 2 × 1.5 = 30
    const result = scoreAward(input({ rule: rule({ influenceCurve: "LOG" }), followers: 9_900, campaigns: [campaign()] }));
    expect(result.points).toBe(30);
    expect(result.explanation.formula).toBe("10 × 2 influence × 1.5 campaign = 30");
    expect(result.explanation.campaign).toEqual({ id: "cmp_1", name: "Summer", multiplier: 1.5 });

    // LINEAR factor 0.47, 2,872 followers → 1 + 0.47·2.872 = 2.34984 → 2.35; 10 × 2.35 × 1.5 = 35.25 → 35
    const linear = scoreAward(input({ rule: rule({ influenceCurve: "LINEAR", influenceFactor: 0.47 }), followers: 2_872, campaigns: [campaign()] }));
    expect(linear.points).toBe(35);
    expect(linear.explanation.formula).toBe("10 × 2.35 influence × 1.5 campaign = 35");
    expect(linear.explanation.influence?.multiplier).toBe(2.35);
  });

  it("rounds halves up", () => {
    // 5 × 1.5 = 7.5 → 8; 3 × 1.5 = 4.5 → 5
    expect(scoreAward(input({ rule: rule({ basePoints: 5 }), campaigns: [campaign()] })).points).toBe(8);
    expect(scoreAward(input({ rule: rule({ basePoints: 3 }), campaigns: [campaign()] })).points).toBe(5);
    // 7 × 1.25 = 8.75 → 9; 7 × 1.05 = 7.35 → 7
    expect(scoreAward(input({ rule: rule({ basePoints: 7 }), campaigns: [campaign({ multiplier: 1.25 })] })).points).toBe(9);
    expect(scoreAward(input({ rule: rule({ basePoints: 7 }), campaigns: [campaign({ multiplier: 1.05 })] })).points).toBe(7);
    // 3 × 1.4 × 2.5 is 10.499999999999998 in floating point; the decimal product 10.5 rounds up to 11
    const r = rule({ basePoints: 3, influenceCurve: "LINEAR", influenceFactor: 0.4, maxMultiplier: 5 });
    const result = scoreAward(input({ rule: r, followers: 1_000, campaigns: [campaign({ multiplier: 2.5 })] }));
    expect(result.explanation.formula).toBe("3 × 1.4 influence × 2.5 campaign = 11");
    expect(result.points).toBe(11);
  });

  it("caps influence at the rule's max multiplier", () => {
    const result = scoreAward(input({ rule: rule({ influenceCurve: "LINEAR", influenceFactor: 1, maxMultiplier: 2.5 }), followers: 1_000_000 }));
    expect(result.points).toBe(25);
    expect(result.explanation.formula).toBe("10 × 2.5 influence = 25");
  });

  it("treats a negative or NaN follower count as 0", () => {
    const r = rule({ influenceCurve: "LINEAR", influenceFactor: 1, maxMultiplier: 5 });
    expect(scoreAward(input({ rule: r, followers: -50 }))).toMatchObject({ points: 10, explanation: { followers: 0 } });
    expect(scoreAward(input({ rule: r, followers: Number.NaN }))).toMatchObject({ points: 10, explanation: { followers: 0 } });
  });

  it("skips a mention below the minimum sentiment, and pays one exactly at it", () => {
    const strict = rule({ minSentiment: 0.2 });
    const below = scoreAward(input({ rule: strict, sentiment: { score: -0.4, label: "DETRACTOR" } }));
    expect(below.points).toBe(0);
    expect(below.skipped).toBe("sentiment -0.4 is below the rule's minimum 0.2");
    expect(below.explanation.formula).toBe("0 (sentiment -0.4 is below the rule's minimum 0.2)");
    expect(below.explanation.sentiment).toEqual({ score: -0.4, label: "DETRACTOR", minimum: 0.2 });
    expect(scoreAward(input({ rule: strict, sentiment: { score: 0.2, label: "PROMOTER" } })).points).toBe(10);
    // no minimum: a detractor still earns
    expect(scoreAward(input({ sentiment: { score: -1, label: "DETRACTOR" } })).points).toBe(10);
  });

  it("skips a disabled rule", () => {
    const result = scoreAward(input({ rule: rule({ enabled: false }) }));
    expect(result).toMatchObject({ points: 0, skipped: "rule disabled" });
  });

  it("awards only what is left under the daily cap, and says so", () => {
    const capped = rule({ basePoints: 10, influenceCurve: "LINEAR", influenceFactor: 0.47, dailyCap: 100 });
    const result = scoreAward(input({ rule: capped, followers: 2_872, campaigns: [campaign()], awardedTodayForRule: 80 }));
    expect(result.points).toBe(20);
    expect(result.skipped).toBeUndefined();
    expect(result.explanation.formula).toBe("10 × 2.35 influence × 1.5 campaign = 35 (daily cap 100: 20 left → 20)");
    expect(result.explanation.capsApplied).toEqual(["daily cap 100: 35 → 20"]);
  });

  it("pays in full when the cap leaves enough room, without mentioning it", () => {
    const result = scoreAward(input({ rule: rule({ dailyCap: 100 }), awardedTodayForRule: 90 }));
    expect(result.points).toBe(10);
    expect(result.explanation.formula).toBe("10 = 10");
    expect(result.explanation.capsApplied).toBeUndefined();
  });

  it("skips with 'daily cap reached' when nothing is left (also when over the cap already)", () => {
    for (const already of [100, 130]) {
      const result = scoreAward(input({ rule: rule({ dailyCap: 100 }), awardedTodayForRule: already }));
      expect(result).toMatchObject({ points: 0, skipped: "daily cap reached" });
      expect(result.explanation.formula).toBe("10 = 10 (daily cap 100: 0 left → 0)");
    }
  });

  it("ignores a nonsensical negative 'awarded today'", () => {
    expect(scoreAward(input({ rule: rule({ dailyCap: 15 }), awardedTodayForRule: -40 })).points).toBe(10);
  });
});

describe("campaign choice", () => {
  it("uses the best single campaign; campaigns do not stack", () => {
    const result = scoreAward(input({ campaigns: [campaign({ id: "cmp_a", multiplier: 1.5 }), campaign({ id: "cmp_b", name: "Double", multiplier: 2 })] }));
    expect(result.points).toBe(20);
    expect(result.explanation.campaign).toEqual({ id: "cmp_b", name: "Double", multiplier: 2 });
  });

  it("matches the window half-open: start included, end excluded", () => {
    const c = campaign({ startsAt: at, endsAt: new Date(at.getTime() + 1000) });
    expect(campaignApplies(c, at, "TWITTER")).toBe(true);
    expect(campaignApplies(c, new Date(at.getTime() - 1), "TWITTER")).toBe(false);
    expect(campaignApplies(c, new Date(at.getTime() + 1000), "TWITTER")).toBe(false);
    expect(scoreAward(input({ campaigns: [campaign({ endsAt: at })] })).explanation.campaign).toBeNull();
  });

  it("matches the network, or every network when the campaign has none", () => {
    expect(campaignApplies(campaign({ network: "FOURSQUARE" }), at, "TWITTER")).toBe(false);
    expect(campaignApplies(campaign({ network: "TWITTER" }), at, "TWITTER")).toBe(true);
    expect(campaignApplies(campaign({ network: null }), at, "FOURSQUARE")).toBe(true);
    const result = scoreAward(input({ campaigns: [campaign({ network: "FOURSQUARE", multiplier: 3 })] }));
    expect(result.points).toBe(10);
  });

  it("applies a segment campaign only to customers in that segment", () => {
    const vip = campaign({ segmentId: "seg_vip", multiplier: 3 });
    expect(scoreAward(input({ campaigns: [vip] })).points).toBe(10);
    expect(scoreAward(input({ campaigns: [vip], inSegment: (id) => id === "seg_other" })).points).toBe(10);
    expect(scoreAward(input({ campaigns: [vip], inSegment: (id) => id === "seg_vip" })).points).toBe(30);
  });

  it("breaks ties by earlier start, then by id", () => {
    const early = campaign({ id: "cmp_z", startsAt: new Date("2026-05-01T00:00:00Z") });
    const late = campaign({ id: "cmp_a" });
    expect(pickCampaign([late, early], at, "TWITTER")?.id).toBe("cmp_z");
    expect(pickCampaign([campaign({ id: "cmp_b" }), campaign({ id: "cmp_a" })], at, "TWITTER")?.id).toBe("cmp_a");
    expect(pickCampaign([], at, "TWITTER")).toBeNull();
  });
});

describe("selectRule", () => {
  const rules = [
    rule({ id: "r3", name: "Mention bonus" }),
    rule({ id: "r1", name: "Tweet mention" }),
    rule({ id: "r2", name: "Old mention", enabled: false }),
    rule({ id: "r4", name: "Check-in", network: "FOURSQUARE", action: "CHECKIN" }),
    rule({ id: "r5", name: "Share", action: "SHARE" }),
  ];

  it("returns every enabled rule of the network and action, by name", () => {
    expect(selectRule(rules, "TWITTER", "MENTION").map((r) => r.id)).toEqual(["r3", "r1"]);
    expect(selectRule(rules, "FOURSQUARE", "CHECKIN").map((r) => r.id)).toEqual(["r4"]);
    expect(selectRule(rules, "FOURSQUARE", "MENTION")).toEqual([]);
    expect(selectRule(rules, "TWITTER", "LINK_ACCOUNT")).toEqual([]);
  });
});
