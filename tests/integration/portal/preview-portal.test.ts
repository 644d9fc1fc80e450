import { describe, expect, it } from "vitest";
import { assertCustomerActs } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { previewPortalAs } from "../../../src/server/modules/portal/preview-portal";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";

/** Issue 11 item 1: staff preview the portal as a customer — read-only, audited, own brand only. */
describe("portal preview", () => {
  it("gives any member a read-only customer context for a live customer of their brand, and audits it", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: viewer } = await addMember(ctx, "VIEWER");
    const customer = await makeCustomer(ctx);
    const cctx = await previewPortalAs(viewer, customer.id);
    expect(cctx).toMatchObject({ tenantId: ctx.tenantId, customerId: customer.id, previewBy: { userId: viewer.actor.id } });
    expect(() => assertCustomerActs(cctx)).toThrow(/read-only preview/);
    expect(() => assertCustomerActs({ ...cctx, previewBy: undefined })).not.toThrow();
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "customer.portal_previewed" } });
    expect(audit).toMatchObject([{ actorType: "USER", actorId: viewer.actor.id, targetId: customer.id }]);
  });

  it("answers 404 for another brand's customer and for an erased one, and audits nothing then", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: other } = await createTenantWithMember("OWNER");
    const theirs = await makeCustomer(other);
    const erased = await makeCustomer(ctx);
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: erased.id }, data: { erasedAt: new Date() } });
    await expect(previewPortalAs(ctx, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(previewPortalAs(ctx, erased.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "customer.portal_previewed" } })).toBe(0);
  });
});
