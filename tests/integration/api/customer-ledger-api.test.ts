// Issue 13 item 2: customers by external id or email (lookup, PUT upsert), a customer's ledger,
// balance and manual adjustment over /api/v1 with API keys.
// The adjustment is idempotent by the Idempotency-Key header (or the body's idempotencyKey): a
// retried call answers 200 with replayed: true and pays nothing twice.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { getEnv } from "../../../src/server/env";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const ledgerRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/ledger/route");
const balanceRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/balance/route");
const upsertRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/by-external-id/[externalId]/route");
const lookupRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/lookup/route");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  method: string,
  slug: string,
  id: string,
  key: string,
  options: { body?: unknown; headers?: Record<string, string>; path?: string } = {},
) {
  const url = `${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/customers/${id}/${options.path ?? "ledger"}`;
  const request = new NextRequest(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const response = await handler(request, { params: Promise.resolve({ tenant: slug, id }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("customer ledger API", () => {
  it("adjusts once per idempotency key, lists the entries and reads the balance", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await makeCustomer(ctx);
    const { secret } = await createApiKey(ctx, { name: "POS", scopes: ["ledger:write"] });
    const body = { amount: 120, reason: "in-store purchase #881" };

    const first = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, customer.id, secret, { body, headers: { "idempotency-key": "pos-881" } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ balance: 120, replayed: false, entry: { customerId: customer.id, amount: 120 } });
    const again = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, customer.id, secret, { body, headers: { "idempotency-key": "pos-881" } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ balance: 120, replayed: true, entry: { id: (first.json.entry as { id: string }).id } });
    const viaBody = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, customer.id, secret, {
      body: { amount: -20, reason: "return", idempotencyKey: "pos-882" },
    });
    expect(viaBody).toMatchObject({ status: 201, json: { balance: 100 } });
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, customerId: customer.id } })).toBe(2);

    const missing = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, customer.id, secret, { body });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.json)).toContain("idempotencyKey");
    const tooMuch = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, customer.id, secret, {
      body: { amount: -500, reason: "oops" },
      headers: { "idempotency-key": "pos-883" },
    });
    expect(tooMuch.status).toBe(409);

    const list = await call(ledgerRoute.GET, "GET", ctx.tenantSlug, customer.id, secret);
    expect(list.status).toBe(200);
    expect((list.json.items as { amount: number; source: string }[]).map((e) => [e.amount, e.source])).toEqual([
      [-20, "ADJUSTMENT"],
      [120, "ADJUSTMENT"],
    ]);
    const balance = await call(balanceRoute.GET, "GET", ctx.tenantSlug, customer.id, secret, { path: "balance" });
    expect(balance).toEqual({ status: 200, json: { customerId: customer.id, balance: 100, lifetimeEarned: 120 } });
  });

  it("a read-only key cannot adjust, and another brand's customer is not found", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const theirs = await makeCustomer(other.ctx);
    const mine = await makeCustomer(ctx);
    const { secret } = await createApiKey(ctx, { name: "BI", scopes: ["ledger:read"] });
    const refused = await call(ledgerRoute.POST, "POST", ctx.tenantSlug, mine.id, secret, {
      body: { amount: 5, reason: "nope" },
      headers: { "idempotency-key": "k" },
    });
    expect(refused.status).toBe(403);
    expect((await call(ledgerRoute.GET as Handler, "GET", ctx.tenantSlug, theirs.id, secret)).status).toBe(404);
    expect((await call(balanceRoute.GET as Handler, "GET", ctx.tenantSlug, theirs.id, secret, { path: "balance" })).status).toBe(404);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });
});

describe("customers by external id or email", () => {
  async function send(handler: Handler, method: string, slug: string, params: Record<string, string>, url: string, key: string, body?: unknown) {
    const request = new NextRequest(`${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/customers/${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await handler(request, { params: Promise.resolve({ tenant: slug, ...params }) });
    return { status: response.status, outcome: response.headers.get("megaphone-upsert"), json: (await response.json()) as Record<string, unknown> };
  }

  it("PUT creates, then replaces, then changes nothing; lookup finds by external id or any email; another brand's is 404", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["customers:write"] });
    const put = (body: unknown) => send(upsertRoute.PUT, "PUT", ctx.tenantSlug, { externalId: "crm-42" }, "by-external-id/crm-42", secret, body);

    const created = await put({ displayName: "Grace H", emails: ["grace@navy.test"] });
    expect(created).toMatchObject({ status: 201, outcome: "created", json: { externalId: "crm-42", displayName: "Grace H", lifecycleStage: "CUSTOMER" } });
    const id = created.json.id as string;
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id }, data: { lifecycleStage: "ADVOCATE" } });

    const updated = await put({ displayName: "Grace Hopper", emails: ["grace@navy.test", "gh@cobol.test"], phone: "+1 555 0100" });
    expect(updated).toMatchObject({
      status: 200,
      outcome: "updated",
      json: { id, displayName: "Grace Hopper", phone: "+1 555 0100", lifecycleStage: "ADVOCATE" },
    });
    const before = await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { updatedAt: true } });
    const again = await put({ displayName: "Grace Hopper", emails: ["grace@navy.test", "gh@cobol.test"], phone: "+1 555 0100" });
    expect(again).toMatchObject({ status: 200, outcome: "unchanged", json: { id } });
    expect((await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { updatedAt: true } })).updatedAt).toEqual(
      before.updatedAt,
    );
    expect(await getDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(1);

    const byExt = await send(lookupRoute.GET, "GET", ctx.tenantSlug, {}, "lookup?externalId=crm-42", secret);
    expect(byExt).toMatchObject({ status: 200, json: { id } });
    const byEmail = await send(lookupRoute.GET, "GET", ctx.tenantSlug, {}, "lookup?email=GH@cobol.test", secret);
    expect(byEmail).toMatchObject({ status: 200, json: { id } });
    expect((await send(lookupRoute.GET as Handler, "GET", ctx.tenantSlug, {}, "lookup?email=nobody@x.test", secret)).status).toBe(404);
    expect((await send(lookupRoute.GET as Handler, "GET", ctx.tenantSlug, {}, "lookup", secret)).status).toBe(422);
    expect((await send(lookupRoute.GET as Handler, "GET", ctx.tenantSlug, {}, "lookup?externalId=crm-42&email=grace@navy.test", secret)).status).toBe(422);

    await makeCustomer(other.ctx, { externalId: "crm-99" });
    expect((await send(lookupRoute.GET as Handler, "GET", ctx.tenantSlug, {}, "lookup?externalId=crm-99", secret)).status).toBe(404);
    const refused = await put({ displayName: "Grace Hopper", emails: ["bad"] });
    expect(refused.status).toBe(422);
  });
});
