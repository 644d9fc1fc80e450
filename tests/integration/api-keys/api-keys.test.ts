// Issue 13 item 1: brand admins create API keys with scopes and an optional expiry (the secret shown
// once, only its hash kept), revoke them, and other systems call /api/v1 with
// `Authorization: Bearer`, through the one tenant guard (withTenant): the key's maker's role and its
// scopes both apply, every answer carries RateLimit-* headers and the per-key limit answers 429.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { getEnv, resetEnvCache } from "../../../src/server/env";
import { createApiKey, listApiKeys, revokeApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { addMember, createTenantWithMember } from "../support/factories";

const customers = await import("../../../src/app/api/v1/tenants/[tenant]/customers/route");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, method: string, slug: string, authorization: string | null, body?: unknown) {
  // A server-to-server call: no Origin, no cookie.
  const request = new NextRequest(`${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/customers`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await handler(request, { params: Promise.resolve({ tenant: slug }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function keyFor(ctx: TenantContext, scopes: string[], expiresInDays?: number) {
  return createApiKey(ctx, { name: `integration ${scopes.join(" ")}`, scopes: scopes as never, expiresInDays });
}

afterEach(() => {
  delete process.env.API_KEY_REQUESTS_PER_MINUTE;
  resetEnvCache();
});

describe("API keys", () => {
  it("are created by admins with the secret shown once and only its hash kept; listed, revoked once, audited", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { key, secret } = await keyFor(ctx, ["customers:read", "ledger:write"], 30);
    expect(secret).toMatch(/^mgp_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ prefix: secret.slice(0, 12), scopes: ["customers:read", "ledger:write"], role: "ADMIN", state: "ACTIVE", lastUsedAt: null });
    expect(new Date(key.expiresAt!).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const row = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: key.id }, omit: { keyHash: false } });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: key.id }, select: { action: true, data: true } });
    expect(audit.map((a) => a.action)).toEqual(["api_key.created"]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(12));

    expect((await listApiKeys(ctx)).map((k) => k.id)).toEqual([key.id]);
    expect(await revokeApiKey(ctx, { apiKeyId: key.id })).toEqual({ revoked: true });
    expect(await revokeApiKey(ctx, { apiKeyId: key.id })).toEqual({ revoked: false });
    expect((await listApiKeys(ctx))[0]).toMatchObject({ state: "REVOKED" });
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, targetId: key.id, action: "api_key.revoked" } })).toBe(1);
  });

  it("refuses a marketer or viewer creating keys, a key with no scope or an unknown one, and another brand's key id", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const marketer = await addMember(ctx, "MARKETER");
    await expect(keyFor(marketer.ctx, ["customers:read"])).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(keyFor(ctx, [])).rejects.toMatchObject({ name: "ZodError" });
    await expect(keyFor(ctx, ["customers:admin"])).rejects.toMatchObject({ name: "ZodError" });
    const other = await createTenantWithMember("OWNER");
    const { key } = await keyFor(other.ctx, ["customers:read"]);
    await expect(revokeApiKey(ctx, { apiKeyId: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("open /api/v1 by Bearer within their scopes and their maker's role, with RateLimit headers and last use recorded", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN");
    const reader = await keyFor(ctx, ["customers:read"]);
    const listed = await call(customers.GET, "GET", tenant.slug, `Bearer ${reader.secret}`);
    expect(listed.status).toBe(200);
    expect(listed.json).toHaveProperty("items");
    expect(listed.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(listed.headers.get("ratelimit-remaining"))).toBe(599);
    expect(Number(listed.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await listApiKeys(ctx))[0]!.lastUsedAt).not.toBeNull();

    // Out of scope: 403, whatever the role allows.
    const refused = await call(customers.POST, "POST", tenant.slug, `Bearer ${reader.secret}`, { displayName: "From the POS", emails: ["pos@example.test"] });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ detail: "this API key's scopes do not allow customers write" });
    expect(await getDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(0);

    // In scope: created, and the audit names the key as the actor.
    const writer = await keyFor(ctx, ["customers:write"]);
    const created = await call(customers.POST, "POST", tenant.slug, `Bearer ${writer.secret}`, { displayName: "From the POS", emails: ["pos@example.test"] });
    expect(created.status).toBe(201);
    expect(await getDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    const byKey = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, actorType: "API_KEY" }, select: { actorId: true } });
    expect(byKey).toContainEqual({ actorId: writer.key.id });

    // A viewer's key stays a viewer's, whatever its scopes say.
    const viewer = await addMember(ctx, "VIEWER");
    await getDb().apiKey.updateMany({ where: { tenantId: ctx.tenantId, id: writer.key.id }, data: { role: viewer.ctx.role } });
    expect((await call(customers.POST, "POST", tenant.slug, `Bearer ${writer.secret}`, { displayName: "Again", emails: ["again@example.test"] })).status).toBe(
      403,
    );
  });

  it("answers 401 in the same words for unknown, revoked and expired keys, and a foreign brand's 404 for another brand's key", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const revoked = await keyFor(ctx, ["customers:read"]);
    await revokeApiKey(ctx, { apiKeyId: revoked.key.id });
    const expired = await keyFor(ctx, ["customers:read"], 1);
    await getDb().apiKey.updateMany({ where: { tenantId: ctx.tenantId, id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const details = new Set<unknown>();
    for (const secret of [revoked.secret, expired.secret, `mgp_${"x".repeat(43)}`, "not-a-key"]) {
      const answer = await call(customers.GET, "GET", tenant.slug, `Bearer ${secret}`);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toContain("application/problem+json");
      details.add(answer.json!.detail);
    }
    expect([...details]).toEqual(["the API key is not valid (unknown, expired or revoked)"]);
    expect((await call(customers.GET, "GET", tenant.slug, `Basic ${Buffer.from("a:b").toString("base64")}`)).status).toBe(401);

    const other = await createTenantWithMember("OWNER");
    const foreign = await keyFor(other.ctx, ["customers:read"]);
    expect((await call(customers.GET, "GET", tenant.slug, `Bearer ${foreign.secret}`)).status).toBe(404);
  });

  it("limits each key per minute: 429 problem+json with Retry-After and RateLimit-Remaining 0, other keys unaffected", async () => {
    process.env.API_KEY_REQUESTS_PER_MINUTE = "3";
    resetEnvCache();
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const busy = await keyFor(ctx, ["customers:read"]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(customers.GET, "GET", tenant.slug, `Bearer ${busy.secret}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(customers.GET, "GET", tenant.slug, `Bearer ${busy.secret}`);
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ status: 429, detail: "this API key made more than 3 requests this minute" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    const calm = await keyFor(ctx, ["customers:read"]);
    expect((await call(customers.GET, "GET", tenant.slug, `Bearer ${calm.secret}`)).status).toBe(200);
  });
});
