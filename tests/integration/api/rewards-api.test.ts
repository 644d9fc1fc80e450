// Issue 13 item 2: rewards and redemptions over /api/v1 with API keys: the catalogue, redeeming for
// a customer (idempotent by Idempotency-Key, never oversold), fulfilling and cancelling (a refund by
// a new ledger entry), and the brand's locations.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { getEnv } from "../../../src/server/env";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const rewardsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/route");
const redemptionsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/redemptions/route");
const fulfilRoute = await import("../../../src/app/api/v1/tenants/[tenant]/redemptions/[id]/fulfil/route");
const cancelRoute = await import("../../../src/app/api/v1/tenants/[tenant]/redemptions/[id]/cancel/route");
const locationsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/locations/route");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  method: string,
  slug: string,
  path: string,
  key: string,
  options: { body?: unknown; headers?: Record<string, string>; id?: string } = {},
) {
  const request = new NextRequest(`${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const response = await handler(request, { params: Promise.resolve({ tenant: slug, ...(options.id ? { id: options.id } : {}) }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("rewards and redemptions API", () => {
  it("redeems once per key, never beyond the stock, then fulfils and cancels with a refund", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Free cone", cost: 30, stock: 1, fulfilment: "MANUAL" });
    const ann = await makeCustomer(ctx);
    const bob = await makeCustomer(ctx);
    for (const c of [ann, bob]) await adjustPoints(ctx, { customerId: c.id, amount: 100, reason: "seed", idempotencyKey: `seed-${c.id}` });
    const { secret } = await createApiKey(ctx, { name: "POS", scopes: ["ledger:write", "rewards:write"] });
    const slug = ctx.tenantSlug;

    const catalogue = await call(rewardsRoute.GET, "GET", slug, "rewards", secret);
    expect(catalogue.status).toBe(200);
    expect((catalogue.json.items as { id: string }[]).map((r) => r.id)).toEqual([reward.id]);

    const body = { customerId: ann.id, rewardId: reward.id };
    const first = await call(redemptionsRoute.POST, "POST", slug, "redemptions", secret, { body, headers: { "idempotency-key": "till-7" } });
    expect(first).toMatchObject({ status: 201, json: { balance: 70, replayed: false, redemption: { customerId: ann.id, status: "PENDING", cost: 30 } } });
    const replay = await call(redemptionsRoute.POST, "POST", slug, "redemptions", secret, { body, headers: { "idempotency-key": "till-7" } });
    expect(replay).toMatchObject({ status: 200, json: { replayed: true } });
    const soldOut = await call(redemptionsRoute.POST, "POST", slug, "redemptions", secret, {
      body: { customerId: bob.id, rewardId: reward.id },
      headers: { "idempotency-key": "till-8" },
    });
    expect(soldOut.status).toBe(409);
    const noKey = await call(redemptionsRoute.POST, "POST", slug, "redemptions", secret, { body });
    expect(noKey.status).toBe(422);

    const redemptionId = (first.json.redemption as { id: string }).id;
    const fulfilled = await call(fulfilRoute.POST, "POST", slug, `redemptions/${redemptionId}/fulfil`, secret, { id: redemptionId });
    expect(fulfilled).toMatchObject({ status: 200, json: { unchanged: false, redemption: { status: "FULFILLED" } } });
    const again = await call(fulfilRoute.POST, "POST", slug, `redemptions/${redemptionId}/fulfil`, secret, { id: redemptionId });
    expect(again).toMatchObject({ status: 200, json: { unchanged: true } });

    const cancelled = await call(cancelRoute.POST, "POST", slug, `redemptions/${redemptionId}/cancel`, secret, {
      id: redemptionId,
      body: { reason: "wrong flavour" },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ redemption: { status: "CANCELLED", cancelReason: "wrong flavour" } });
    const balance = await getDb().pointBalance.findFirstOrThrow({ where: { tenantId: ctx.tenantId, customerId: ann.id } });
    expect(balance.balance).toBe(100);

    const listed = await call(redemptionsRoute.GET, "GET", slug, "redemptions?status=CANCELLED&limit=5", secret);
    expect((listed.json.items as { id: string; rewardName: string }[]).map((r) => [r.id, r.rewardName])).toEqual([[redemptionId, "Free cone"]]);
    expect((await call(redemptionsRoute.GET as Handler, "GET", slug, "redemptions?limit=0", secret)).status).toBe(422);
  });

  it("scopes apply: a read-only key cannot redeem or cancel; locations need config:read", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "BI", scopes: ["ledger:read"] });
    const refused = await call(redemptionsRoute.POST, "POST", ctx.tenantSlug, "redemptions", secret, {
      body: { customerId: "cus_x", rewardId: "rwd_x", idempotencyKey: "k" },
    });
    expect(refused.status).toBe(403);
    expect((await call(locationsRoute.GET as Handler, "GET", ctx.tenantSlug, "locations", secret)).status).toBe(403);
    const { secret: config } = await createApiKey(ctx, { name: "Maps", scopes: ["config:read"] });
    expect(await call(locationsRoute.GET as Handler, "GET", ctx.tenantSlug, "locations", config)).toEqual({ status: 200, json: { items: [] } });
  });

  it("the catalogue and the redemptions are read with rewards:read, not ledger:read", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await createReward((await createTenantWithMember("OWNER")).ctx, { name: "Elsewhere", cost: 1 });
    const mug = await createReward(ctx, { name: "Mug", cost: 5 });
    const { secret: rewardsKey } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:read"] });
    const listed = await call(rewardsRoute.GET, "GET", ctx.tenantSlug, "rewards", rewardsKey);
    expect(listed.status).toBe(200);
    expect((listed.json.items as { id: string }[]).map((r) => r.id)).toEqual([mug.id]);
    expect(await call(redemptionsRoute.GET as Handler, "GET", ctx.tenantSlug, "redemptions", rewardsKey)).toEqual({ status: 200, json: { items: [] } });
    // rewards:read opens nothing of the ledger, and ledger:read nothing of the catalogue.
    const { secret: ledgerKey } = await createApiKey(ctx, { name: "BI", scopes: ["ledger:read"] });
    expect((await call(rewardsRoute.GET as Handler, "GET", ctx.tenantSlug, "rewards", ledgerKey)).status).toBe(403);
    expect((await call(redemptionsRoute.GET as Handler, "GET", ctx.tenantSlug, "redemptions", ledgerKey)).status).toBe(403);
  });
});
