// GET …/customers/{id}/profiles: the customer 360's linked accounts over the API (customers:read),
// newest link first, unlinked ones left out, never a token; another brand's, merged or erased
// customer is 404.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { callRoute } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { linkTestProfile } from "../support/linked-profile";

const profilesRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/profiles/route");

describe("GET …/customers/{id}/profiles", () => {
  it("lists the customer's linked profiles without tokens, and 404s another brand's customer", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const customer = await makeCustomer(ctx);
    const x = await linkTestProfile(ctx, customer.id, { handle: "fan_on_x", accessToken: "secret-access-token-1234567890", allowPosting: true });
    const fsq = await linkTestProfile(ctx, customer.id, { network: "FOURSQUARE", handle: "fan_on_4sq", accessToken: "secret-fsq-token-0987654321" });
    const revoked = await linkTestProfile(ctx, customer.id, { handle: "old_account" });
    await getDb().socialProfile.updateMany({ where: { tenantId: ctx.tenantId, id: revoked.id }, data: { status: "REVOKED" } });
    await getDb().socialProfile.updateMany({ where: { tenantId: ctx.tenantId, id: x.id }, data: { linkedAt: new Date(Date.now() - 60_000) } });
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["customers:read"] });
    const get = (id: string, tenant = slug) => callRoute(profilesRoute.GET, "GET", `/tenants/${tenant}/customers/${id}/profiles`, { tenant, id }, secret);

    const answer = await get(customer.id);
    expect(answer.status).toBe(200);
    expect(answer.json.items).toEqual([
      expect.objectContaining({
        id: fsq.id,
        network: "FOURSQUARE",
        handle: "fan_on_4sq",
        status: "ACTIVE",
        checkins: expect.objectContaining({ status: "IDLE" }),
      }),
      expect.objectContaining({ id: x.id, network: "TWITTER", handle: "fan_on_x", followersCount: 321, autoSharing: true, checkins: null }),
    ]);
    const text = JSON.stringify(answer.json).toLowerCase();
    for (const secretText of ["secret-access-token", "secret-fsq-token", "ciphertext", "accesstoken", "refreshtoken"]) expect(text).not.toContain(secretText);

    const other = await createTenantWithMember("OWNER");
    const theirs = await makeCustomer(other.ctx);
    await linkTestProfile(other.ctx, theirs.id, { handle: "their_fan" });
    expect((await get(theirs.id)).status).toBe(404);
    expect((await get(theirs.id, other.tenant.slug)).status).toBe(404);
    expect((await get("cus_nope")).status).toBe(404);
    const { secret: ledgerKey } = await createApiKey(ctx, { name: "BI", scopes: ["ledger:read"] });
    const refused = await callRoute(
      profilesRoute.GET,
      "GET",
      `/tenants/${slug}/customers/${customer.id}/profiles`,
      { tenant: slug, id: customer.id },
      ledgerKey,
    );
    expect(refused.status).toBe(403);
  });
});
