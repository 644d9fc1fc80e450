import { describe, expect, it } from "vitest";
import { monthsBefore, placeOnLadder } from "../../../src/server/modules/tiers/tier-ladder";

const bronze = { id: "tier_b", name: "Bronze", threshold: 0 };
const silver = { id: "tier_s", name: "Silver", threshold: 500 };
const gold = { id: "tier_g", name: "Gold", threshold: 2000 };

describe("placeOnLadder", () => {
  it("is in the highest tier reached, whatever order the tiers come in", () => {
    expect(placeOnLadder([gold, silver, bronze], 1999)).toEqual({ tier: silver, nextTier: gold, pointsToNext: 1, progress: 1499 / 1500 });
    expect(placeOnLadder([gold, silver], 500)).toEqual({ tier: silver, nextTier: gold, pointsToNext: 1500, progress: 0 });
  });

  it("below the lowest tier: no tier, progress measured from zero", () => {
    expect(placeOnLadder([silver, gold], 125)).toEqual({ tier: null, nextTier: silver, pointsToNext: 375, progress: 0.25 });
  });

  it("at the top: no next tier and full progress; with no tiers at all: nothing", () => {
    expect(placeOnLadder([silver, gold], 99_999)).toEqual({ tier: gold, nextTier: null, pointsToNext: null, progress: 1 });
    expect(placeOnLadder([], 300)).toEqual({ tier: null, nextTier: null, pointsToNext: null, progress: 0 });
  });
});

describe("monthsBefore", () => {
  it("goes back calendar months in UTC, keeping the time of day", () => {
    expect(monthsBefore(new Date("2026-12-03T14:05:06.789Z"), 12).toISOString()).toBe("2025-12-03T14:05:06.789Z");
    expect(monthsBefore(new Date("2026-01-15T00:00:00.000Z"), 1).toISOString()).toBe("2025-12-15T00:00:00.000Z");
  });

  it("clamps the day to the shorter month, as Postgres' interval arithmetic does", () => {
    expect(monthsBefore(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(monthsBefore(new Date("2028-03-31T10:00:00Z"), 1).toISOString()).toBe("2028-02-29T10:00:00.000Z");
  });
});
