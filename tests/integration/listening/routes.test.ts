// The /sources and /channels route handlers through their real guard (withTenant), with only the
// next-auth session lookup replaced by the signed-in user of each test.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../../src/server/http/session";
import { createTenantWithMember, addMember } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const sources = await import("../../../src/app/api/v1/tenants/[tenant]/sources/route");
const source = await import("../../../src/app/api/v1/tenants/[tenant]/sources/[id]/route");
const channels = await import("../../../src/app/api/v1/tenants/[tenant]/channels/route");
const channel = await import("../../../src/app/api/v1/tenants/[tenant]/channels/[network]/route");
const { getEnv } = await import("../../../src/server/env");

const BEARER = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, method: string, path: string, params: Record<string, string>, body?: unknown) {
  const origin = new URL(getEnv().APP_URL).origin;
  const request = new NextRequest(`${origin}${path}`, {
    method,
    headers: { origin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function signedIn(role: "OWNER" | "ADMIN" | "MARKETER" | "VIEWER" = "OWNER") {
  const member = await createTenantWithMember(role);
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name };
  return member;
}

beforeEach(() => {
  session.user = null;
});

describe("listening and channel routes", () => {
  it("creates, lists, reads, patches and deletes a source", async () => {
    const { ctx } = await signedIn("ADMIN");
    const base = `/api/v1/tenants/${ctx.tenantSlug}/sources`;
    const created = await call(sources.POST, "POST", base, { tenant: ctx.tenantSlug }, { network: "TWITTER", kind: "HASHTAG", value: "BrandX" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ value: "#brandx", sync: { status: "IDLE", hasCursor: false } });
    const id = String(created.json?.id);

    const listed = await call(sources.GET, "GET", `${base}?network=TWITTER`, { tenant: ctx.tenantSlug });
    expect(listed.status).toBe(200);
    expect((listed.json?.items as { id: string }[]).map((s) => s.id)).toEqual([id]);

    const patched = await call(source.PATCH, "PATCH", `${base}/${id}`, { tenant: ctx.tenantSlug, id }, { enabled: false });
    expect(patched.json).toMatchObject({ enabled: false, sync: { status: "DISABLED" } });
    expect((await call(source.GET, "GET", `${base}/${id}`, { tenant: ctx.tenantSlug, id })).json).toMatchObject({ id, enabled: false });
    expect((await call(source.DELETE, "DELETE", `${base}/${id}`, { tenant: ctx.tenantSlug, id })).json).toEqual({ deleted: true });
    expect((await call(source.GET, "GET", `${base}/${id}`, { tenant: ctx.tenantSlug, id })).status).toBe(404);
  });

  it("answers problem+json: 422 with field errors, 409 for a duplicate, 403 for a viewer, 404 for another tenant", async () => {
    const { ctx } = await signedIn("OWNER");
    const base = `/api/v1/tenants/${ctx.tenantSlug}/sources`;
    const invalid = await call(sources.POST, "POST", base, { tenant: ctx.tenantSlug }, { network: "TWITTER", kind: "HANDLE", value: "not a handle" });
    expect(invalid.status).toBe(422);
    expect(invalid.type).toBe("application/problem+json");
    expect(invalid.json?.errors).toEqual([{ path: "value", message: "a handle is 1 to 15 letters, digits or _, e.g. @brandx" }]);

    await call(sources.POST, "POST", base, { tenant: ctx.tenantSlug }, { network: "TWITTER", kind: "HANDLE", value: "brandx" });
    const duplicate = await call(sources.POST, "POST", base, { tenant: ctx.tenantSlug }, { network: "TWITTER", kind: "HANDLE", value: "@BrandX" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json?.errors).toEqual([{ path: "value", message: expect.stringMatching(/already tracked/) }]);
    const existingId = String(((await call(sources.GET, "GET", base, { tenant: ctx.tenantSlug })).json?.items as { id: string }[])[0]?.id);

    const viewer = await addMember(ctx, "VIEWER");
    session.user = { id: viewer.user.id, email: viewer.user.email, name: viewer.user.name };
    expect((await call(sources.GET, "GET", base, { tenant: ctx.tenantSlug })).status).toBe(200);
    const forbidden = await call(sources.POST, "POST", base, { tenant: ctx.tenantSlug }, { network: "TWITTER", kind: "HANDLE", value: "viewer" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.type).toBe("application/problem+json");

    const stranger = await signedIn("OWNER");
    // their own tenant path with our source id: 404, and our tenant's path: 404 as well
    const foreignId = await call(source.GET, "GET", `/api/v1/tenants/${stranger.ctx.tenantSlug}/sources/${existingId}`, {
      tenant: stranger.ctx.tenantSlug,
      id: existingId,
    });
    expect(foreignId.status).toBe(404);
    const foreignPatch = await call(source.PATCH, "PATCH", "/x", { tenant: stranger.ctx.tenantSlug, id: existingId }, { enabled: false });
    expect(foreignPatch.status).toBe(404);
    const foreignTenant = await call(sources.GET, "GET", base, { tenant: ctx.tenantSlug });
    expect(foreignTenant.status).toBe(404);

    session.user = null;
    expect((await call(sources.GET, "GET", base, { tenant: ctx.tenantSlug })).status).toBe(401);
  });

  it("sets channel credentials with PUT, never answers with a secret, and 404s unknown networks", async () => {
    const { ctx } = await signedIn("ADMIN");
    const path = (network: string) => `/api/v1/tenants/${ctx.tenantSlug}/channels/${network}`;
    const put = (network: string, body: unknown) => call(channel.PUT, "PUT", path(network), { tenant: ctx.tenantSlug, network }, body);

    const created = await put("twitter", { credentials: { kind: "bearer", bearerToken: BEARER } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ network: "TWITTER", status: "ACTIVE", hint: "bearer …0000" });
    const replaced = await put("twitter", { credentials: { kind: "bearer", bearerToken: `${BEARER}9` } });
    expect(replaced.status).toBe(200);
    expect(replaced.json?.hint).toBe("bearer …0009");

    const invalid = await put("foursquare", { credentials: { clientId: "megaphone-dev-fsq-client" } });
    expect(invalid.status).toBe(422);
    expect((invalid.json?.errors as { path: string }[]).map((e) => e.path)).toEqual(["credentials.clientSecret", "credentials.pushSecret"]);
    expect((await put("mastodon", { credentials: {} })).status).toBe(404);

    const listed = await call(channels.GET, "GET", `/api/v1/tenants/${ctx.tenantSlug}/channels`, { tenant: ctx.tenantSlug });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain("MegaphoneSandboxDevBearerToken");
    expect(replaced.text).not.toContain("MegaphoneSandboxDevBearerToken");

    const disabled = await call(channel.PATCH, "PATCH", path("twitter"), { tenant: ctx.tenantSlug, network: "twitter" }, { enabled: false });
    expect(disabled.json).toMatchObject({ status: "DISABLED" });
    expect((await call(channel.DELETE, "DELETE", path("twitter"), { tenant: ctx.tenantSlug, network: "twitter" })).json).toEqual({ deleted: true });
    expect((await call(channel.GET, "GET", path("twitter"), { tenant: ctx.tenantSlug, network: "twitter" })).status).toBe(404);
  });

  it("refuses a cross-origin write", async () => {
    const { ctx } = await signedIn("OWNER");
    const request = new NextRequest(`${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${ctx.tenantSlug}/sources`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ network: "TWITTER", kind: "HASHTAG", value: "evil" }),
    });
    const response = await sources.POST(request, { params: Promise.resolve({ tenant: ctx.tenantSlug }) });
    expect(response.status).toBe(403);
  });
});
