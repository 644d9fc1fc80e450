import { describe, expect, it } from "vitest";
import { comparison } from "../../../src/features/overview/overview-links";
import { periodFromSearch, resolvePeriod, ZOverviewPeriodParams } from "../../../src/server/modules/overview/overview.schemas";

const TODAY = new Date("2026-03-10T15:00:00Z");

describe("the overview's period", () => {
  it("is the last N days, today included, against the N days just before", () => {
    expect(resolvePeriod({ period: "7" }, TODAY)).toEqual({
      preset: "7",
      from: "2026-03-04",
      to: "2026-03-10",
      days: 7,
      previous: { from: "2026-02-25", to: "2026-03-03" },
    });
    expect(resolvePeriod({}, TODAY)).toMatchObject({ preset: "30", from: "2026-02-09", days: 30, previous: { from: "2026-01-10", to: "2026-02-08" } });
  });

  it("takes a custom range with both days and compares it with as many days before it", () => {
    expect(resolvePeriod(ZOverviewPeriodParams.parse({ period: "custom", from: "2026-02-01", to: "2026-02-28" }), TODAY)).toEqual({
      preset: "custom",
      from: "2026-02-01",
      to: "2026-02-28",
      days: 28,
      previous: { from: "2026-01-04", to: "2026-01-31" },
    });
  });

  it("refuses a custom range without both days, reversed, too long or not a date, and falls back to 30 days", () => {
    for (const bad of [
      { period: "custom", from: "2026-02-01" },
      { period: "custom", from: "2026-02-10", to: "2026-02-01" },
      { period: "custom", from: "2024-01-01", to: "2026-01-01" },
      { period: "custom", from: "2026-02-30", to: "2026-03-01" },
      { period: "14" },
    ]) {
      expect(ZOverviewPeriodParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(periodFromSearch(bad, TODAY)).toMatchObject({ invalid: true, period: { preset: "30", to: "2026-03-10" } });
    }
    expect(periodFromSearch({ period: ["90", "7"] }, TODAY)).toMatchObject({ invalid: false, period: { preset: "90", days: 90 } });
  });

  it("says how a figure moved against the previous period", () => {
    expect(comparison(15, 12)).toBe("+3 (+25%) vs 12 the previous period");
    expect(comparison(3, 0)).toBe("+3 vs 0 the previous period");
    expect(comparison(1, 4)).toBe("−3 (−75%) vs 4 the previous period");
    expect(comparison(0, 0)).toBe("same as the previous period (0)");
  });
});
