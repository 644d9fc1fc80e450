import { describe, expect, it } from "vitest";
import { toAppError } from "../../../src/server/http/problem";
import { pointRuleIssues, ZPointRuleCreate } from "../../../src/server/modules/rules/point-rule.schemas";
import { NO_CONDITION_MESSAGE, ZSegmentCreate, ZSegmentFilter, ZSegmentForm, ZSegmentUpdate } from "../../../src/server/modules/segments/segment.schemas";

/** The field issues a client would see (path → message), as the API's problem+json lists them. */
function issuesOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  expect(result.success, "expected the value to be refused").toBe(false);
  return Object.fromEntries(toAppError(result.error).issues.map((i) => [i.path, i.message]));
}

describe("segment filter", () => {
  it("fills absent conditions in and stores stages and labels once, in their own order", () => {
    expect(ZSegmentFilter.parse({ minFollowers: 10_000 })).toEqual({
      lifecycleStages: [],
      sentimentLabels: [],
      search: null,
      npsClasses: [],
      minFollowers: 10_000,
      minPoints: null,
      minLifetimeEarned: null,
      tierId: null,
    });
    expect(ZSegmentFilter.parse({ lifecycleStages: ["ADVOCATE", "PROSPECT"], sentimentLabels: ["DETRACTOR", "PROMOTER"] })).toMatchObject({
      lifecycleStages: ["PROSPECT", "ADVOCATE"],
      sentimentLabels: ["PROMOTER", "DETRACTOR"],
    });
  });

  it("takes the customers list's own filters: no recent mentions, and a search of name, email, phone or id", () => {
    expect(ZSegmentFilter.parse({ sentimentLabels: ["UNLABELLED", "PROMOTER"] }).sentimentLabels).toEqual(["PROMOTER", "UNLABELLED"]);
    expect(ZSegmentFilter.parse({ search: "  acme.com " }).search).toBe("acme.com");
    expect(issuesOf(ZSegmentFilter, { search: "   " })).toEqual({ "": NO_CONDITION_MESSAGE });
    expect(issuesOf(ZSegmentFilter, { search: "x".repeat(201) })).toEqual({ search: "at most 200 characters" });
  });

  it("refuses a filter without any condition: a segment of everyone", () => {
    expect(issuesOf(ZSegmentFilter, {})).toEqual({ "": NO_CONDITION_MESSAGE });
    expect(issuesOf(ZSegmentFilter, { lifecycleStages: [], sentimentLabels: [], minPoints: null })).toEqual({ "": NO_CONDITION_MESSAGE });
  });

  it("refuses unknown keys, unknown stages and labels, and a value listed twice, naming the field", () => {
    expect(issuesOf(ZSegmentFilter, { minPoints: 1, minFolowers: 5 })).toEqual({ minFolowers: "unknown field(s): minFolowers" });
    expect(issuesOf(ZSegmentFilter, { lifecycleStages: ["VIP"] })).toEqual({ "lifecycleStages.0": "choose prospect, customer, loyal or advocate" });
    expect(issuesOf(ZSegmentFilter, { sentimentLabels: ["HAPPY"] })).toEqual({
      "sentimentLabels.0": "choose promoter, passive, detractor or no recent mentions",
    });
    expect(issuesOf(ZSegmentFilter, { lifecycleStages: ["LOYAL", "LOYAL"] })).toEqual({ lifecycleStages: "a lifecycle stage is listed twice" });
    expect(issuesOf(ZSegmentFilter, { sentimentLabels: "PROMOTER" })).toEqual({ sentimentLabels: "choose sentiment labels" });
  });

  it("takes minimums as whole numbers from 0 to the largest balance Postgres holds", () => {
    expect(issuesOf(ZSegmentFilter, { minFollowers: -1 })).toEqual({ minFollowers: "0 or more" });
    expect(issuesOf(ZSegmentFilter, { minPoints: 2.5 })).toEqual({ minPoints: "enter a whole number" });
    expect(issuesOf(ZSegmentFilter, { minLifetimeEarned: "100" })).toEqual({ minLifetimeEarned: "enter a whole number of points, or leave empty" });
    expect(issuesOf(ZSegmentFilter, { minPoints: 2_147_483_648 })).toEqual({ minPoints: "at most 2,147,483,647" });
    expect(ZSegmentFilter.parse({ minPoints: 0 }).minPoints).toBe(0);
  });

  it("a tier condition is a tier id, and alone is enough; an empty choice is no tier condition", () => {
    const tierId = `tier_${"a".repeat(32)}`;
    expect(ZSegmentFilter.parse({ tierId })).toMatchObject({ tierId, minPoints: null });
    expect(issuesOf(ZSegmentFilter, { tierId: "gold" })).toEqual({ tierId: "not a tier id" });
    expect(issuesOf(ZSegmentFilter, { tierId: "" })).toEqual({ "": NO_CONDITION_MESSAGE });
  });
});

describe("segment create, update and form", () => {
  it("needs a name and a filter; an update needs one of them and replaces the filter whole", () => {
    expect(issuesOf(ZSegmentCreate, { name: "  ", filter: { minPoints: 1 } })).toEqual({ name: "name is required" });
    expect(issuesOf(ZSegmentCreate, { name: "Fans" })).toMatchObject({ filter: expect.any(String) });
    expect(issuesOf(ZSegmentCreate, { name: "Fans", filter: { minPoints: -5 } })).toEqual({ "filter.minPoints": "0 or more" });
    expect(issuesOf(ZSegmentUpdate, {})).toEqual({ "": "nothing to update" });
    expect(ZSegmentUpdate.parse({ filter: { sentimentLabels: ["PROMOTER"] } })).toEqual({
      filter: {
        lifecycleStages: [],
        sentimentLabels: ["PROMOTER"],
        search: null,
        npsClasses: [],
        minFollowers: null,
        minPoints: null,
        minLifetimeEarned: null,
        tierId: null,
      },
    });
  });

  it("the form's flat fields each get their own message, and become { id, input }", () => {
    const form = { name: "", lifecycleStages: ["NOPE"], sentimentLabels: [], minFollowers: Number.NaN, minPoints: null, minLifetimeEarned: -1 };
    expect(issuesOf(ZSegmentForm, form)).toEqual({
      name: "name is required",
      "lifecycleStages.0": "choose prospect, customer, loyal or advocate",
      minFollowers: "enter a whole number of followers, or leave empty",
      minLifetimeEarned: "0 or more",
    });
    const ok = ZSegmentForm.parse({
      id: "seg_1",
      name: " Top ",
      lifecycleStages: [],
      sentimentLabels: ["PROMOTER"],
      minFollowers: 5_000,
      minPoints: null,
      minLifetimeEarned: null,
    });
    expect(ok).toEqual({
      id: "seg_1",
      input: {
        name: "Top",
        filter: {
          lifecycleStages: [],
          sentimentLabels: ["PROMOTER"],
          search: null,
          npsClasses: [],
          minFollowers: 5_000,
          minPoints: null,
          minLifetimeEarned: null,
          tierId: null,
        },
      },
    });
  });
});

describe("LINK_ACCOUNT rules", () => {
  const link = { network: "TWITTER", action: "LINK_ACCOUNT", name: "Link X", basePoints: 50 } as const;

  it("refuse a daily cap and a minimum sentiment (a link pays once and has no text), and keep the influence curve", () => {
    expect(issuesOf(ZPointRuleCreate, { ...link, dailyCap: 100, minSentiment: 0.2 })).toEqual({
      dailyCap: "linking an account pays once per account: leave the daily cap empty",
      minSentiment: "linking an account has no text to score: leave the minimum sentiment empty",
    });
    expect(ZPointRuleCreate.parse({ ...link, influenceCurve: "LOG" })).toMatchObject({ influenceCurve: "LOG", dailyCap: null, minSentiment: null });
    // The same values are fine on a mention rule.
    expect(pointRuleIssues({ basePoints: 50, influenceCurve: "LOG", maxMultiplier: 3, dailyCap: 100, action: "MENTION", minSentiment: 0.2 })).toEqual([]);
  });
});

describe("SHARE rules", () => {
  const share = { network: "TWITTER", action: "SHARE", name: "Sharing", basePoints: 5 } as const;

  it("refuse a minimum sentiment (the shared text is the brand's template) and keep a daily cap", () => {
    expect(issuesOf(ZPointRuleCreate, { ...share, minSentiment: 0.2 })).toEqual({
      minSentiment: "a share posts the brand's own text: leave the minimum sentiment empty",
    });
    expect(ZPointRuleCreate.parse({ ...share, dailyCap: 20 })).toMatchObject({ dailyCap: 20, minSentiment: null });
  });
});

describe("the feedback (NPS class) condition", () => {
  it("is a condition of its own, stored once in its own order, and refuses unknown classes", () => {
    expect(ZSegmentFilter.parse({ npsClasses: ["DETRACTOR", "PROMOTER"] }).npsClasses).toEqual(["PROMOTER", "DETRACTOR"]);
    expect(issuesOf(ZSegmentFilter, { npsClasses: ["FAN"] })).toEqual({ "npsClasses.0": "choose promoter, passive or detractor" });
    expect(issuesOf(ZSegmentFilter, { npsClasses: [] })).toEqual({ "": NO_CONDITION_MESSAGE });
  });
});
