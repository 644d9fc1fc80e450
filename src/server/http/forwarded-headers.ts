import { fromTrustedProxy } from "./client-ip";

/**
 * Headers that name the host and scheme the client used. Next (server-action Origin check,
 * `x-forwarded-host ??= host`), next-auth (with AUTH_TRUST_HOST) and any absolute URL we build
 * would believe them, so they are kept only when a trusted proxy set them (TRUSTED_PROXIES).
 * X-Forwarded-For is left alone: clientIp() already ignores it from untrusted peers, and
 * isLoopbackRequest() relies on seeing it.
 */
export const HOST_FORWARDING_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"] as const;

/** A copy of `headers` without host-forwarding headers, unless the TCP peer is a trusted proxy. */
export function withoutUntrustedForwarding(headers: Headers): Headers {
  const copy = new Headers(headers);
  if (fromTrustedProxy(headers)) return copy;
  for (const name of HOST_FORWARDING_HEADERS) copy.delete(name);
  return copy;
}
