// GET …/mentions/{id}: one mention, exactly as the list shows it; another brand's mention, or an
// id that is no mention id, is 404.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { callRoute } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const mentionsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/route");
const mentionRoute = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/[id]/route");

let seq = 0;
async function storeMention(ctx: TenantContext, customerId: string | null, text: string): Promise<string> {
  const n = ++seq;
  const [row] = await getDb().$queryRaw<{ id: string }[]>`
    INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                           text, "postedAt", "matchedKeywords", "sentimentScore", "sentimentLabel", status, "updatedAt")
    VALUES (${ctx.tenantId}, 'TWITTER', ${`one-${n}-${Date.now()}`}, ${customerId}, ${`author-${n}`}, ${`author_${n}`}, 10, ${text},
            now() - make_interval(mins => ${n}), ARRAY['brand'], 0.5, 'PROMOTER', 'CREDITED', now())
    RETURNING id`;
  return row!.id;
}

describe("GET …/mentions/{id}", () => {
  it("answers one mention as the list item, and 404 for another brand's or a malformed id", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const customer = await makeCustomer(ctx);
    const id = await storeMention(ctx, customer.id, "love the brand");
    await storeMention(ctx, null, "another post");
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["mentions:read"] });

    const one = await callRoute(mentionRoute.GET, "GET", `/tenants/${slug}/mentions/${id}`, { tenant: slug, id }, secret);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id, customerId: customer.id, text: "love the brand", status: "CREDITED", points: { paid: 0, reversed: 0, net: 0 } });
    const listed = await callRoute(mentionsRoute.GET, "GET", `/tenants/${slug}/mentions`, { tenant: slug }, secret);
    expect((listed.json.items as { id: string }[]).find((m) => m.id === id)).toEqual(one.json);

    const other = await createTenantWithMember("OWNER");
    const theirs = await storeMention(other.ctx, null, "their post");
    expect((await callRoute(mentionRoute.GET, "GET", `/tenants/${slug}/mentions/${theirs}`, { tenant: slug, id: theirs }, secret)).status).toBe(404);
    const foreignSlug = await callRoute(
      mentionRoute.GET,
      "GET",
      `/tenants/${other.tenant.slug}/mentions/${theirs}`,
      { tenant: other.tenant.slug, id: theirs },
      secret,
    );
    expect(foreignSlug.status).toBe(404);
    const malformed = await callRoute(mentionRoute.GET, "GET", `/tenants/${slug}/mentions/nope`, { tenant: slug, id: "nope" }, secret);
    expect(malformed).toMatchObject({ status: 404, json: { detail: "mention not found" } });
    // Scope: a key without mentions:read is refused.
    const { secret: ledgerKey } = await createApiKey(ctx, { name: "BI", scopes: ["ledger:read"] });
    expect((await callRoute(mentionRoute.GET, "GET", `/tenants/${slug}/mentions/${id}`, { tenant: slug, id }, ledgerKey)).status).toBe(403);
  });
});
