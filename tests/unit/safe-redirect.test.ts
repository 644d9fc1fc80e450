import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../src/server/http/safe-redirect";

const ORIGIN = "https://app.megaphone.test";
const check = (value: unknown) => safeRedirectPath(value, ORIGIN, "/fallback");

/**
 * Known open-redirect bypasses: each must land on the fallback, never on another host, and never
 * produce a value that a browser or a Location header would read differently from us.
 */
const HOSTILE = [
  // The reported case: a tab (and CR/LF) inside "//", which browsers strip before navigating.
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r/evil.example/",
  "/\r\n/evil.example",
  "/%09/evil.example/",
  "/%0A/evil.example/",
  "/%0D/evil.example/",
  "/%0a",
  "/%0d%0aSet-Cookie:%20x=1",
  "/t/acme%0D%0ALocation:%20https://evil.example",
  "/%2509/evil.example/", // double-encoded tab
  "/%250A",
  "/%25250D",
  "/\u0000/evil.example",
  "/%00",
  "/%7F",
  "/\u2028/evil.example",
  "/%C2%85", // NEL, a C1 control
  "/\u0085",
  // Protocol-relative and backslash variants.
  "//evil.example",
  "//evil.example/%2F..",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "\\/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%252F/evil.example",
  // Dot segments that collapse into "//host" after parsing.
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2E//evil.example",
  // Other origins, schemes and shapes.
  "https://evil.example/",
  "http://evil.example",
  "https://app.megaphone.test.evil.example/",
  "https://app.megaphone.test@evil.example/",
  "https:evil.example",
  "https:/evil.example",
  "http://app.megaphone.test/", // same host, other scheme: another origin
  "https://app.megaphone.test:444/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.domain)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "t/acme",
  "%2F%2Fevil.example",
  " /t/acme",
  "",
  `/${"a".repeat(3000)}`,
  undefined,
  null,
  42,
  ["/t/acme"],
];

describe("safeRedirectPath", () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value)?.slice(0, 60) ?? String(value), value]))("refuses %s", (_label, value) => {
    expect(check(value)).toBe("/fallback");
  });

  it("keeps a deep link's path, query and hash", () => {
    expect(check("/t/acme/rules?page=2")).toBe("/t/acme/rules?page=2");
    expect(check("/t/acme/settings/rules?page=2&sort=name#top")).toBe("/t/acme/settings/rules?page=2&sort=name#top");
    expect(check("/invite/tok_abc123")).toBe("/invite/tok_abc123");
    expect(check("/")).toBe("/");
  });

  it("keeps escaped text that decodes to nothing dangerous", () => {
    expect(check("/t/acme/customers?q=caf%C3%A9%20latte")).toBe("/t/acme/customers?q=caf%C3%A9%20latte");
    expect(check("/t/acme/customers?q=50%25")).toBe("/t/acme/customers?q=50%25");
    expect(check("/t/acme/customers?q=100%")).toBe("/t/acme/customers?q=100%");
  });

  it("turns an absolute URL on our own origin into its path", () => {
    expect(check("https://app.megaphone.test/t/acme?page=2")).toBe("/t/acme?page=2");
    expect(check("HTTPS://APP.MEGAPHONE.TEST/t/acme")).toBe("/t/acme");
    expect(check("https://app.megaphone.test:443/t/acme")).toBe("/t/acme");
  });

  it("normalises dot segments and returns only what the URL parser would navigate to", () => {
    expect(check("/t/acme/../other/./rules")).toBe("/t/other/rules");
    expect(check("/t/acme/rules?x=<script>")).toBe("/t/acme/rules?x=%3Cscript%3E");
  });

  it("never returns something another origin could be read from", () => {
    for (const value of HOSTILE) {
      const result = safeRedirectPath(value, ORIGIN);
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
      expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
      expect(/[\u0000-\u001f\u007f\\]/.test(result)).toBe(false);
    }
  });
});
