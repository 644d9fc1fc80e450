import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { proxy } from "../../src/proxy";
import { resetEnvCache } from "../../src/server/env";
import { resetTrustedProxies } from "../../src/server/http/client-ip";
import { installPeerAddressStamp, PEER_HEADER, peerStamp } from "../../src/server/http/peer-address";

// What src/proxy.ts hands on to Next: NextResponse.next({ request: { headers } }) encodes the
// request headers Next will use as x-middleware-override-headers + x-middleware-request-<name>.
function forwarded(response: Response) {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",");
  return (name: string) => (names.includes(name) ? response.headers.get(`x-middleware-request-${name}`) : null);
}

function request(path: string, headers: Record<string, string>) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, { headers });
}

function withTrustedProxies(value: string | undefined) {
  if (value === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = value;
  resetEnvCache();
  resetTrustedProxies();
}

describe("proxy", () => {
  beforeAll(() => installPeerAddressStamp());
  afterEach(() => withTrustedProxies(undefined));

  it("puts a fresh nonce in the request's and the response's CSP", async () => {
    const first = await proxy(request("/t/acme", {}));
    const second = await proxy(request("/t/acme", {}));
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(first)).toBeTruthy();
    expect(nonce(first)).not.toBe(nonce(second));
    expect(forwarded(first)("content-security-policy")).toBe(first.headers.get("content-security-policy"));
  });

  it("replaces a client-sent CSP request header (Next would take its nonce)", async () => {
    const response = await proxy(request("/", { "content-security-policy": "script-src 'nonce-attacker'" }));
    expect(forwarded(response)("content-security-policy")).not.toContain("attacker");
  });

  it("drops X-Forwarded-Host/-Proto/-Port from a peer that is not a trusted proxy", async () => {
    withTrustedProxies("10.0.0.1");
    const response = await proxy(
      request("/api/auth/signin", {
        [PEER_HEADER]: peerStamp("203.0.113.9"),
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        "x-forwarded-port": "443",
      }),
    );
    const get = forwarded(response);
    expect(get("x-forwarded-host")).toBeNull();
    expect(get("x-forwarded-proto")).toBeNull();
    expect(get("x-forwarded-port")).toBeNull();
    expect(get(PEER_HEADER)).toBe(peerStamp("203.0.113.9"));
  });

  it("drops them when the request carries no peer stamp", async () => {
    const response = await proxy(request("/", { "x-forwarded-host": "evil.example" }));
    expect(forwarded(response)("x-forwarded-host")).toBeNull();
  });

  it("keeps them from a trusted proxy", async () => {
    withTrustedProxies("10.0.0.0/8");
    const response = await proxy(request("/", { [PEER_HEADER]: peerStamp("10.1.2.3"), "x-forwarded-host": "crm.example.com", "x-forwarded-proto": "https" }));
    expect(forwarded(response)("x-forwarded-host")).toBe("crm.example.com");
    expect(forwarded(response)("x-forwarded-proto")).toBe("https");
  });

  it("passes the asked-for path and query on, so sign-in can lead back to it", async () => {
    const response = await proxy(request("/t/acme/settings/rules?page=2", {}));
    expect(forwarded(response)("x-megaphone-request-path")).toBe("/t/acme/settings/rules?page=2");
  });

  it("answers a foreign-Origin server action itself with a 403 problem that keeps the security headers", async () => {
    const response = await proxy(
      new NextRequest("http://127.0.0.1:3000/t/acme/customers/new", {
        method: "POST",
        headers: { origin: "http://evil.example", "next-action": "abc", "content-type": "text/plain;charset=UTF-8" },
        body: "[]",
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("marks API and tenant answers no-store", async () => {
    expect((await proxy(request("/api/v1/health", {}))).headers.get("cache-control")).toBe("no-store");
    expect((await proxy(request("/t/acme", {}))).headers.get("cache-control")).toBe("no-store");
  });
});
