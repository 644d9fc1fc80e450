import { createHmac, timingSafeEqual } from "node:crypto";
import type { TenantScope } from "../../auth/tenant-context";
import { getEnv } from "../../env";
import { ZUnsubscribeKind, type UnsubscribeKind } from "./notification.schemas";

/**
 * The token of an unsubscribe link: `<customer id>.<kind>.<HMAC>`. Keyed with the app's secret and
 * bound to the brand, the customer and the kind, so nobody can write one for another customer,
 * brand or kind; no sign-in is needed to use it (RFC 8058 one-click comes from the mail provider).
 * It does not expire: an old email's link keeps working, which is what the law asks of it.
 */
function mac(scope: Pick<TenantScope, "tenantId">, customerId: string, kind: UnsubscribeKind): string {
  return createHmac("sha256", getEnv().NEXTAUTH_SECRET).update(`notification-unsubscribe|${scope.tenantId}|${customerId}|${kind}`).digest("base64url");
}

export function unsubscribeToken(scope: Pick<TenantScope, "tenantId">, customerId: string, kind: UnsubscribeKind): string {
  return `${customerId}.${kind}.${mac(scope, customerId, kind)}`;
}

const SHAPE = /^(cus_[0-9a-f]{8,64})\.([a-z]{2,12})\.([A-Za-z0-9_-]{43})$/;

/** The customer and kind a token names, or null for anything not signed by us for this brand. */
export function readUnsubscribeToken(scope: Pick<TenantScope, "tenantId">, token: string): { customerId: string; kind: UnsubscribeKind } | null {
  const parts = SHAPE.exec(token);
  const kind = ZUnsubscribeKind.safeParse(parts?.[2]);
  if (!parts || !kind.success) return null;
  const expected = Buffer.from(mac(scope, parts[1]!, kind.data));
  const given = Buffer.from(parts[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { customerId: parts[1]!, kind: kind.data } : null;
}

export function unsubscribeUrls(scope: TenantScope, customerId: string, kind: UnsubscribeKind): { page: string; oneClick: string } {
  const page = new URL(`/r/${scope.tenantSlug}/unsubscribe/${unsubscribeToken(scope, customerId, kind)}`, getEnv().APP_URL).toString();
  return { page, oneClick: `${page}/one-click` };
}
