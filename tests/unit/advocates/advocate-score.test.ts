import { describe, expect, it } from "vitest";
import { advocateScore, mentionScore } from "../../../src/server/modules/advocates/advocate-score";

const post = (authorFollowers: number, sentimentScore: number | null, metrics: unknown = null) => ({ authorFollowers, sentimentScore, metrics });

describe("the advocate score", () => {
  it("is reach × tone × engagement for one mention", () => {
    // reach 1 + log10(1000) = 4, tone (1 + 1) / 2 = 1, engagement 1 + log10(1 + 9) = 2
    expect(mentionScore(post(999, 1, { likes: 5, reposts: 2, replies: 1, quotes: 1 }))).toBeCloseTo(8, 10);
    // no followers, neutral, no engagement: 1 × 0.5 × 1
    expect(mentionScore(post(0, 0))).toBe(0.5);
    expect(mentionScore(post(0, null))).toBe(0.5);
  });

  it("gives a negative mention nothing and clamps sentiment to -1…1", () => {
    expect(mentionScore(post(1_000_000, -1))).toBe(0);
    expect(mentionScore(post(9, 5))).toBe(mentionScore(post(9, 1)));
    expect(mentionScore(post(9, -5))).toBe(0);
  });

  it("grows with the log of followers, so one big account does not drown steady advocacy", () => {
    const celebrity = advocateScore([post(1_000_000, 1)]);
    const regular = advocateScore(Array.from({ length: 3 }, () => post(999, 1)));
    expect(celebrity).toBe(7);
    expect(regular).toBe(12);
    expect(regular).toBeGreaterThan(celebrity);
  });

  it("ignores hostile or malformed metrics and negative follower counts", () => {
    const plain = mentionScore(post(0, 1));
    expect(mentionScore(post(-50, 1, { likes: -10, reposts: "99", replies: Number.NaN, quotes: Infinity, views: 1e9 }))).toBe(plain);
    expect(mentionScore(post(0, 1, [1, 2, 3]))).toBe(plain);
    expect(mentionScore(post(0, 1, "likes"))).toBe(plain);
  });

  it("caps an absurd engagement count at 10^15, as the stored column does", () => {
    expect(mentionScore(post(0, 1, { likes: 1e20 }))).toBe(mentionScore(post(0, 1, { likes: 1e15 })));
    expect(mentionScore(post(0, 1, { likes: 1e15 }))).toBeGreaterThan(mentionScore(post(0, 1, { likes: 1e14 })));
  });

  it("is not capped per day: ten positive mentions score ten times one", () => {
    const one = mentionScore(post(99, 1, { likes: 9 }));
    expect(advocateScore(Array.from({ length: 10 }, () => post(99, 1, { likes: 9 })))).toBeCloseTo(10 * one, 1);
    expect(advocateScore([])).toBe(0);
  });
});
