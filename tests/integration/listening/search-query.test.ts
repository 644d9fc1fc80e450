// Pure functions (no database): value normalisation and X query building. They live under
// tests/integration/listening because tests/unit/listening belongs to another team.
import { describe, expect, it } from "vitest";
import { buildSearchQuery, searchTerm, type SearchTermSource } from "../../../src/server/social/twitter/twitter-search-query";
import { normalizeSourceValue } from "../../../src/server/modules/listening/source-values";
import { ZSourceCreate } from "../../../src/server/modules/listening/source.schemas";

const ok = (value: string) => ({ ok: true, value });

describe("source value normalisation", () => {
  it("stores hashtags as #tag and handles as @name, lower-case, with or without the sign", () => {
    expect(normalizeSourceValue("TWITTER", "HASHTAG", "BrandX")).toEqual(ok("#brandx"));
    expect(normalizeSourceValue("TWITTER", "HASHTAG", " #BrandX ")).toEqual(ok("#brandx"));
    expect(normalizeSourceValue("TWITTER", "HASHTAG", "#CaféLatte")).toEqual(ok("#cafélatte"));
    expect(normalizeSourceValue("TWITTER", "HANDLE", "Brand_X")).toEqual(ok("@brand_x"));
    expect(normalizeSourceValue("TWITTER", "HANDLE", "@Brand_X")).toEqual(ok("@brand_x"));
    expect(normalizeSourceValue("TWITTER", "HANDLE", "@a")).toEqual(ok("@a"));
    expect(normalizeSourceValue("TWITTER", "HANDLE", "@abcdefghij12345")).toEqual(ok("@abcdefghij12345"));
  });

  it("trims keywords, collapses whitespace and lower-cases them", () => {
    expect(normalizeSourceValue("TWITTER", "KEYWORD", "  Brand   X\tCoffee ")).toEqual(ok("brand x coffee"));
    expect(normalizeSourceValue("TWITTER", "KEYWORD", "ok")).toEqual(ok("ok"));
    expect(normalizeSourceValue("TWITTER", "KEYWORD", "x".repeat(100))).toEqual(ok("x".repeat(100)));
  });

  it("refuses bad values with a message that says what is allowed", () => {
    const message = (network: "TWITTER" | "FOURSQUARE", kind: "KEYWORD" | "HASHTAG" | "HANDLE" | "VENUE", raw: string) => {
      const result = normalizeSourceValue(network, kind, raw);
      expect(result.ok).toBe(false);
      return result.ok ? "" : result.message;
    };
    expect(message("TWITTER", "KEYWORD", "x")).toMatch(/2 to 100 characters/);
    expect(message("TWITTER", "KEYWORD", "x".repeat(101))).toMatch(/2 to 100 characters/);
    expect(message("TWITTER", "KEYWORD", '  " '.repeat(1) + "a")).toMatch(/double quotes/);
    expect(message("TWITTER", "KEYWORD", "#brandx")).toMatch(/Hashtag kind/);
    expect(message("TWITTER", "KEYWORD", "@brandx")).toMatch(/Handle kind/);
    expect(message("TWITTER", "HASHTAG", "brand x")).toMatch(/no spaces/);
    expect(message("TWITTER", "HASHTAG", "#")).toMatch(/letters, digits or _/);
    expect(message("TWITTER", "HASHTAG", "#2024")).toMatch(/at least one letter/);
    expect(message("TWITTER", "HANDLE", "@abcdefghij123456")).toMatch(/1 to 15/);
    expect(message("TWITTER", "HANDLE", "@brand-x")).toMatch(/letters, digits or _/);
    expect(message("TWITTER", "HANDLE", "@")).toMatch(/1 to 15/);
    expect(message("FOURSQUARE", "VENUE", "starbucks")).toMatch(/24 hexadecimal/);
    expect(message("TWITTER", "VENUE", "4bf58dd8d48988d1e0931735")).toMatch(/X sources cannot be a venue/);
    expect(message("FOURSQUARE", "HASHTAG", "brandx")).toMatch(/Foursquare sources cannot be a hashtag/);
  });

  it("accepts a Foursquare venue id or its venue URL", () => {
    expect(normalizeSourceValue("FOURSQUARE", "VENUE", "4BF58DD8D48988D1E0931735")).toEqual(ok("4bf58dd8d48988d1e0931735"));
    expect(normalizeSourceValue("FOURSQUARE", "VENUE", "https://foursquare.com/v/brand-x-soho/4bf58dd8d48988d1e0931735")).toEqual(
      ok("4bf58dd8d48988d1e0931735"),
    );
    expect(normalizeSourceValue("FOURSQUARE", "VENUE", "https://evil.example/v/x/4bf58dd8d48988d1e0931735").ok).toBe(false);
  });

  it("the create schema reports the field at fault and returns the stored form", () => {
    const good = ZSourceCreate.parse({ network: "TWITTER", kind: "HASHTAG", value: "BrandX" });
    expect(good).toMatchObject({ value: "#brandx", enabled: true });
    const wrongKind = ZSourceCreate.safeParse({ network: "FOURSQUARE", kind: "KEYWORD", value: "coffee" });
    expect(wrongKind.success).toBe(false);
    expect(wrongKind.error?.issues).toEqual([expect.objectContaining({ path: ["kind"], message: "FOURSQUARE sources are VENUE" })]);
    const badValue = ZSourceCreate.safeParse({ network: "TWITTER", kind: "HANDLE", value: "not a handle" });
    expect(badValue.error?.issues).toEqual([expect.objectContaining({ path: ["value"], message: expect.stringMatching(/1 to 15/) })]);
    expect(ZSourceCreate.safeParse({ network: "TWITTER", kind: "KEYWORD", value: "ok", extra: 1 }).success).toBe(false);
  });
});

const src = (id: string, kind: SearchTermSource["kind"], value: string, extra: Partial<SearchTermSource> = {}): SearchTermSource => ({
  id,
  network: kind === "VENUE" ? "FOURSQUARE" : "TWITTER",
  kind,
  value,
  enabled: true,
  ...extra,
});

describe("buildSearchQuery", () => {
  it("quotes keywords as exact phrases and joins terms with OR, without -is:retweet", () => {
    const queries = buildSearchQuery([src("s1", "KEYWORD", "brand x coffee"), src("s2", "HASHTAG", "#brandx"), src("s3", "HANDLE", "@brandx")]);
    expect(queries).toEqual([{ query: '"brand x coffee" OR #brandx OR @brandx', sourceIds: ["s1", "s2", "s3"] }]);
    expect(queries[0]?.query).not.toContain("is:retweet");
  });

  it("quotes single-word keywords too, so a keyword can never act as an operator", () => {
    expect(searchTerm({ network: "TWITTER", kind: "KEYWORD", value: "from:jane" })).toBe('"from:jane"');
    expect(buildSearchQuery([src("s1", "KEYWORD", "-coffee")])[0]?.query).toBe('"-coffee"');
  });

  it("leaves out disabled sources, Foursquare venues, and repeats a shared term once", () => {
    const queries = buildSearchQuery([
      src("s1", "HASHTAG", "#brandx"),
      src("s2", "HASHTAG", "#off", { enabled: false }),
      src("s3", "VENUE", "4bf58dd8d48988d1e0931735"),
      src("s4", "HASHTAG", "#brandx"),
    ]);
    expect(queries).toEqual([{ query: "#brandx", sourceIds: ["s1", "s4"] }]);
    expect(buildSearchQuery([])).toEqual([]);
    expect(buildSearchQuery([src("s2", "HASHTAG", "#off", { enabled: false })])).toEqual([]);
  });

  it("splits into several queries of at most 512 characters, in order, losing no term", () => {
    const sources = Array.from({ length: 60 }, (_, i) => src(`s${i}`, "KEYWORD", `keyword number ${String(i).padStart(2, "0")} x`));
    const queries = buildSearchQuery(sources);
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) expect(q.query.length).toBeLessThanOrEqual(512);
    // every query but the last is full: the next term would not have fitted
    for (let i = 0; i < queries.length - 1; i++) {
      const nextTerm = `"${sources.find((s) => s.id === queries[i + 1]!.sourceIds[0])!.value}"`;
      expect(queries[i]!.query.length + " OR ".length + nextTerm.length).toBeGreaterThan(512);
    }
    expect(queries.flatMap((q) => q.sourceIds)).toEqual(sources.map((s) => s.id));
    const terms = queries.flatMap((q) => q.query.split(" OR "));
    expect(terms).toEqual(sources.map((s) => `"${s.value}"`));
  });

  it("fits exactly at the limit and splits one character past it", () => {
    const a = src("a", "HASHTAG", `#${"a".repeat(9)}`); // 10 chars
    const b = src("b", "HASHTAG", `#${"b".repeat(9)}`);
    expect(buildSearchQuery([a, b], 24)).toHaveLength(1); // 10 + 4 + 10
    expect(buildSearchQuery([a, b], 23)).toEqual([
      { query: a.value, sourceIds: ["a"] },
      { query: b.value, sourceIds: ["b"] },
    ]);
  });

  it("adding a source at the end keeps the earlier queries unchanged", () => {
    const sources = Array.from({ length: 40 }, (_, i) => src(`s${i}`, "HASHTAG", `#brandcampaign${i}`));
    const before = buildSearchQuery(sources);
    const after = buildSearchQuery([...sources, src("new", "HANDLE", "@newcomer")]);
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
  });
});
