import { describe, expect, it } from "vitest";
import { describeWaysToEarn, type EarningSetup } from "../../../src/server/modules/portal/ways-to-earn";

const rule = (over: Partial<EarningSetup["rules"][number]>): EarningSetup["rules"][number] => ({
  id: "rule_1",
  network: "TWITTER",
  action: "MENTION",
  basePoints: 10,
  influenceCurve: "LOG",
  dailyCap: null,
  minSentiment: null,
  ...over,
});

const setup = (over: Partial<EarningSetup>): EarningSetup => ({
  brandName: "Tasti D-Lite",
  rules: [],
  campaigns: [],
  trackedTerms: [],
  locationCount: 0,
  ...over,
});

describe("ways to earn, in words", () => {
  it("says each enabled rule as the customer would act on it, in the order they would", () => {
    const { ways } = describeWaysToEarn(
      setup({
        rules: [
          rule({ id: "link", action: "LINK_ACCOUNT", basePoints: 50, influenceCurve: "NONE", dailyCap: 500, minSentiment: 0.5 }),
          rule({ id: "checkin", network: "FOURSQUARE", action: "CHECKIN", basePoints: 25, influenceCurve: "NONE" }),
          rule({ id: "mention", dailyCap: 150 }),
          rule({ id: "share", action: "SHARE", basePoints: 5, influenceCurve: "NONE", minSentiment: 0.5 }),
        ],
        trackedTerms: [
          { kind: "KEYWORD", value: "Tasti D-Lite" },
          { kind: "HANDLE", value: "tasti" },
        ],
        locationCount: 12,
      }),
    );
    expect(ways.map((w) => [w.ruleId, w.text])).toEqual([
      ["mention", "Mention @tasti on X: 10 points, more with more followers, up to 150 points a day"],
      ["checkin", "Check in at any of our 12 stores on Foursquare: 25 points"],
      ["share", "Share the points you earn on X: 5 points per post"],
      ["link", "Link your X account: 50 points, once per account"],
    ]);
  });

  it("names the brand's hashtag or term when it has no handle, and the brand when it tracks nothing", () => {
    const mention = [rule({ influenceCurve: "NONE", basePoints: 1, minSentiment: 0.2 })];
    expect(describeWaysToEarn(setup({ rules: mention, trackedTerms: [{ kind: "HASHTAG", value: "tastitime" }] })).ways[0]!.text).toBe(
      "Mention #tastitime on X: 1 point, when the post speaks well of us",
    );
    expect(describeWaysToEarn(setup({ rules: mention, trackedTerms: [{ kind: "KEYWORD", value: "frozen yogurt" }] })).ways[0]!.text).toBe(
      "Mention “frozen yogurt” on X: 1 point, when the post speaks well of us",
    );
    expect(describeWaysToEarn(setup({ rules: mention })).ways[0]!.text).toBe("Mention Tasti D-Lite on X: 1 point, when the post speaks well of us");
  });

  it("says running campaigns as boosts, with their network, end and segment", () => {
    const { boosts } = describeWaysToEarn(
      setup({
        campaigns: [
          { id: "c1", name: "Double week", network: "TWITTER", multiplier: 2, endsAt: new Date("2026-12-10T12:00:00Z"), segmentName: "Gold" },
          { id: "c2", name: "Store opening", network: null, multiplier: 1.5, endsAt: new Date("2027-01-02T00:00:00Z"), segmentName: null },
          { id: "c3", name: "Plain week", network: null, multiplier: 1, endsAt: new Date("2027-01-02T00:00:00Z"), segmentName: null },
        ],
      }),
    );
    expect(boosts.map((b) => b.text)).toEqual([
      "Double points on X until 10 December, for Gold members (Double week)",
      // Ends at midnight starting 2 January: its last day is 1 January. A ×1 campaign is no boost.
      "×1.5 points until 1 January (Store opening)",
    ]);
  });

  it("passes the brand's text through as text, for the page to escape", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const { ways } = describeWaysToEarn(setup({ rules: [rule({ influenceCurve: "NONE" })], trackedTerms: [{ kind: "KEYWORD", value: hostile }] }));
    expect(ways[0]!.text).toBe(`Mention “${hostile}” on X: 10 points`);
  });
});
