// POST …/customers/{id}/merge: the merge screen's mergeCustomers over the API. The path's customer
// goes into survivorId with its emails and points; the permission is the screen's (customers:delete,
// and ledger:adjust for the points), so a key needs customers:write and ledger:write. Another
// brand's customer, on either side, is 404 and nothing moves.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { callRoute } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { findLedgerViolations } from "../support/ledger-invariants";

const mergeRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/[id]/merge/route");

describe("POST …/customers/{id}/merge", () => {
  it("merges the path's customer into the survivor, once; refuses itself, a short-scoped key and another brand's customers", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const slug = ctx.tenantSlug;
    const twin = await makeCustomer(ctx, { displayName: "Ann Twin", emails: ["ann.twin@merge.test"], phone: "+15550001" });
    const ann = await makeCustomer(ctx, { displayName: "Ann", emails: ["ann@merge.test"] });
    await adjustPoints(ctx, { customerId: twin.id, amount: 30, reason: "seed", idempotencyKey: "merge-twin" });
    await adjustPoints(ctx, { customerId: ann.id, amount: 10, reason: "seed", idempotencyKey: "merge-ann" });
    const { secret } = await createApiKey(ctx, { name: "CRM", scopes: ["customers:write", "ledger:write"] });
    const merge = (id: string, body: unknown, key = secret, tenant = slug) =>
      callRoute(mergeRoute.POST, "POST", `/tenants/${tenant}/customers/${id}/merge`, { tenant, id }, key, { body });

    const { secret: customersOnly } = await createApiKey(ctx, { name: "CRM without points", scopes: ["customers:write"] });
    expect((await merge(twin.id, { survivorId: ann.id }, customersOnly)).status).toBe(403);
    expect((await merge(twin.id, { survivorId: ann.id, customerId: ann.id })).status).toBe(422);
    expect((await merge(twin.id, { survivorId: twin.id })).status).toBe(400);

    // Another brand's customer: as the merged one (by our slug), as the survivor, and by its own slug.
    const other = await createTenantWithMember("OWNER");
    const theirs = await makeCustomer(other.ctx, { displayName: "Theirs" });
    expect((await merge(theirs.id, { survivorId: ann.id })).status).toBe(404);
    expect((await merge(twin.id, { survivorId: theirs.id })).status).toBe(404);
    expect((await merge(theirs.id, { survivorId: theirs.id }, secret, other.tenant.slug)).status).toBe(404);
    expect(await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id: twin.id }, select: { mergedIntoId: true } })).toEqual({
      mergedIntoId: null,
    });

    const merged = await merge(twin.id, { survivorId: ann.id });
    expect(merged).toMatchObject({ status: 200, json: { survivorId: ann.id, movedPoints: 30, survivorBalance: 40 } });
    const rows = await getDb().customer.findMany({
      where: { tenantId: ctx.tenantId, id: { in: [twin.id, ann.id] } },
      select: {
        id: true,
        mergedIntoId: true,
        phone: true,
        emails: { select: { email: true }, orderBy: { email: "asc" } },
        pointBalance: { select: { balance: true } },
      },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(twin.id)).toMatchObject({ mergedIntoId: ann.id, emails: [], pointBalance: { balance: 0 } });
    expect(byId.get(ann.id)).toMatchObject({
      mergedIntoId: null,
      phone: "+15550001",
      emails: [{ email: "ann.twin@merge.test" }, { email: "ann@merge.test" }],
      pointBalance: { balance: 40 },
    });
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "customer.merged", targetId: ann.id } })).toBe(1);
    expect(await findLedgerViolations(ctx.tenantId)).toEqual([]);
    // Once: the merged record is history now.
    expect((await merge(twin.id, { survivorId: ann.id })).status).toBe(409);
  });
});
