import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, needsNoStore, newNonce, securityHeaders } from "../../src/server/http/security-headers";

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe("Content-Security-Policy builder", () => {
  it("allows scripts only with the nonce, never 'unsafe-inline' (scripts or styles)", () => {
    const csp = directives(buildContentSecurityPolicy({ nonce: "bm9uY2U=", dev: false, https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("forbids framing, plugins, foreign base URLs and foreign form targets", () => {
    const csp = directives(buildContentSecurityPolicy({ nonce: "abc", dev: false, https: false }));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("adds eval only in development and upgrade-insecure-requests only over https", () => {
    expect(directives(buildContentSecurityPolicy({ nonce: "abc", dev: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(buildContentSecurityPolicy({ nonce: "abc", dev: false, https: false })).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(buildContentSecurityPolicy({ nonce: "abc", dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => buildContentSecurityPolicy({ nonce: "x'; script-src *", dev: false, https: false })).toThrow();
    expect(() => buildContentSecurityPolicy({ nonce: "", dev: false, https: false })).toThrow();
  });

  it("makes a fresh base64 nonce of 128 bits each time", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("security headers per response", () => {
  const base = { nonce: "abc", dev: false };

  it("sends HSTS only when APP_URL is https", () => {
    expect(securityHeaders({ ...base, pathname: "/", appUrl: "http://localhost:3000" })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ ...base, pathname: "/", appUrl: "https://crm.example.com" })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });

  it("always sends nosniff, DENY framing and a referrer policy", () => {
    const headers = securityHeaders({ ...base, pathname: "/", appUrl: "http://localhost:3000" });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Content-Security-Policy"]).toContain("'nonce-abc'");
  });

  it("forbids storing the API, tenant, account and auth answers", () => {
    for (const path of [
      "/api/v1/health",
      "/api/auth/session",
      "/t/acme",
      "/t/acme/customers/cus_1",
      "/account",
      "/account/security",
      "/signin",
      "/signup",
      "/invite/tok",
    ]) {
      expect(needsNoStore(path), path).toBe(true);
      expect(securityHeaders({ ...base, pathname: path, appUrl: "http://x.test" })["Cache-Control"]).toBe("no-store");
    }
    for (const path of ["/", "/tea", "/apiary", "/terms"]) expect(needsNoStore(path), path).toBe(false);
  });

  it("gives uploaded images (/media/) a sandbox policy with no sources instead of the page policy", () => {
    const media = securityHeaders({ ...base, pathname: "/media/ten_1/logo/a.png", appUrl: "http://x.test" });
    expect(media["Content-Security-Policy"]).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(media["X-Content-Type-Options"]).toBe("nosniff");
    expect(media["Cache-Control"]).toBeUndefined();
    expect(securityHeaders({ ...base, pathname: "/mediakit", appUrl: "http://x.test" })["Content-Security-Policy"]).toContain("script-src");
  });

  it("lets pages show images from this origin (the media route), data: and blob: only", () => {
    expect(buildContentSecurityPolicy({ nonce: "bm9uY2U=", dev: false, https: false })).toContain("img-src 'self' data: blob:;");
  });
});
