import { assertCan, type CustomerContext, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";

/**
 * Staff see the portal as a customer sees it, to answer "why do I have these points?": a
 * CustomerContext marked as a preview (every portal write refuses it, assertCustomerActs), built
 * only for a live customer of the staff member's own brand, and each preview is audited.
 */
export async function previewPortalAs(ctx: TenantContext, customerId: string): Promise<CustomerContext> {
  assertCan(ctx, "customers:read");
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new AppError("FORBIDDEN", "only a signed-in staff member can preview the portal");
  const userId = ctx.actor.id;
  return getDb().$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { tenantId: ctx.tenantId, id: customerId, erasedAt: null, mergedIntoId: null },
      select: { id: true },
    });
    if (!customer) throw AppError.notFound("customer");
    await writeAudit(tx, ctx, { action: "customer.portal_previewed", targetType: "Customer", targetId: customer.id });
    return { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id }, previewBy: { userId } };
  });
}
