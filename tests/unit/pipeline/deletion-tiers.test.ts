import { describe, expect, it } from "vitest";
import { checksPerMention, DELETION_PASS_EVERY_MS, lookupBudget, nextDeletionCheckAt, periodMs } from "../../../src/server/pipeline/deletions/deletion-tiers";
import { ZDeletionPeriodUpdate } from "../../../src/server/pipeline/deletions/deletion.schemas";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const captured = new Date("2026-12-01T12:00:00Z");
const at = (ms: number) => new Date(captured.getTime() + ms);

describe("deletion check tiers", () => {
  it("checks a young post on every pass, then hourly to a day, then daily, last at the period's end", () => {
    const week = periodMs(7);
    expect(nextDeletionCheckAt(captured, at(0), week)).toEqual(at(DELETION_PASS_EVERY_MS));
    expect(nextDeletionCheckAt(captured, at(59 * MIN), week)).toEqual(at(69 * MIN));
    expect(nextDeletionCheckAt(captured, at(HOUR), week)).toEqual(at(2 * HOUR));
    expect(nextDeletionCheckAt(captured, at(23 * HOUR + 30 * MIN), week)).toEqual(at(24 * HOUR + 30 * MIN));
    expect(nextDeletionCheckAt(captured, at(DAY), week)).toEqual(at(2 * DAY));
    // The daily tier never overshoots the period: the last check is at its end, then settled.
    expect(nextDeletionCheckAt(captured, at(6 * DAY + 20 * HOUR), week)).toEqual(at(week));
    expect(nextDeletionCheckAt(captured, at(week), week)).toBeNull();
    // A check that was carried over past the end is still made once (it was due), then settled.
    expect(nextDeletionCheckAt(captured, at(week + 3 * HOUR), week)).toBeNull();
  });

  it("honours a short period", () => {
    const oneDay = periodMs(1);
    expect(nextDeletionCheckAt(captured, at(23 * HOUR + 30 * MIN), oneDay)).toEqual(at(DAY));
    expect(nextDeletionCheckAt(captured, at(DAY), oneDay)).toBeNull();
  });

  it("makes 36 lookups of a mention over 7 days instead of 168 hourly ones", () => {
    // 6 in the first hour (0..50 min), 23 hourly (1 h..23 h), 7 daily (1 d..7 d).
    expect(checksPerMention(periodMs(7))).toBe(36);
    expect(checksPerMention(periodMs(1))).toBe(6 + 23 + 1);
    expect(checksPerMention(periodMs(30))).toBe(6 + 23 + 30);
  });
});

describe("lookup budget", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("is a share of what the network says is left in its window", () => {
    expect(lookupBudget({ limit: 3500, remaining: 3500, resetAt: new Date(now.getTime() + 10 * MIN) }, 0.5, now)).toBe(1750);
    expect(lookupBudget({ limit: 3500, remaining: 3, resetAt: new Date(now.getTime() + MIN) }, 0.5, now)).toBe(1);
    expect(lookupBudget({ limit: 3500, remaining: 0, resetAt: new Date(now.getTime() + MIN) }, 0.5, now)).toBe(0);
  });
  it("is unknown when never asked or when the window has reset since", () => {
    expect(lookupBudget(null, 0.5, now)).toBeNull();
    expect(lookupBudget({ limit: 3500, remaining: 0, resetAt: new Date(now.getTime() - 1) }, 0.5, now)).toBeNull();
  });
});

describe("the period setting", () => {
  it("accepts 1 to 30 whole days and says why otherwise", () => {
    expect(ZDeletionPeriodUpdate.parse({ periodDays: "14" })).toEqual({ periodDays: 14 });
    expect(ZDeletionPeriodUpdate.safeParse({ periodDays: "0" }).error?.issues[0]?.message).toBe("At least 1 day.");
    expect(ZDeletionPeriodUpdate.safeParse({ periodDays: 31 }).error?.issues[0]?.message).toBe("At most 30 days.");
    expect(ZDeletionPeriodUpdate.safeParse({ periodDays: "2.5" }).error?.issues[0]?.message).toBe("Enter a whole number of days.");
    expect(ZDeletionPeriodUpdate.safeParse({ periodDays: "soon" }).success).toBe(false);
  });
});
