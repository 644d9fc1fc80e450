import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { influenceMultiplier, type InfluenceSettings } from "../../../src/server/modules/scoring/influence";

const LOG: InfluenceSettings = { curve: "LOG", factor: 0.5, max: 3 };
const LINEAR: InfluenceSettings = { curve: "LINEAR", factor: 0.5, max: 3 };

describe("influenceMultiplier", () => {
  it("LOG: 1 + factor·log10(1 + followers/100), rounded to 2 decimals", () => {
    expect(influenceMultiplier(0, LOG)).toBe(1);
    expect(influenceMultiplier(100, LOG)).toBe(1.15); // 1 + 0.5·log10(2) = 1.1505
    expect(influenceMultiplier(900, LOG)).toBe(1.5); // log10(10) = 1
    expect(influenceMultiplier(9_900, LOG)).toBe(2); // log10(100) = 2
    expect(influenceMultiplier(9_900, { curve: "LOG", factor: 1, max: 20 })).toBe(3);
  });

  it("LINEAR: 1 + factor·followers/1000", () => {
    expect(influenceMultiplier(0, LINEAR)).toBe(1);
    expect(influenceMultiplier(1_000, LINEAR)).toBe(1.5);
    expect(influenceMultiplier(2_500, LINEAR)).toBe(2.25);
  });

  it("caps at max and a NONE curve is always 1", () => {
    expect(influenceMultiplier(10_000_000, LOG)).toBe(3);
    expect(influenceMultiplier(10_000_000, LINEAR)).toBe(3);
    expect(influenceMultiplier(Number.POSITIVE_INFINITY, LINEAR)).toBe(3);
    expect(influenceMultiplier(10_000_000, { curve: "NONE", factor: 5, max: 10 })).toBe(1);
  });

  it("treats negative and NaN followers as 0, and a max below 1 as 1", () => {
    expect(influenceMultiplier(-500, LINEAR)).toBe(1);
    expect(influenceMultiplier(Number.NaN, LOG)).toBe(1);
    expect(influenceMultiplier(5_000, { curve: "LINEAR", factor: 1, max: 0.5 })).toBe(1);
    expect(influenceMultiplier(5_000, { curve: "LINEAR", factor: -1, max: 5 })).toBe(1);
  });

  const settings = fc.record({
    curve: fc.constantFrom("NONE" as const, "LOG" as const, "LINEAR" as const),
    factor: fc.double({ min: 0, max: 10, noNaN: true }),
    max: fc.double({ min: 1, max: 20, noNaN: true }),
  });
  const followers = fc.oneof(fc.integer({ min: -1_000, max: 500_000_000 }), fc.double({ noNaN: false }));

  it("property: always within [1, max]", () => {
    fc.assert(
      fc.property(settings, followers, (s, f) => {
        const m = influenceMultiplier(f, s);
        return m >= 1 && m <= s.max;
      }),
      { numRuns: 2_000 },
    );
  });

  it("property: more followers never lower the multiplier", () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 0, max: 500_000_000 }), fc.integer({ min: 0, max: 500_000_000 }), (s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return influenceMultiplier(lo, s) <= influenceMultiplier(hi, s);
      }),
      { numRuns: 2_000 },
    );
  });
});
