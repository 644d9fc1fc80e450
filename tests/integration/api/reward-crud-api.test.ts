// The reward catalogue managed over /api/v1 with an API key: create (JSON, no picture), get, a
// partial PATCH merged over the current reward, and DELETE that deletes a reward never redeemed
// and archives one that was, saying which. Another brand's reward is 404 by every method.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { callRoute, type RouteHandler } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const rewardsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/route");
const rewardRoute = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/[id]/route");
const list = rewardsRoute.GET as RouteHandler;
const create = rewardsRoute.POST as RouteHandler;
const get = rewardRoute.GET as RouteHandler;
const patch = rewardRoute.PATCH as RouteHandler;
const remove = rewardRoute.DELETE as RouteHandler;

const rewardRow = (tenantId: string, id: string) => getDb().reward.findFirst({ where: { tenantId, id } });

describe("rewards CRUD API", () => {
  it("creates a reward from JSON, refusing unknown fields, a picture and a read-only key", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const { secret } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:write"] });
    const t = { tenant: slug };
    const created = await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, secret, {
      body: { name: "  Tote bag ", description: "Canvas", cost: 120, stock: 40, perCustomerLimit: 2, availableUntil: "2030-01-01T00:00:00+02:00" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ name: "Tote bag", cost: 120, stock: 40, fulfilment: "MANUAL", active: true, pictureUrl: null });
    const row = await rewardRow(ctx.tenantId, created.json.id as string);
    expect(row).toMatchObject({ name: "Tote bag", description: "Canvas", cost: 120, stock: 40, perCustomerLimit: 2, imageKey: null });
    expect(row!.availableUntil!.toISOString()).toBe("2029-12-31T22:00:00.000Z");
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "reward.created", targetId: row!.id } })).toBe(1);

    const unknown = await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, secret, { body: { name: "Mug", cost: 5, colour: "red" } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json)).toContain("colour");
    const picture = await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, secret, {
      body: { name: "Mug", cost: 5, picture: "data:image/png;base64,AA" },
    });
    expect(picture.status).toBe(422);
    const sameName = await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, secret, { body: { name: "Tote bag", cost: 5 } });
    expect(sameName.status).toBe(409);
    const backwards = await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, secret, {
      body: { name: "Late", cost: 5, availableFrom: "2030-01-02T00:00:00Z", availableUntil: "2030-01-01T00:00:00Z" },
    });
    expect(backwards.status).toBe(422);

    const { secret: readOnly } = await createApiKey(ctx, { name: "BI", scopes: ["rewards:read"] });
    expect((await callRoute(create, "POST", `/tenants/${slug}/rewards`, t, readOnly, { body: { name: "Mug", cost: 5 } })).status).toBe(403);
    expect(await getDb().reward.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    const listed = await callRoute(list, "GET", `/tenants/${slug}/rewards`, t, readOnly);
    expect((listed.json.items as { id: string }[]).map((r) => r.id)).toEqual([row!.id]);
  });

  it("gets and patches only the fields sent; null clears; archived and foreign rewards are refused", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const reward = await createReward(ctx, { name: "Cone", description: "Vanilla", cost: 30, stock: 10, perCustomerLimit: 1 });
    const { secret } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:write"] });
    const p = { tenant: slug, id: reward.id };
    const url = `/tenants/${slug}/rewards/${reward.id}`;

    expect(await callRoute(get, "GET", url, p, secret)).toMatchObject({ status: 200, json: { id: reward.id, name: "Cone", description: "Vanilla" } });
    const patched = await callRoute(patch, "PATCH", url, p, secret, { body: { cost: 45 } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json).toMatchObject({ name: "Cone", description: "Vanilla", cost: 45, stock: 10, perCustomerLimit: 1 });
    expect(await rewardRow(ctx.tenantId, reward.id)).toMatchObject({ cost: 45, description: "Vanilla", stock: 10, perCustomerLimit: 1, active: true });
    const cleared = await callRoute(patch, "PATCH", url, p, secret, { body: { description: null, perCustomerLimit: null, active: false } });
    expect(cleared.json).toMatchObject({ description: null, perCustomerLimit: null, active: false, cost: 45 });
    expect(await rewardRow(ctx.tenantId, reward.id)).toMatchObject({ description: null, perCustomerLimit: null, active: false, cost: 45, stock: 10 });

    expect((await callRoute(patch, "PATCH", url, p, secret, { body: {} })).status).toBe(422);
    expect((await callRoute(patch, "PATCH", url, p, secret, { body: { id: "rwd_other" } })).status).toBe(422);
    expect((await callRoute(patch, "PATCH", url, p, secret, { body: { cost: 0 } })).status).toBe(422);

    // Another brand's reward is not found, by its own slug or by ours; nothing changes.
    const other = await createTenantWithMember("OWNER");
    const theirs = await createReward(other.ctx, { name: "Theirs", cost: 5 });
    const q = { tenant: slug, id: theirs.id };
    const theirUrl = `/tenants/${slug}/rewards/${theirs.id}`;
    expect((await callRoute(get, "GET", theirUrl, q, secret)).status).toBe(404);
    expect((await callRoute(patch, "PATCH", theirUrl, q, secret, { body: { cost: 1 } })).status).toBe(404);
    expect((await callRoute(remove, "DELETE", theirUrl, q, secret)).status).toBe(404);
    expect((await callRoute(get, "GET", `/tenants/${other.tenant.slug}/rewards/${theirs.id}`, { ...q, tenant: other.tenant.slug }, secret)).status).toBe(404);
    expect(await rewardRow(other.ctx.tenantId, theirs.id)).toMatchObject({ cost: 5, archivedAt: null });
  });

  it("DELETE deletes a reward never redeemed and archives a redeemed one, answering which", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const { secret } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:write"] });
    const unused = await createReward(ctx, { name: "Unused", cost: 5 });
    const used = await createReward(ctx, { name: "Used", cost: 5 });
    const customer = await makeCustomer(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 10, reason: "seed", idempotencyKey: "crud-seed" });
    await redeemReward(ctx, { customerId: customer.id, rewardId: used.id, idempotencyKey: "crud-redeem" });

    const deleted = await callRoute(remove, "DELETE", `/tenants/${slug}/rewards/${unused.id}`, { tenant: slug, id: unused.id }, secret);
    expect(deleted).toMatchObject({ status: 200, json: { archived: false, deleted: true } });
    expect(await rewardRow(ctx.tenantId, unused.id)).toBeNull();
    const archived = await callRoute(remove, "DELETE", `/tenants/${slug}/rewards/${used.id}`, { tenant: slug, id: used.id }, secret);
    expect(archived).toMatchObject({ status: 200, json: { archived: true, deleted: false } });
    expect((await rewardRow(ctx.tenantId, used.id))!.archivedAt).not.toBeNull();
    // Archived: still readable, no longer editable.
    expect(await callRoute(get, "GET", `/tenants/${slug}/rewards/${used.id}`, { tenant: slug, id: used.id }, secret)).toMatchObject({
      status: 200,
      json: { active: false },
    });
    const edit = await callRoute(patch, "PATCH", `/tenants/${slug}/rewards/${used.id}`, { tenant: slug, id: used.id }, secret, { body: { cost: 9 } });
    expect(edit.status).toBe(409);
    expect((await callRoute(remove, "DELETE", `/tenants/${slug}/rewards/${unused.id}`, { tenant: slug, id: unused.id }, secret)).status).toBe(404);
  });
});
