import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { clientIp, fromTrustedProxy, isLoopbackRequest, peerAddress, resetTrustedProxies } from "../../src/server/http/client-ip";
import { installPeerAddressStamp, PEER_HEADER, peerStamp } from "../../src/server/http/peer-address";
import { resetEnvCache } from "../../src/server/env";

/** Headers as the stamped server would hand them on, for a request from `peer`. */
function from(peer: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [PEER_HEADER]: peerStamp(peer) };
}

function trust(list: string): void {
  vi.stubEnv("TRUSTED_PROXIES", list);
  resetEnvCache();
  resetTrustedProxies();
}

beforeAll(() => installPeerAddressStamp());

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
  resetTrustedProxies();
});

describe("clientIp", () => {
  it("is the TCP peer, whatever X-Forwarded-For the client sends, when no proxy is trusted", () => {
    trust("");
    expect(clientIp(from("198.51.100.7", { "x-forwarded-for": "1.2.3.4" }))).toBe("198.51.100.7");
    expect(clientIp(from("198.51.100.7", { "x-forwarded-for": "1.2.3.4, 5.6.7.8" }))).toBe("198.51.100.7");
    expect(fromTrustedProxy(from("198.51.100.7", { "x-forwarded-for": "1.2.3.4" }))).toBe(false);
  });

  it("reads an IPv4-mapped IPv6 peer as its IPv4 address, for the answer and for the trust check", () => {
    trust("10.0.0.0/8");
    expect(clientIp(from("::ffff:198.51.100.7"))).toBe("198.51.100.7");
    expect(clientIp(from("::ffff:10.1.2.3", { "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(from("[::ffff:10.1.2.3]", { "x-forwarded-for": "::ffff:203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("believes X-Forwarded-For only from a peer inside TRUSTED_PROXIES (addresses and CIDRs, v4 and v6)", () => {
    trust("10.0.0.0/8, 192.168.1.1, fd00::/8");
    expect(clientIp(from("10.200.0.1", { "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(from("192.168.1.1", { "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(from("192.168.1.2", { "x-forwarded-for": "203.0.113.9" }))).toBe("192.168.1.2");
    expect(clientIp(from("fd12::1", { "x-forwarded-for": "2001:db8::5" }))).toBe("2001:db8::5");
    expect(clientIp(from("fe80::1", { "x-forwarded-for": "2001:db8::5" }))).toBe("fe80::1");
    expect(fromTrustedProxy(from("10.200.0.1"))).toBe(true);
  });

  it("takes the right-most hop our proxies did not add, so hops spoofed by the client are skipped", () => {
    trust("10.0.0.0/8");
    // The client sent "1.1.1.1, 2.2.2.2"; our edge proxy appended the address it saw (203.0.113.9),
    // then an inner proxy (10.0.0.5) appended the edge (10.0.0.4).
    expect(clientIp(from("10.0.0.5", { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.9, 10.0.0.4" }))).toBe("203.0.113.9");
    // Garbage hops are not addresses; only real ones count.
    expect(clientIp(from("10.0.0.5", { "x-forwarded-for": "1.1.1.1, not-an-ip, 203.0.113.9" }))).toBe("203.0.113.9");
    // A trusted proxy that forwarded nothing usable: the proxy itself.
    expect(clientIp(from("10.0.0.5", { "x-forwarded-for": "bogus" }))).toBe("10.0.0.5");
    // Only our own proxies in the chain: the left-most of them.
    expect(clientIp(from("10.0.0.5", { "x-forwarded-for": "10.0.0.9, 10.0.0.4" }))).toBe("10.0.0.9");
  });

  it("knows no client without a stamp this process made: a client-sent peer header is not believed", () => {
    trust("10.0.0.0/8");
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" })).toBe("unknown");
    expect(clientIp({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "203.0.113.9" })).toBe("unknown");
    expect(clientIp({ [PEER_HEADER]: "forged-proof 10.0.0.5", "x-forwarded-for": "203.0.113.9" })).toBe("unknown");
    expect(peerAddress({ [PEER_HEADER]: "127.0.0.1" })).toBeUndefined();
    expect(isLoopbackRequest({ [PEER_HEADER]: "forged 127.0.0.1" })).toBe(false);
  });

  it("reads Headers objects and next-auth's plain header records alike", () => {
    trust("");
    expect(clientIp(new Headers(from("198.51.100.7")))).toBe("198.51.100.7");
    expect(clientIp(undefined)).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address", () => {
    trust("10.0.0.0/8, proxy.internal");
    expect(() => clientIp(from("10.0.0.5"))).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("the peer stamp on a real http.Server", () => {
  let server: http.Server;
  let seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("replaces a client-sent peer header with the socket's address, and a loopback visitor is recognised", async () => {
    trust("");
    seen = [];
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "x 10.9.9.9", "x-forwarded-for": "10.9.9.9" } });
    await fetch(`http://127.0.0.1:${port}/`);
    expect(seen).toHaveLength(2);
    expect(clientIp(seen[0])).toBe("127.0.0.1");
    expect(isLoopbackRequest(seen[0])).toBe(false); // it came with a forwarded header
    expect(isLoopbackRequest(seen[1])).toBe(true);
  });
});
