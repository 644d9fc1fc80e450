// GET /customers/{id}?expand=…: each embedded part keeps its own permission, so a key that may
// read customers but not the ledger cannot read a balance through expand.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getEnv } from "../../../src/server/env";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const route = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/route");

async function get(slug: string, id: string, key: string, expand: string) {
  const url = `${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/customers/${id}?expand=${encodeURIComponent(expand)}`;
  const response = await route.GET(new NextRequest(url, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ tenant: slug, id }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("expand on a customer", () => {
  it("embeds only what the key may read: profiles and tier with customers:read, the balance only with ledger:read", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    const { secret: readOnly } = await createApiKey(ctx, { name: "customers only", scopes: ["customers:read"] });
    const { secret: withLedger } = await createApiKey(ctx, { name: "with ledger", scopes: ["customers:read", "ledger:read"] });

    const plain = await get(ctx.tenantSlug, customer.id, readOnly, "");
    expect(plain.status).toBe(200);
    expect(plain.json).not.toHaveProperty("balance");
    expect(await get(ctx.tenantSlug, customer.id, readOnly, "tier,profiles")).toMatchObject({ status: 200, json: { tier: { tier: null }, profiles: [] } });
    expect(await get(ctx.tenantSlug, customer.id, readOnly, "balance")).toMatchObject({ status: 403 });
    expect(await get(ctx.tenantSlug, customer.id, withLedger, "balance, balance")).toMatchObject({
      status: 200,
      json: { id: customer.id, balance: { customerId: customer.id, balance: 0, lifetimeEarned: 0 } },
    });
  });
});
