// Server-renders the settings pages (listening, channels, queues, settings landing) as a member
// of each role would see them; only the next-auth session lookup is replaced.
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../../src/server/http/session";
import { addMember, createTenantWithMember } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const { default: ListeningPage } = await import("../../../src/app/t/[tenant]/settings/listening/page");
const { default: ChannelsPage } = await import("../../../src/app/t/[tenant]/settings/channels/page");
const { default: QueuesPage } = await import("../../../src/app/t/[tenant]/settings/queues/page");
const { default: SettingsPage } = await import("../../../src/app/t/[tenant]/settings/page");
const { saveChannelConnection } = await import("../../../src/server/modules/channels/channel.service");
const { createSource } = await import("../../../src/server/modules/listening/source.service");
const { markSourceNeedsReconnect } = await import("../../../src/server/modules/listening/source-sync");
const { createLocation } = await import("../../../src/server/modules/listening/location.service");
const { saveChannelAction } = await import("../../../src/app/t/[tenant]/settings/channels/actions");
const { createSourceAction } = await import("../../../src/app/t/[tenant]/settings/listening/actions");

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const BEARER = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";
const FSQ = { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: "megaphone-dev-push-secret" };

type Page = (props: { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string>> }) => Promise<ReactElement>;

async function render(page: Page, slug: string, query: Record<string, string> = {}): Promise<string> {
  const element = await page({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve(query) });
  return renderToString(createElement("div", null, element));
}

function signIn(member: { user: { id: string; email: string; name: string } }) {
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name };
}

beforeEach(() => {
  session.user = null;
});

describe("settings pages", () => {
  it("channels: a masked hint and empty password inputs for admins, no forms for viewers, never a secret", async () => {
    const owner = await createTenantWithMember("ADMIN");
    await saveChannelConnection(owner.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    await saveChannelConnection(owner.ctx, { network: "FOURSQUARE", credentials: FSQ });
    signIn(owner);
    const html = await render(ChannelsPage, owner.ctx.tenantSlug);
    expect(html).toContain("bearer …0000");
    expect(html).toContain("docs/sandbox.md");
    expect(html).toContain("Save bearer token");
    const passwords = html.match(/<input[^>]*type="password"[^>]*>/g) ?? [];
    expect(passwords.length).toBe(4); // bearer, X client secret, Foursquare client secret, push secret
    for (const input of passwords) expect(input).not.toMatch(/\bvalue=/);
    for (const secret of [BEARER, FSQ.clientSecret, FSQ.pushSecret, "MegaphoneSandboxDevBearerToken"]) expect(html).not.toContain(secret);

    const viewer = await addMember(owner.ctx, "VIEWER");
    signIn(viewer);
    const viewerHtml = await render(ChannelsPage, owner.ctx.tenantSlug);
    expect(viewerHtml).toContain("bearer …0000");
    expect(viewerHtml).not.toContain("Save bearer token");
    expect(viewerHtml).not.toContain('type="password"');
    expect(viewerHtml).toContain("Only admins and the owner can change credentials.");
    expect(viewerHtml).toContain("Only admins and the owner can connect or disconnect it.");
  });

  it("channels: the brand's X account card offers Connect X, and words the callback's outcome without echoing it", async () => {
    const owner = await createTenantWithMember("ADMIN");
    signIn(owner);
    const html = await render(ChannelsPage, owner.ctx.tenantSlug);
    expect(html).toContain("No account is connected: the inbox cannot reply on X, and X sources need the app");
    expect(html).toContain("Connect X");
    const denied = await render(ChannelsPage, owner.ctx.tenantSlug, { brandAccount: "denied" });
    expect(denied).toContain("You did not allow access at X, so nothing was connected.");
    const forged = await render(ChannelsPage, owner.ctx.tenantSlug, { brandAccount: "<script>alert(1)</script>" });
    expect(forged).not.toContain("<script>alert(1)");
    expect(forged).not.toMatch(/nothing was connected|link expired/i);
  });

  it("listening: the table shows each source's state; admins get the add form and row actions, viewers do not", async () => {
    const owner = await createTenantWithMember("OWNER");
    await createSource(owner.ctx, { network: "TWITTER", kind: "HASHTAG", value: "BrandX" });
    const parked = await createSource(owner.ctx, { network: "TWITTER", kind: "HANDLE", value: "brandx" });
    await markSourceNeedsReconnect(owner.ctx, parked.id, "no active TWITTER channel connection or connected brand account");
    await createLocation(owner.ctx, { name: "Brand X Soho", foursquareVenueId: "4bf58dd8d48988d1e0931735" });
    signIn(owner);
    const html = await render(ListeningPage, owner.ctx.tenantSlug);
    expect(html).toContain("#brandx");
    expect(html).toContain("Waiting for first run");
    expect(html).toContain("Needs reconnect");
    expect(html).toContain("no active TWITTER channel connection or connected brand account");
    expect(html).toContain("Some sources cannot be polled");
    expect(html).toContain("Add source");
    expect(html).toContain("Pause");
    expect(html).toContain("Brand X Soho");
    expect(html).toContain("Add location");

    const marketer = await addMember(owner.ctx, "MARKETER");
    signIn(marketer);
    const marketerHtml = await render(ListeningPage, owner.ctx.tenantSlug);
    expect(marketerHtml).toContain("#brandx");
    expect(marketerHtml).not.toContain("Add source");
    expect(marketerHtml).not.toContain("Pause");
    expect(marketerHtml).toContain("Brand X Soho");
    expect(marketerHtml).not.toContain("Add location");
  });

  it("queues: admins see the counts; marketers get the 403 page", async () => {
    const admin = await createTenantWithMember("ADMIN");
    signIn(admin);
    const html = await render(QueuesPage, admin.ctx.tenantSlug);
    expect(html).toContain("Jobs per state");
    expect(html).toContain("listening");
    // Mail is the platform's queue (it carries other people's links): no brand's screen lists it.
    expect(html).not.toMatch(/>mail</);
    expect(html).toContain("No failed jobs");

    const marketer = await addMember(admin.ctx, "MARKETER");
    signIn(marketer);
    // forbidden() throws Next's 403 fallback: the status is 403, the page is src/app/t/[tenant]/forbidden.tsx.
    await expect(render(QueuesPage, admin.ctx.tenantSlug)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  });

  it("settings landing: listening and channels are links; the queues area only for admins", async () => {
    const admin = await createTenantWithMember("ADMIN");
    signIn(admin);
    const html = await render(SettingsPage, admin.ctx.tenantSlug);
    expect(html).toContain(`href="/t/${admin.ctx.tenantSlug}/settings/listening"`);
    expect(html).toContain(`href="/t/${admin.ctx.tenantSlug}/settings/channels"`);
    expect(html).toContain(`href="/t/${admin.ctx.tenantSlug}/settings/queues"`);
    const viewer = await addMember(admin.ctx, "VIEWER");
    signIn(viewer);
    const viewerHtml = await render(SettingsPage, admin.ctx.tenantSlug);
    expect(viewerHtml).toContain(`href="/t/${admin.ctx.tenantSlug}/settings/listening"`);
    expect(viewerHtml).not.toContain("/settings/queues");
  });

  it("refused forms: errors land on the inputs by name; only non-secret fields come back", async () => {
    const admin = await createTenantWithMember("ADMIN");
    signIn(admin);
    const slug = admin.ctx.tenantSlug;
    const refused = await saveChannelAction(
      { status: "idle" },
      formData({
        tenant: slug,
        network: "FOURSQUARE",
        kind: "app",
        clientId: "megaphone-dev-fsq-client",
        clientSecret: "short",
        pushSecret: "megaphone-dev-push-secret",
      }),
    );
    expect(refused).toMatchObject({ status: "error", fieldErrors: { clientSecret: "the client secret looks too short (at least 8 characters)" } });
    expect(refused.status === "error" ? refused.values : null).toEqual({
      tenant: slug,
      network: "FOURSQUARE",
      kind: "app",
      clientId: "megaphone-dev-fsq-client",
    });
    expect(JSON.stringify(refused)).not.toContain("megaphone-dev-push-secret");

    const bearer = await saveChannelAction({ status: "idle" }, formData({ tenant: slug, network: "TWITTER", kind: "bearer", bearerToken: "tooShortToken" }));
    expect(bearer).toMatchObject({ status: "error", fieldErrors: { bearerToken: expect.stringMatching(/too short/) } });
    expect(JSON.stringify(bearer)).not.toContain("tooShortToken");

    const source = await createSourceAction({ status: "idle" }, formData({ tenant: slug, source: "TWITTER:HANDLE", value: "not a handle" }));
    expect(source).toMatchObject({
      status: "error",
      fieldErrors: { value: expect.stringMatching(/1 to 15/) },
      values: { source: "TWITTER:HANDLE", value: "not a handle" },
    });

    const viewer = await addMember(admin.ctx, "VIEWER");
    signIn(viewer);
    const denied = await saveChannelAction({ status: "idle" }, formData({ tenant: slug, network: "TWITTER", kind: "bearer", bearerToken: BEARER }));
    expect(denied).toMatchObject({ status: "error", message: expect.stringMatching(/cannot settings write/) });
  });
});
