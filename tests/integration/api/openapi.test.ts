// Issue 13 item 3: the OpenAPI 3.1 document is built from the routes' own zod schemas. It fails
// here when a route under /api/v1 serves a method the document does not describe (or the document
// describes one no route serves), when a schema of the document is not valid JSON Schema 2020-12,
// and when a real answer of a route, called with an API key, does not match its documented schema.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getEnv } from "../../../src/server/env";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { createCustomer } from "../../../src/server/modules/customers/customer.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { UNDOCUMENTED_ROUTES } from "../../../src/server/openapi/api-operations";
import { callRoute } from "../support/api-call";
import { createTenantWithMember } from "../support/factories";
import { linkTestProfile } from "../support/linked-profile";
import { apiDocument, compileSchema, documentedSchema } from "../support/openapi-validation";
import { findLedgerViolations } from "../support/ledger-invariants";

const doc = apiDocument();
const API_DIR = join(process.cwd(), "src", "app", "api", "v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

/** "GET /tenants/{tenant}/customers" for every method a route file serves (what it gives otherMethods, or its exported GET). */
function servedOperations(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const path = `/${relative(API_DIR, file).split(sep).slice(0, -1).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    const served = /otherMethods\(\[([^\]]*)\]\)/.exec(readFileSync(file, "utf8"))?.[1];
    expect(served, `${file} names the methods it serves with otherMethods([...])`).toBeDefined();
    return [...served!.matchAll(/"([A-Z]+)"/g)].map((m) => `${m[1]} ${path}`);
  });
}

const documented = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));

function validatorFor(path: string, method: string, status: number) {
  const schema = documentedSchema(doc, doc.paths[path]?.[method]?.responses[String(status)], "application/json");
  expect(schema, `${method.toUpperCase()} ${path} documents a JSON ${status}`).toBeDefined();
  return compileSchema(schema!);
}

describe("the OpenAPI document", () => {
  it("describes exactly the operations the /api/v1 routes serve (less the listed exceptions)", () => {
    expect(doc.openapi).toBe("3.1.0");
    const served = servedOperations().filter((op) => !(op in UNDOCUMENTED_ROUTES));
    expect(served.length).toBeGreaterThan(30);
    expect(documented().sort()).toEqual(served.sort());
  });

  it("holds only schemas that compile as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    let compiled = 0;
    const visit = (node: unknown) => {
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (record.schema && typeof record.schema === "object" && !("$ref" in record.schema)) {
        ajv.compile(record.schema);
        compiled++;
      }
      for (const value of Object.values(record)) visit(value);
    };
    visit(doc.paths);
    expect(compiled).toBeGreaterThan(60);
  });
});

describe("conditional requests in the document", () => {
  it("documents the ETag of a customer's and a reward's GET and PATCH, and If-Match with its 412 on the PATCH", () => {
    const op = (path: string, method: string) => doc.paths[path]![method]!;
    for (const path of ["/tenants/{tenant}/customers/{id}", "/tenants/{tenant}/rewards/{id}"]) {
      expect(Object.keys(op(path, "get").responses["200"]!.headers ?? {})).toEqual(["ETag"]);
      expect(Object.keys(op(path, "patch").responses["200"]!.headers ?? {})).toEqual(["ETag"]);
      expect(op(path, "patch").parameters).toContainEqual(expect.objectContaining({ name: "If-Match", in: "header" }));
      expect(op(path, "patch").responses["412"]).toBeDefined();
      expect(op(path, "get").responses["412"]).toBeUndefined();
    }
    // The customers list pages by cursor as well as by page.
    expect(op("/tenants/{tenant}/customers", "get").parameters).toContainEqual(expect.objectContaining({ name: "cursor", in: "query", required: false }));
  });
});

describe("real answers match the document", () => {
  it("health, customers (create, list, get), a customer's ledger (adjust, list) and balance, segments, mentions, rules, sources, channels and campaigns", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN");
    const { secret } = await createApiKey(ctx, {
      name: "contract",
      scopes: ["customers:write", "mentions:read", "config:read", "ledger:write"],
    });
    const origin = new URL(getEnv().APP_URL).origin;
    type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    const call = async (handler: Handler, method: string, url: string, params: Record<string, string>, body?: unknown) => {
      const request = new NextRequest(`${origin}/api/v1${url}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const response = await handler(request, { params: Promise.resolve(params) });
      return { status: response.status, json: (await response.json()) as unknown };
    };
    const check = (path: string, method: string, answer: { status: number; json: unknown }, status = 200) => {
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(status);
      const validate = validatorFor(path, method, status);
      expect(validate(answer.json), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const t = { tenant: tenant.slug };
    const T = `/tenants/${tenant.slug}`;

    const health = await import("../../../src/app/api/v1/health/route");
    const healthResponse = await health.GET();
    check("/health", "get", { status: healthResponse.status, json: await healthResponse.json() });

    const customers = await import("../../../src/app/api/v1/tenants/[tenant]/customers/route");
    const customer = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/route");
    const created = await call(customers.POST, "POST", `${T}/customers`, t, { displayName: "Ada From The POS", emails: ["ada@pos.test"], externalId: "pos-1" });
    check("/tenants/{tenant}/customers", "post", created, 201);
    check("/tenants/{tenant}/customers", "get", await call(customers.GET, "GET", `${T}/customers`, t));
    const id = (created.json as { id: string }).id;
    check("/tenants/{tenant}/customers/{id}", "get", await call(customer.GET, "GET", `${T}/customers/${id}`, { ...t, id }));

    const ledger = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/ledger/route");
    const adjusted = await call(
      ledger.POST,
      "POST",
      `${T}/customers/${id}/ledger`,
      { ...t, id },
      { amount: 40, reason: "welcome bonus", idempotencyKey: "contract-1" },
    );
    check("/tenants/{tenant}/customers/{id}/ledger", "post", adjusted, 201);
    check("/tenants/{tenant}/customers/{id}/ledger", "get", await call(ledger.GET, "GET", `${T}/customers/${id}/ledger`, { ...t, id }));
    const balance = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/balance/route");
    check("/tenants/{tenant}/customers/{id}/balance", "get", await call(balance.GET, "GET", `${T}/customers/${id}/balance`, { ...t, id }));

    const segments = await import("../../../src/app/api/v1/tenants/[tenant]/segments/route");
    check("/tenants/{tenant}/segments", "get", await call(segments.GET, "GET", `${T}/segments`, t));
    const mentions = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/route");
    check("/tenants/{tenant}/mentions", "get", await call(mentions.GET, "GET", `${T}/mentions`, t));
    const [stored] = await getDb().$queryRaw<{ id: string }[]>`
      INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                             text, "postedAt", "sentimentScore", "sentimentLabel", status, "updatedAt")
      VALUES (${ctx.tenantId}, 'TWITTER', 'contract-1', ${id}, 'author-1', 'author_1', 10, 'hello', now(), 0.5, 'PROMOTER', 'CREDITED', now())
      RETURNING id`;
    const mention = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/[id]/route");
    const mentionId = stored!.id;
    check("/tenants/{tenant}/mentions/{id}", "get", await call(mention.GET, "GET", `${T}/mentions/${mentionId}`, { ...t, id: mentionId }));
    const rules = await import("../../../src/app/api/v1/tenants/[tenant]/rules/route");
    check("/tenants/{tenant}/rules", "get", await call(rules.GET, "GET", `${T}/rules`, t));
    const sources = await import("../../../src/app/api/v1/tenants/[tenant]/sources/route");
    check("/tenants/{tenant}/sources", "get", await call(sources.GET, "GET", `${T}/sources`, t));
    const channels = await import("../../../src/app/api/v1/tenants/[tenant]/channels/route");
    check("/tenants/{tenant}/channels", "get", await call(channels.GET, "GET", `${T}/channels`, t));
    const campaigns = await import("../../../src/app/api/v1/tenants/[tenant]/campaigns/route");
    check("/tenants/{tenant}/campaigns", "get", await call(campaigns.GET, "GET", `${T}/campaigns`, t));
  });
});

describe("real answers match the document: the reward catalogue", () => {
  it("create, get, patch, list and delete a reward", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "contract rewards", scopes: ["rewards:write"] });
    const t = { tenant: tenant.slug };
    const T = `/tenants/${tenant.slug}`;
    const check = (path: string, method: string, answer: { status: number; json: unknown }, status = 200) => {
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(status);
      const validate = validatorFor(path, method, status);
      expect(validate(answer.json), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const rewards = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/route");
    const reward = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/[id]/route");
    const created = await callRoute(rewards.POST, "POST", `${T}/rewards`, t, secret, {
      body: { name: "Contract mug", cost: 10, availableFrom: "2026-01-01T00:00:00Z" },
    });
    check("/tenants/{tenant}/rewards", "post", created, 201);
    const id = created.json.id as string;
    const p = { ...t, id };
    check("/tenants/{tenant}/rewards/{id}", "get", await callRoute(reward.GET, "GET", `${T}/rewards/${id}`, p, secret));
    const patched = await callRoute(reward.PATCH, "PATCH", `${T}/rewards/${id}`, p, secret, { body: { stock: 3 } });
    check("/tenants/{tenant}/rewards/{id}", "patch", patched);
    check("/tenants/{tenant}/rewards", "get", await callRoute(rewards.GET, "GET", `${T}/rewards`, t, secret));
    check("/tenants/{tenant}/rewards/{id}", "delete", await callRoute(reward.DELETE, "DELETE", `${T}/rewards/${id}`, p, secret));
  });
});

describe("real answers match the document: one customer's record", () => {
  it("merge a customer into another, and the survivor's linked profiles", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "contract customers", scopes: ["customers:write", "ledger:write"] });
    const twin = await createCustomer(ctx, { displayName: "Twin", emails: ["twin@contract.test"] });
    const survivor = await createCustomer(ctx, { displayName: "Survivor", emails: ["survivor@contract.test"] });
    const route = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/merge/route");
    const merged = await callRoute(route.POST, "POST", `/tenants/${tenant.slug}/customers/${twin.id}/merge`, { tenant: tenant.slug, id: twin.id }, secret, {
      body: { survivorId: survivor.id },
    });
    expect(merged.status, JSON.stringify(merged.json)).toBe(200);
    const validate = validatorFor("/tenants/{tenant}/customers/{id}/merge", "post", 200);
    expect(validate(merged.json), JSON.stringify(validate.errors)).toBe(true);

    await linkTestProfile(ctx, survivor.id, { handle: "contract_fan", accessToken: "contract-token-0123456789" });
    await linkTestProfile(ctx, survivor.id, { network: "FOURSQUARE", handle: "contract_fan_4sq" });
    const profilesRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/profiles/route");
    const profiles = await callRoute(
      profilesRoute.GET,
      "GET",
      `/tenants/${tenant.slug}/customers/${survivor.id}/profiles`,
      { tenant: tenant.slug, id: survivor.id },
      secret,
    );
    expect((profiles.json.items as unknown[]).length).toBe(2);
    const validateProfiles = validatorFor("/tenants/{tenant}/customers/{id}/profiles", "get", 200);
    expect(validateProfiles(profiles.json), JSON.stringify(validateProfiles.errors)).toBe(true);
  });
});

describe("the privacy API", () => {
  it("exports a customer as the portal does and erases them with the ledger kept whole; another brand's key finds neither", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "privacy", scopes: ["customers:write", "ledger:write"] });
    const customer = await createCustomer(ctx, { displayName: "Erin Erasable", emails: ["erin@privacy.test"] });
    await adjustPoints(ctx, { customerId: customer.id, amount: 40, reason: "welcome", idempotencyKey: "privacy-seed" });
    const origin = new URL(getEnv().APP_URL).origin;
    const exportRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/export/route");
    const eraseRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/erase/route");
    const call = async (handler: typeof exportRoute.GET, method: string, slug: string, key: string) => {
      const request = new NextRequest(`${origin}/api/v1/tenants/${slug}/customers/${customer.id}/x`, { method, headers: { authorization: `Bearer ${key}` } });
      const response = await handler(request, { params: Promise.resolve({ tenant: slug, id: customer.id }) });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    const other = await createTenantWithMember("OWNER");
    const foreign = await createApiKey(other.ctx, { name: "foreign", scopes: ["customers:write"] });
    expect((await call(exportRoute.GET, "GET", other.tenant.slug, foreign.secret)).status).toBe(404);
    expect((await call(eraseRoute.POST, "POST", other.tenant.slug, foreign.secret)).status).toBe(404);

    const exported = await call(exportRoute.GET, "GET", tenant.slug, secret);
    expect(exported.status).toBe(200);
    expect(validatorFor("/tenants/{tenant}/customers/{id}/export", "get", 200)(exported.json)).toBe(true);
    expect(exported.json).toMatchObject({ profile: { displayName: "Erin Erasable" }, points: { balance: 40, lifetimeEarned: 40 } });
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "customer.exported", targetId: customer.id } })).toBe(1);

    const before = await getDb().ledgerEntry.aggregate({ where: { tenantId: ctx.tenantId }, _sum: { amount: true }, _count: true });
    const erased = await call(eraseRoute.POST, "POST", tenant.slug, secret);
    expect(erased).toEqual({ status: 200, json: { erased: true, tokensNotRevokedAtNetwork: 0 } });
    const row = await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: customer.id }, select: { displayName: true, erasedAt: true } });
    expect(row.erasedAt).not.toBeNull();
    expect(row.displayName).not.toContain("Erin");
    expect(await getDb().customerEmail.count({ where: { tenantId: ctx.tenantId, customerId: customer.id } })).toBe(0);
    const after = await getDb().ledgerEntry.aggregate({ where: { tenantId: ctx.tenantId }, _sum: { amount: true }, _count: true });
    expect(after).toEqual(before);
    expect(await findLedgerViolations(ctx.tenantId)).toEqual([]);
    // Erased is gone for the API: a second erase or export finds nobody.
    expect((await call(eraseRoute.POST, "POST", tenant.slug, secret)).status).toBe(404);
  });
});
