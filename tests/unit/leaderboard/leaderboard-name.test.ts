import { describe, expect, it } from "vitest";
import { ZLeaderboardName, ZLeaderboardPreferences } from "../../../src/server/modules/leaderboard/leaderboard.schemas";

describe("a leaderboard name is hostile input", () => {
  it("keeps ordinary names in any script, trimmed, with single spaces", () => {
    expect(ZLeaderboardName.parse("  Ana   María ")).toBe("Ana María");
    expect(ZLeaderboardName.parse("Zoë O'Neil-Smith")).toBe("Zoë O'Neil-Smith");
    expect(ZLeaderboardName.parse("李小龙")).toBe("李小龙");
    expect(ZLeaderboardName.parse("J.R.")).toBe("J.R.");
  });

  it("folds full-width look-alikes (NFKC) before checking", () => {
    expect(ZLeaderboardName.parse("Ｂｒｕｎｏ")).toBe("Bruno");
  });

  it("refuses markup, URLs, invisible and bidirectional control characters, and bad lengths", () => {
    for (const bad of [
      "<script>alert(1)</script>",
      "<b>x</b>",
      "https://evil.example",
      "javascript:alert(1)",
      "admin\u202Egnp.exe",
      "zero\u200Bwidth",
      "a",
      "x".repeat(31),
      "=SUM(A1)",
      "-leading",
      "@brand",
      "",
    ]) {
      expect(ZLeaderboardName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("preferences: an empty name clears it; an unknown key or an empty update is refused", () => {
    expect(ZLeaderboardPreferences.parse({ displayName: "" })).toEqual({ displayName: null });
    expect(ZLeaderboardPreferences.parse({ optOut: true })).toEqual({ optOut: true });
    expect(ZLeaderboardPreferences.safeParse({}).success).toBe(false);
    expect(ZLeaderboardPreferences.safeParse({ optOut: true, points: 1_000_000 }).success).toBe(false);
  });
});
