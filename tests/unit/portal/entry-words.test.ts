import { describe, expect, it } from "vitest";
import type { AwardExplanation } from "../../../src/server/modules/ledger/ledger.types";
import { describeEntryForCustomer } from "../../../src/server/modules/portal/entry-words";
import { scoreAward } from "../../../src/server/modules/scoring/score-mention";

const rule = {
  id: "rule_1",
  name: "Brand mention",
  network: "TWITTER" as const,
  action: "MENTION" as const,
  basePoints: 10,
  influenceCurve: "LOG" as const,
  influenceFactor: 0.5,
  maxMultiplier: 3,
  dailyCap: 150,
  minSentiment: null,
  enabled: true,
};

describe("a ledger entry in the customer's words", () => {
  it("says what a scored mention stored: followers and influence, the campaign, the cap", () => {
    const scored = scoreAward({
      rule,
      followers: 2_140,
      sentiment: { score: 0.6, label: "PROMOTER" },
      campaigns: [{ id: "cmp_1", name: "Double week", multiplier: 2, network: "TWITTER", startsAt: new Date(0), endsAt: new Date(8.64e15), segmentId: null }],
      at: new Date("2026-12-03T12:00:00Z"),
      inSegment: () => true,
      awardedTodayForRule: 130,
    });
    // 10 × 1.68 × 2 = 34, of which 20 were left under today's cap of 150.
    expect([scored.explanation.influence!.multiplier, scored.points]).toEqual([1.68, 20]);
    expect(describeEntryForCustomer({ amount: scored.points, source: "MENTION", explanation: scored.explanation }, "Tasti")).toBe(
      "+20: your post about Tasti on X (2,140 followers ×1.68, Double week ×2, capped at 150 today)",
    );
  });

  it("leaves out what did not apply, and words each kind of entry", () => {
    const plain: AwardExplanation = { rule: { id: "r", name: "Check-ins", network: "FOURSQUARE", action: "CHECKIN", basePoints: 25 }, formula: "25 = 25" };
    expect(describeEntryForCustomer({ amount: 25, source: "CHECKIN", explanation: plain }, "Tasti")).toBe("+25: your check-in at Tasti on Foursquare");
    const link: AwardExplanation = { rule: { id: "r", name: "Link", network: "TWITTER", action: "LINK_ACCOUNT", basePoints: 50 }, formula: "50" };
    expect(describeEntryForCustomer({ amount: 50, source: "LINK_ACCOUNT", explanation: link }, "Tasti")).toBe("+50: linking your X account");
    expect(describeEntryForCustomer({ amount: -500, source: "REDEMPTION", explanation: { formula: "500 for “Free cone”" } }, "Tasti")).toBe(
      "−500: spent on a reward (500 for “Free cone”)",
    );
    expect(describeEntryForCustomer({ amount: 10, source: "ADJUSTMENT", explanation: { formula: "10", note: "Thanks for the review" } }, "Tasti")).toBe(
      "+10: from Tasti: Thanks for the review",
    );
    expect(describeEntryForCustomer({ amount: -1_200, source: "EXPIRY", explanation: { formula: "" } }, "Tasti")).toBe("−1,200: points expired");
  });

  it("shows a reversal against what it reverses, and when less could be taken back", () => {
    const whole: AwardExplanation = { formula: "", reversal: { reason: "the post was deleted", originalAmount: 37 } };
    expect(describeEntryForCustomer({ amount: -37, source: "REVERSAL", explanation: whole }, "Tasti")).toBe("−37: taken back (the post was deleted)");
    const part: AwardExplanation = { formula: "", reversal: { reason: "spam", originalAmount: 100, clampedTo: -30 } };
    expect(describeEntryForCustomer({ amount: -30, source: "REVERSAL", explanation: part }, "Tasti")).toBe("−30: taken back (spam, 30 of 100)");
    const refund: AwardExplanation = { formula: "", reversal: { reason: "reward cancelled", originalAmount: -500 } };
    expect(describeEntryForCustomer({ amount: 500, source: "REVERSAL", explanation: refund }, "Tasti")).toBe("+500: given back (reward cancelled)");
  });
});
