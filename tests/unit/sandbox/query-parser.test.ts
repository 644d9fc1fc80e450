import { describe, expect, it } from "vitest";
import { QuerySyntaxError, parseQuery, type QueryNode } from "@/sandbox/twitter/query-parser";

/** Compact rendering of the AST so precedence is visible in assertions. */
function show(n: QueryNode): string {
  switch (n.type) {
    case "term":
      return n.kind === "operator" ? `${n.op}:${n.value}` : `${n.kind}(${n.value})`;
    case "not":
      return `NOT ${show(n.child)}`;
    case "and":
    case "or":
      return `${n.type.toUpperCase()}[${n.children.map(show).join(", ")}]`;
  }
}

function errorOf(q: string): string {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e.message;
    throw e;
  }
  throw new Error(`expected ${q} to be rejected`);
}

describe("parseQuery", () => {
  it("binds AND tighter than OR, as X documents (apple OR iphone ipad)", () => {
    expect(show(parseQuery("apple OR iphone ipad"))).toBe("OR[keyword(apple), AND[keyword(iphone), keyword(ipad)]]");
  });

  it("parses phrases, hashtags, mentions, cashtags, operators, grouping and negation", () => {
    expect(show(parseQuery('(@BrandX OR #brandx OR "brand x") -is:retweet lang:en from:jane $BRX'))).toBe(
      "AND[OR[mention(BrandX), hashtag(brandx), phrase(brand x)], NOT is:retweet, lang:en, from:jane, cashtag(BRX)]",
    );
  });

  it("treats lowercase 'or' as a keyword and uppercase OR as the operator", () => {
    expect(show(parseQuery("coffee or tea"))).toBe("AND[keyword(coffee), keyword(or), keyword(tea)]");
  });

  it("reports a missing closing parenthesis with its position", () => {
    expect(errorOf("(coffee OR tea")).toBe("There were errors processing your request: Missing closing parenthesis (at position 1)");
  });

  it("reports a stray closing parenthesis as X does", () => {
    expect(errorOf("coffee)")).toBe("There were errors processing your request: missing EOF at ')' (at position 7)");
  });

  it("refuses is:/has:/lang: on their own, also inside an OR branch", () => {
    expect(errorOf("has:links")).toContain("is/has/lang cannot be used as a standalone operator (at position 1)");
    expect(errorOf("coffee OR lang:en")).toContain("is/has/lang cannot be used as a standalone operator (at position 11)");
    expect(() => parseQuery("coffee lang:en has:links")).not.toThrow();
  });

  it("refuses unknown operators and unknown is:/has: values", () => {
    expect(errorOf("coffee filter:replies")).toContain("Reference to invalid operator 'filter'");
    expect(errorOf("coffee is:polls")).toContain("Reference to invalid operator 'is:polls'");
  });

  it("requires a positive, non-stopword clause", () => {
    expect(errorOf("-coffee")).toContain("Rules must contain at least one positive, non-stopword clause");
    expect(errorOf("a")).toContain("Rules must contain at least one positive, non-stopword clause");
  });

  it("flags 'and' as ambiguous and rejects single quotes and brackets", () => {
    expect(errorOf("coffee and tea")).toContain("Ambiguous use of and as a keyword");
    expect(errorOf("'coffee'")).toContain("no viable alternative at character '''");
    expect(errorOf("[coffee]")).toContain("no viable alternative at input '['");
    expect(errorOf("coffee OR")).toContain("no viable alternative at input '<EOF>'");
  });
});

describe("quoted operator values", () => {
  it.each([
    ['place:"new york city"', "place:new york city"],
    ['entity:"Michael Jordan"', "entity:Michael Jordan"],
    ['brandx -place:"new york city"', "AND[keyword(brandx), NOT place:new york city]"],
    ['(entity:"Michael Jordan" OR from:jane) lang:en', "AND[OR[entity:Michael Jordan, from:jane], lang:en]"],
  ])("parses %s", (q, expected) => {
    expect(show(parseQuery(q))).toBe(expected);
  });

  it("still rejects an unterminated quoted value", () => {
    expect(errorOf('place:"new york')).toContain("no viable alternative");
  });
});
