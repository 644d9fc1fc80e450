import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { findProspect } from "./find-prospect";
import { ZProspectRef } from "./prospect.schemas";

/**
 * Staff know this prospect is a customer: creates the customer (named after the author's handle,
 * the only name a mention keeps) and records the conversion, so the author leaves the list.
 *
 * The account is NOT attached: the code models a linked profile as the customer's consent
 * (linkSocialProfile writes a ConsentRecord), which staff cannot give for them. The customer is
 * left ready to link; when they link the account in the portal, linkSocialProfile credits their
 * earlier prospect mentions (creditEarlierMentionsInTx) — the one crediting path.
 */
export async function markProspectAsCustomer(ctx: TenantContext, raw: { network: string; authorExternalId: string }): Promise<{ customerId: string }> {
  assertCan(ctx, "customers:write");
  const ref = ZProspectRef.parse(raw);
  const run = getDb().$transaction(async (tx) => {
    const prospect = await findProspect(tx, ctx, ref);
    const customer = await tx.customer.create({
      data: { tenantId: ctx.tenantId, displayName: `@${prospect.handle}`, lifecycleStage: "CUSTOMER" },
      select: { id: true },
    });
    // The primary key (tenant, network, author) makes a concurrent second click fail (CONFLICT)
    // rather than create a second customer: its whole transaction rolls back.
    await tx.prospectConversion.create({
      data: { tenantId: ctx.tenantId, network: ref.network, authorExternalId: ref.authorExternalId, customerId: customer.id },
    });
    await writeAudit(tx, ctx, { action: "customer.created", targetType: "Customer", targetId: customer.id, data: { fromProspect: true } });
    await writeAudit(tx, ctx, {
      action: "prospect.marked_customer",
      targetType: "Customer",
      targetId: customer.id,
      data: { network: ref.network, authorExternalId: ref.authorExternalId },
    });
    return { customerId: customer.id };
  });
  return run.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "this prospect was just made a customer");
    throw error;
  });
}
