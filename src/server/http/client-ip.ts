import { BlockList, isIP } from "node:net";
import { getEnv } from "../env";
import { PEER_HEADER, readPeerStamp } from "./peer-address";

/** Anything with a case-insensitive `get`, or a plain header record (next-auth's `req.headers`). */
export type HeaderSource = Headers | { get(name: string): string | null } | Record<string, unknown> | undefined;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (typeof (source as Headers).get === "function") return (source as Headers).get(name) ?? undefined;
  const value = (source as Record<string, unknown>)[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value.join(",");
  return undefined;
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) is the IPv4 address: proxies and sockets mix the two. */
function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

let trusted: { source: string; list: BlockList } | undefined;

function trustedProxies(): BlockList {
  const entries = getEnv().TRUSTED_PROXIES ?? [];
  const source = entries.join(",");
  if (trusted?.source === source) return trusted.list;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const ip = normalize(address ?? "");
    const family = isIP(ip);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  trusted = { source, list };
  return list;
}

function isTrusted(address: string): boolean {
  const ip = normalize(address);
  const family = isIP(ip);
  return family !== 0 && trustedProxies().check(ip, family === 6 ? "ipv6" : "ipv4");
}

/** The TCP peer of this request, when this process stamped it (see peer-address.ts). */
export function peerAddress(headers: HeaderSource): string | undefined {
  const peer = readPeerStamp(header(headers, PEER_HEADER));
  return peer ? normalize(peer) : undefined;
}

/** Whether forwarded headers on this request were set by a proxy we trust. */
export function fromTrustedProxy(headers: HeaderSource): boolean {
  const peer = peerAddress(headers);
  return peer !== undefined && isTrusted(peer);
}

/**
 * The client's IP: the TCP peer, unless the peer is a configured proxy; then X-Forwarded-For is
 * read from the right, skipping our own proxies, and the first address they did not add is the
 * client. A client-sent X-Forwarded-For is never believed on its own. "unknown" when the
 * process cannot see its peers (callers still rate-limit per account).
 */
export function clientIp(headers: HeaderSource): string {
  const peer = peerAddress(headers);
  if (!peer) return "unknown";
  if (!isTrusted(peer)) return peer;
  const hops = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}

function isLoopbackAddress(address: string): boolean {
  return address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);
}

/**
 * Whether the request came over loopback (the TCP peer is 127.0.0.0/8 or ::1) with no proxy
 * forwarding someone else. Next fills X-Forwarded-For with the peer itself when it is absent, so
 * loopback hops there are expected; any other hop means a local reverse proxy is relaying a
 * visitor from elsewhere, who is not a loopback visitor.
 */
export function isLoopbackRequest(headers: HeaderSource): boolean {
  const peer = peerAddress(headers);
  if (!peer || !isLoopbackAddress(peer)) return false;
  if (header(headers, "forwarded")) return false;
  const hops = (header(headers, "x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  return hops.every(isLoopbackAddress);
}

/** Test hook: TRUSTED_PROXIES is re-read after resetEnvCache(). */
export function resetTrustedProxies(): void {
  trusted = undefined;
}
