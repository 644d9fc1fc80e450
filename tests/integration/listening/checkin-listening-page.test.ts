// Settings → Listening shows check-in listening: the tenant's push URL, and each linked Foursquare
// account's polling state. Server-rendered as members see it; only the session lookup is replaced.
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../../src/server/http/session";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const { default: ListeningPage } = await import("../../../src/app/t/[tenant]/settings/listening/page");
const { getDb } = await import("../../../src/server/db/client");
const { getEnv } = await import("../../../src/server/env");
const { saveChannelConnection } = await import("../../../src/server/modules/channels/channel.service");
const { createLocation } = await import("../../../src/server/modules/listening/location.service");
const { linkSocialProfile } = await import("../../../src/server/modules/mentions/prospects/link-social-profile");
const { storeProfileTokens } = await import("../../../src/server/modules/social-profiles/profile-tokens");
const { getCheckinListening } = await import("../../../src/server/pipeline/checkins/checkin-status.service");

type Page = (props: { params: Promise<{ tenant: string }> }) => Promise<ReactElement>;
const render = async (slug: string) => renderToString(createElement("div", null, await (ListeningPage as Page)({ params: Promise.resolve({ tenant: slug }) })));
const signIn = (member: { user: { id: string; email: string; name: string } }) => {
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name };
};

const TOKEN = "SWARMACCESSTOKEN0000000000000000000000000000000";
const FSQ = { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: "megaphone-dev-push-secret" };

beforeEach(() => {
  session.user = null;
});

describe("check-in listening on the listening settings page", () => {
  it("tells an admin with nothing set up what is missing", async () => {
    const admin = await createTenantWithMember("ADMIN");
    signIn(admin);
    const html = await render(admin.ctx.tenantSlug);
    expect(html).toContain("Foursquare check-ins");
    expect(html).toContain(`${new URL(getEnv().APP_URL).origin}/api/webhooks/foursquare/${admin.ctx.tenantSlug}`);
    expect(html).toContain("No Foursquare credentials");
    expect(html).toContain("No venue tracked yet");
    expect(html).toContain("No customer has linked a Foursquare account yet.");
    // Venues are tracked as locations, not offered as a listening source any more.
    expect(html).not.toContain("FOURSQUARE:VENUE");
  });

  it("lists linked accounts with their polling state, to viewers too, and never a token", async () => {
    const owner = await createTenantWithMember("OWNER");
    const { ctx } = owner;
    await saveChannelConnection(ctx, { network: "FOURSQUARE", credentials: FSQ });
    await createLocation(ctx, { name: "Soho", foursquareVenueId: "4bf58dd8d48988d1e0931735" });
    const link = async (externalUserId: string, name: string) => {
      const customer = await makeCustomer(ctx, { displayName: name });
      const { socialProfile } = await linkSocialProfile(ctx, {
        customerId: customer.id,
        network: "FOURSQUARE",
        externalUserId,
        handle: `swarm.${externalUserId}`,
        consent: { scopes: [], allowPosting: false, policyVersion: "test-1" },
      });
      await getDb().$transaction((tx) =>
        storeProfileTokens(tx, ctx, socialProfile.id, { accessToken: TOKEN, refreshToken: null, expiresAt: null, scopes: [] }),
      );
      return socialProfile.id;
    };
    const polled = await link("48000101", "Polly Polled");
    const refused = await link("48000102", "Rhea Refused");
    await getDb().socialProfile.updateMany({
      where: { tenantId: ctx.tenantId, id: polled },
      data: {
        checkinSyncStatus: "THROTTLED",
        checkinThrottleCount: 2,
        checkinLastError: "rate limited until 2026-11-22T13:00:00.000Z",
        checkinCursor: new Date("2026-11-22T11:58:00Z"),
      },
    });
    await getDb().socialProfile.updateMany({
      where: { tenantId: ctx.tenantId, id: refused },
      data: {
        status: "NEEDS_RECONNECT",
        checkinSyncStatus: "NEEDS_RECONNECT",
        checkinLastError: "Foursquare 401 invalid_auth: OAuth token invalid or revoked.",
      },
    });

    const viewer = await addMember(ctx, "VIEWER");
    signIn(viewer);
    const html = await render(ctx.tenantSlug);
    expect(html).toContain("Polly Polled");
    expect(html).toContain("Rate limited");
    expect(html).toContain("2×");
    expect(html).toContain("Nov 22, 2026, 11:58 AM UTC");
    expect(html).toContain("Rhea Refused");
    expect(html).toContain("Customer must link again");
    expect(html).toContain("OAuth token invalid or revoked.");
    expect(html).not.toContain("No Foursquare credentials");
    expect(html).not.toContain("No venue tracked yet");
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(FSQ.pushSecret);

    const dto = await getCheckinListening(viewer.ctx);
    expect(dto).toMatchObject({ connected: true, trackedVenues: 1, truncated: false });
    expect(dto.profiles.map((p) => [p.customerName, p.profileStatus, p.syncStatus])).toEqual(
      expect.arrayContaining([
        ["Polly Polled", "ACTIVE", "THROTTLED"],
        ["Rhea Refused", "NEEDS_RECONNECT", "NEEDS_RECONNECT"],
      ]),
    );
  });

  it("shows another tenant's accounts to no one", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(a.ctx, { displayName: "Only In A" });
    await linkSocialProfile(a.ctx, {
      customerId: customer.id,
      network: "FOURSQUARE",
      externalUserId: "48000201",
      handle: "swarm.a",
      consent: { scopes: [], allowPosting: false, policyVersion: "test-1" },
    });
    expect((await getCheckinListening(b.ctx)).profiles).toEqual([]);
    signIn(b);
    expect(await render(b.ctx.tenantSlug)).not.toContain("Only In A");
  });
});
