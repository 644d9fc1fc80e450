import type { CustomerContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";

export interface MyProfile {
  displayName: string;
  primaryEmail: string | null;
}

/** The signed-in customer as the portal greets them. */
export async function myProfile(cctx: CustomerContext): Promise<MyProfile> {
  const customer = await getDb().customer.findUnique({
    where: { tenantId_id: { tenantId: cctx.tenantId, id: cctx.customerId } },
    select: {
      displayName: true,
      emails: { where: { tenantId: cctx.tenantId }, orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], take: 1, select: { email: true } },
    },
  });
  if (!customer) throw AppError.notFound("customer");
  return { displayName: customer.displayName, primaryEmail: customer.emails[0]?.email ?? null };
}
