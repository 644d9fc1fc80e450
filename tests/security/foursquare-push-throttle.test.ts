import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as pushRoute } from "../../src/app/api/webhooks/foursquare/[tenant]/route";
import { PEER_HEADER, installPeerAddressStamp, peerStamp } from "../../src/server/http/peer-address";
import { getLogger } from "../../src/server/logger";
import { saveChannelConnection } from "../../src/server/modules/channels/channel.service";
import { PUSH_FAILURES_PER_IP, PUSH_FAILURES_PER_TENANT } from "../../src/server/pipeline/checkins/push-throttle";
import { createTenantWithMember } from "../integration/support/factories";

const PUSH_SECRET = "throttle-test-push-secret";

/** POST to the push route as Foursquare (or an attacker) would, from the TCP peer `ip`. */
async function push(tenantSlug: string, secret: string, ip: string) {
  const body = new URLSearchParams({
    checkin: JSON.stringify({ id: "5a4d00000000000000000009", createdAt: Math.floor(Date.now() / 1000), type: "checkin" }),
    user: JSON.stringify({ id: "42" }),
    secret,
  }).toString();
  const request = new NextRequest(`http://app.test/api/webhooks/foursquare/${tenantSlug}`, {
    method: "POST",
    // The client claims another address: only the stamped peer counts.
    headers: { "content-type": "application/x-www-form-urlencoded", [PEER_HEADER]: peerStamp(ip), "x-forwarded-for": "192.0.2.1" },
    body,
  });
  const response = await pushRoute(request, { params: Promise.resolve({ tenant: tenantSlug }) });
  return { status: response.status, retryAfter: response.headers.get("retry-after") };
}

async function foursquareTenant() {
  const { ctx } = await createTenantWithMember("OWNER");
  await saveChannelConnection(ctx, {
    network: "FOURSQUARE",
    credentials: { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: PUSH_SECRET },
  });
  return ctx.tenantSlug;
}

beforeAll(() => installPeerAddressStamp());
afterEach(() => vi.restoreAllMocks());

describe("Foursquare push: wrong secrets are throttled and logged", () => {
  it("refuses an IP with 429 and Retry-After after N wrong secrets, even with the right one; other IPs still get through", async () => {
    const slug = await foursquareTenant();
    const n = PUSH_FAILURES_PER_IP.points;
    for (let i = 0; i < n; i++) expect((await push(slug, `guess-${i}`, "203.0.113.5")).status).toBe(401);
    const throttled = await push(slug, `guess-${n}`, "203.0.113.5");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect((await push(slug, PUSH_SECRET, "203.0.113.5")).status).toBe(429);
    // The same IP probing another tenant is throttled too (the count is per IP).
    expect((await push(await foursquareTenant(), "guess", "203.0.113.5")).status).toBe(429);
    expect((await push(slug, PUSH_SECRET, "198.51.100.5")).status).toBe(200);
  });

  it("refuses a tenant with 429 after N wrong secrets from rotating IPs; other tenants are untouched", async () => {
    const slug = await foursquareTenant();
    const other = await foursquareTenant();
    const n = PUSH_FAILURES_PER_TENANT.points;
    for (let i = 0; i < n; i++) expect((await push(slug, `guess-${i}`, `10.1.${Math.floor(i / 200)}.${(i % 200) + 1}`)).status).toBe(401);
    const throttled = await push(slug, PUSH_SECRET, "198.51.100.77");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect((await push(other, PUSH_SECRET, "198.51.100.77")).status).toBe(200);
  });

  it("counts pushes naming unknown tenants against the IP", async () => {
    for (let i = 0; i < PUSH_FAILURES_PER_IP.points; i++) expect((await push(`no-such-tenant-${i}`, "x", "203.0.113.9")).status).toBe(401);
    expect((await push("no-such-tenant-x", "x", "203.0.113.9")).status).toBe(429);
  });

  it("logs each refusal with the tenant slug and the IP, never the presented secret", async () => {
    const warn = vi.spyOn(getLogger(), "warn");
    const slug = await foursquareTenant();
    const presented = "attacker-presented-secret-9f8e7d";
    expect((await push(slug, presented, "203.0.113.44")).status).toBe(401);
    const refusals = warn.mock.calls.filter(([fields]) => (fields as { event?: string }).event === "foursquare.push_refused");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]![0]).toMatchObject({ tenant: slug, ip: "203.0.113.44", reason: "bad secret" });
    expect(JSON.stringify(warn.mock.calls)).not.toContain(presented);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(PUSH_SECRET);
  });
});
