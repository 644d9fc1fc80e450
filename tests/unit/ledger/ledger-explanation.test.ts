import { describe, expect, it } from "vitest";
import { describeEntry, formatPoints } from "../../../src/server/modules/ledger/ledger-explanation";
import { ZAwardExplanation } from "../../../src/server/modules/ledger/ledger.schemas";
import { parseExplanation } from "../../../src/server/modules/ledger/ledger.mapper";

const rule = { id: "rule_1", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: 10 };

describe("describeEntry", () => {
  it("explains an award with its rule, network, arithmetic and caps", () => {
    expect(
      describeEntry({
        amount: 20,
        source: "MENTION",
        explanation: { rule, formula: "10 × 2.35 influence × 1.5 campaign = 35", capsApplied: ["daily cap 100: 35 → 20"] },
      }),
    ).toBe("+20 points for a mention on twitter (rule “Brand mention”): 10 × 2.35 influence × 1.5 campaign = 35; daily cap 100: 35 → 20");
  });

  it("says 'point' for one and groups thousands", () => {
    expect(describeEntry({ amount: 1, source: "CHECKIN", explanation: { formula: "" } })).toBe("+1 point for a check-in");
    expect(formatPoints(-1_234_567)).toBe("1,234,567 points");
  });

  it("explains spends, adjustments, expiries and merges", () => {
    expect(describeEntry({ amount: -100, source: "REDEMPTION", explanation: { formula: "100 for “Mug”" } })).toBe(
      "−100 points spent on a reward: 100 for “Mug”",
    );
    expect(describeEntry({ amount: 50, source: "ADJUSTMENT", explanation: { formula: "+50 set by staff", note: "Late parcel" } })).toBe(
      "+50 points manual adjustment: Late parcel",
    );
    expect(describeEntry({ amount: -5, source: "EXPIRY", explanation: { formula: "earned 2025-01" } })).toBe("−5 points expired: earned 2025-01");
    expect(describeEntry({ amount: 7, source: "MERGE", explanation: { formula: "from cus_2" } })).toBe(
      "+7 points moved when customers were merged: from cus_2",
    );
  });

  it("explains a full and a clamped reversal", () => {
    expect(describeEntry({ amount: -40, source: "REVERSAL", explanation: { formula: "", reversal: { reason: "spam", originalAmount: 40 } } })).toBe(
      "−40 points reversing an entry of +40 points: spam",
    );
    expect(
      describeEntry({ amount: -30, source: "REVERSAL", explanation: { formula: "", reversal: { reason: "fraud", originalAmount: 100, clampedTo: -30 } } }),
    ).toBe("−30 points reversing an entry of +100 points: fraud (only 30 of 100 points could be taken back: the rest was already spent)");
    expect(describeEntry({ amount: 60, source: "REVERSAL", explanation: { formula: "", reversal: { reason: "broken mug", originalAmount: -60 } } })).toBe(
      "+60 points reversing an entry of −60 points: broken mug",
    );
  });
});

describe("stored explanations", () => {
  it("parse back to what scoring wrote, and a mangled one still yields something to show", () => {
    const written = { rule, followers: 900, influence: { curve: "LOG", factor: 0.5, max: 3, multiplier: 1.4 }, campaign: null, formula: "10 × 1.4 = 14" };
    expect(ZAwardExplanation.parse(JSON.parse(JSON.stringify(written)))).toEqual(written);
    expect(parseExplanation({ rule: "not an object" })).toEqual({ formula: "(explanation unreadable)" });
  });
});
