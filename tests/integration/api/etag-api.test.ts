// ETag / If-Match on GET+PATCH …/customers/{id} and …/rewards/{id}: GET answers a strong ETag, a
// PATCH with an If-Match that is not the current version answers 412 problem+json and changes
// nothing (no row, no audit), the compare happens under the row lock (two writers holding the same
// ETag: exactly one wins), and a PATCH answers the new ETag. Without If-Match writes apply as before.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { callRoute, type RouteHandler } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const customerRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/route");
const rewardRoute = await import("../../../src/app/api/v1/tenants/[tenant]/rewards/[id]/route");

/** GET and PATCH of one row, by an API key, with an optional If-Match. */
function resource(get: RouteHandler, patch: RouteHandler, path: string, params: Record<string, string>, key: string) {
  return {
    get: () => callRoute(get, "GET", path, params, key),
    patch: (body: unknown, ifMatch?: string) =>
      callRoute(patch, "PATCH", path, params, key, { body, headers: ifMatch === undefined ? {} : { "if-match": ifMatch } }),
  };
}

const STRONG_TAG = /^"[A-Za-z0-9_-]{32}"$/;

describe("ETag and If-Match", () => {
  it("customers: a stale If-Match is 412 and changes nothing; the current one applies and answers the new ETag", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx, { displayName: "Before" });
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["customers:write"] });
    const slug = ctx.tenantSlug;
    const api = resource(customerRoute.GET, customerRoute.PATCH, `/tenants/${slug}/customers/${customer.id}`, { tenant: slug, id: customer.id }, secret);
    const audits = () => getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "customer.updated", targetId: customer.id } });
    const name = async () => (await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: customer.id } })).displayName;

    const read = await api.get();
    const tag = read.headers.get("etag")!;
    expect(tag).toMatch(STRONG_TAG);
    expect((await api.get()).headers.get("etag")).toBe(tag);

    for (const stale of ['"not-the-version"', `W/${tag}`, tag.slice(1, -1)]) {
      const refused = await api.patch({ displayName: "Stale" }, stale);
      expect(refused.status, stale).toBe(412);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.json).toMatchObject({ status: 412, title: "Precondition failed" });
    }
    expect(await name()).toBe("Before");
    expect(await audits()).toBe(0);

    const applied = await api.patch({ displayName: "After" }, tag);
    expect(applied).toMatchObject({ status: 200, json: { displayName: "After" } });
    const newTag = applied.headers.get("etag")!;
    expect(newTag).toMatch(STRONG_TAG);
    expect(newTag).not.toBe(tag);
    expect((await api.get()).headers.get("etag")).toBe(newTag);
    expect(await name()).toBe("After");

    // The old tag is stale now; the list form and * hold; no If-Match applies as before.
    expect((await api.patch({ displayName: "Again" }, tag)).status).toBe(412);
    expect(await name()).toBe("After");
    expect((await api.patch({ notes: "listed" }, `"x", ${newTag}`)).status).toBe(200);
    expect((await api.patch({ notes: "any version" }, "*")).status).toBe(200);
    expect((await api.patch({ notes: "unconditional" })).status).toBe(200);
    expect(await audits()).toBe(4);
  });

  it("customers: two writers holding the same ETag, at once: exactly one applies, the other is 412", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx, { displayName: "Contended" });
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["customers:write"] });
    const slug = ctx.tenantSlug;
    const api = resource(customerRoute.GET, customerRoute.PATCH, `/tenants/${slug}/customers/${customer.id}`, { tenant: slug, id: customer.id }, secret);
    const tag = (await api.get()).headers.get("etag")!;
    const answers = await Promise.all([api.patch({ displayName: "Writer A", emails: ["a@etag.test"] }, tag), api.patch({ displayName: "Writer B" }, tag)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.status === 200)!.json.displayName;
    const row = await getDb().customer.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, id: customer.id },
      select: { displayName: true, emails: { select: { email: true } } },
    });
    expect(row.displayName).toBe(winner);
    // The loser's email change did not half-apply either.
    expect(row.emails.map((e) => e.email).includes("a@etag.test")).toBe(winner === "Writer A");
  });

  it("rewards: ETag moves with any change (a redemption's stock too); stale If-Match is 412; one of two same-tag writers wins", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Cap", cost: 10, stock: 5 });
    const { secret } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:write"] });
    const slug = ctx.tenantSlug;
    const api = resource(rewardRoute.GET, rewardRoute.PATCH, `/tenants/${slug}/rewards/${reward.id}`, { tenant: slug, id: reward.id }, secret);
    const row = () => getDb().reward.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: reward.id } });

    const tag = (await api.get()).headers.get("etag")!;
    expect(tag).toMatch(STRONG_TAG);
    // A redemption takes one off the stock: the version the client read is stale.
    const customer = await makeCustomer(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 10, reason: "seed", idempotencyKey: "etag-seed" });
    await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "etag-redeem" });
    const stale = await api.patch({ stock: 100 }, tag);
    expect(stale.status).toBe(412);
    expect(await row()).toMatchObject({ stock: 4, cost: 10 });

    const fresh = (await api.get()).headers.get("etag")!;
    expect(fresh).not.toBe(tag);
    const answers = await Promise.all([api.patch({ cost: 11 }, fresh), api.patch({ cost: 12 }, fresh)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const won = answers.find((a) => a.status === 200)!;
    expect((await row()).cost).toBe(won.json.cost);
    expect(won.headers.get("etag")).toBe((await api.get()).headers.get("etag"));
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "reward.updated", targetId: reward.id } })).toBe(1);
  });

  it("rewards: without If-Match, three partial PATCHes at once all land (the merge is redone over a version that changed meanwhile)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Scarf", cost: 10, stock: 5, description: "Wool" });
    const { secret } = await createApiKey(ctx, { name: "Shop", scopes: ["rewards:write"] });
    const slug = ctx.tenantSlug;
    const api = resource(rewardRoute.GET, rewardRoute.PATCH, `/tenants/${slug}/rewards/${reward.id}`, { tenant: slug, id: reward.id }, secret);
    const answers = await Promise.all([api.patch({ cost: 20 }), api.patch({ stock: 9 }), api.patch({ perCustomerLimit: 2 })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await getDb().reward.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: reward.id } })).toMatchObject({
      cost: 20,
      stock: 9,
      perCustomerLimit: 2,
      description: "Wool",
    });
  });
});
