import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { promises as dns } from "node:dns";
import { BlockList, isIP } from "node:net";
import { getEnv } from "../../env";
import { AppError } from "../../errors";

/**
 * Where a brand may point a webhook. A webhook makes our worker send requests to an address the
 * brand chose, so an address inside our own network (loopback, private, link-local such as cloud
 * metadata at 169.254.169.254, carrier-grade NAT, unique-local, multicast, unspecified) is refused
 * unless the operator sets WEBHOOK_ALLOW_PRIVATE_TARGETS (a self-hosted install delivering to its
 * own LAN; the tests). The check runs when the URL is saved AND on every connection (the lookup
 * below), so a name that later resolves somewhere private (DNS rebinding) is refused at delivery.
 */
const BLOCKED = (() => {
  const list = new BlockList();
  for (const [net, bits] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const)
    list.addSubnet(net, bits, "ipv4");
  for (const [net, bits] of [
    ["::", 128],
    ["::1", 128],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
    ["64:ff9b::", 96],
    ["2001:db8::", 32],
  ] as const)
    list.addSubnet(net, bits, "ipv6");
  return list;
})();

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, "ipv4");
    return BLOCKED.check(address, "ipv6");
  }
  return BLOCKED.check(address, "ipv4");
}

const privateAllowed = () => getEnv().WEBHOOK_ALLOW_PRIVATE_TARGETS;

/** The URL's shape: https (http only outside production), no credentials, a host; returns it normalised. */
export function checkWebhookUrlShape(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError("VALIDATION_FAILED", "the endpoint URL is not a valid URL", {
      issues: [{ path: "url", message: "Enter a full URL, e.g. https://example.com/hooks/megaphone" }],
    });
  }
  // Plain http only in development and tests, or to an address inside the operator's own network
  // when the operator allows those (TLS there is the operator's call); anything public needs https.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const ownNetwork = privateAllowed() && (host === "localhost" || (isIP(host) !== 0 && isBlockedAddress(host)));
  const httpAllowed = getEnv().NODE_ENV !== "production" || ownNetwork;
  if (url.protocol !== "https:" && !(httpAllowed && url.protocol === "http:")) {
    throw new AppError("VALIDATION_FAILED", "the endpoint URL must use https", { issues: [{ path: "url", message: "The endpoint must use https://" }] });
  }
  if (url.username || url.password) {
    throw new AppError("VALIDATION_FAILED", "the endpoint URL may not carry a user name or password", {
      issues: [{ path: "url", message: "Remove the user name and password from the URL" }],
    });
  }
  url.hash = "";
  return url;
}

const refused = (host: string) =>
  new AppError("VALIDATION_FAILED", `the endpoint ${host} is a private, loopback or link-local address`, {
    issues: [{ path: "url", message: "This address is inside a private network (loopback, private, link-local): webhooks can only go to public addresses" }],
  });

/** At save time: the shape, then every address the host resolves to must be public. */
export async function assertDeliverableUrl(raw: string): Promise<URL> {
  const url = checkWebhookUrlShape(raw);
  if (privateAllowed()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) throw refused(host);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new AppError("VALIDATION_FAILED", `the endpoint host ${host} does not resolve`, {
        issues: [{ path: "url", message: "This host name does not resolve: check the spelling" }],
      });
    }
  }
  if (addresses.length === 0 || addresses.some(isBlockedAddress)) throw refused(host);
  return url;
}

/** Node connects to an IP literal without any lookup: such hosts are checked here, before connecting. */
export function refusedLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return !privateAllowed() && isIP(host) !== 0 && isBlockedAddress(host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The connection-time check: a `lookup` for http.request that refuses private answers. */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses;
    if (!privateAllowed() && (list.length === 0 || list.some((a) => isBlockedAddress(a.address)))) {
      const blocked = Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: "EPRIVATEADDRESS" });
      return callback(blocked, []);
    }
    const wantsAll = (options as { all?: boolean }).all === true;
    if (wantsAll) return callback(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
}
