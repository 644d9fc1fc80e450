import { describe, expect, it } from "vitest";
import { analyzeSentiment, sentimentLabel, SENTIMENT_MAX_CHARS } from "../../../src/server/modules/scoring/sentiment";

describe("analyzeSentiment", () => {
  it("scores praise with emoji as a promoter", () => {
    const r = analyzeSentiment("love the new flavour 😍🍦");
    expect(r.label).toBe("PROMOTER");
    expect(r.score).toBeGreaterThan(0.4);
    // the emoji carries sentiment on its own
    expect(analyzeSentiment("the new flavour 😍").label).toBe("PROMOTER");
    expect(analyzeSentiment("the new flavour 😡").label).toBe("DETRACTOR");
  });

  it("flips a negated word: 'not good' is negative, 'not bad' is positive", () => {
    const notGood = analyzeSentiment("not good at all");
    expect(notGood.label).toBe("DETRACTOR");
    expect(notGood.score).toBeLessThan(0);
    expect(analyzeSentiment("good at all").score).toBeGreaterThan(0);
    expect(analyzeSentiment("honestly this is not bad").label).toBe("PROMOTER");
    expect(analyzeSentiment("I don't like the new cups").label).toBe("DETRACTOR");
  });

  it("keeps factual, neutral posts passive at 0", () => {
    for (const text of ["The store on Main Street opens at 9am", "Checking in at Tasti D-Lite", ""]) {
      expect(analyzeSentiment(text)).toEqual({ score: 0, label: "PASSIVE" });
    }
  });

  it("ignores @handles and links, and reads hashtags and emoticons", () => {
    expect(analyzeSentiment("@tastidlite https://t.co/xYz123 mango swirl today").score).toBe(0);
    expect(analyzeSentiment("@tastidlite https://t.co/xYz123 mango swirl today, amazing").label).toBe("PROMOTER");
    expect(analyzeSentiment("waited 40 minutes for a cone #fail").label).toBe("DETRACTOR");
    expect(analyzeSentiment("waited 40 minutes for a cone :(").label).toBe("DETRACTOR");
    expect(analyzeSentiment("finally got my cone :)").label).toBe("PROMOTER");
  });

  it("scores complaints as detractors and stays within -1..1", () => {
    const r = analyzeSentiment("worst service ever 😡 terrible, awful, disgusting, never coming back");
    expect(r.label).toBe("DETRACTOR");
    expect(r.score).toBeGreaterThanOrEqual(-1);
    const best = analyzeSentiment("😍😍😍 superb outstanding breathtaking");
    expect(best.score).toBeLessThanOrEqual(1);
    expect(best.label).toBe("PROMOTER");
  });

  it("labels by documented thresholds: PROMOTER from 0.2, DETRACTOR from -0.2", () => {
    expect(sentimentLabel(0.2)).toBe("PROMOTER");
    expect(sentimentLabel(0.1999)).toBe("PASSIVE");
    expect(sentimentLabel(0)).toBe("PASSIVE");
    expect(sentimentLabel(-0.1999)).toBe("PASSIVE");
    expect(sentimentLabel(-0.2)).toBe("DETRACTOR");
  });

  it("cuts very long input instead of spending unbounded time on it", () => {
    const kept = "great ice cream ".repeat(SENTIMENT_MAX_CHARS).slice(0, SENTIMENT_MAX_CHARS);
    const beyond = " terrible awful".repeat(5_000);
    expect(analyzeSentiment(kept).score).toBeGreaterThan(0);
    expect(analyzeSentiment(kept + beyond)).toEqual(analyzeSentiment(kept));
  });
});
