import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { AppError } from "../../errors";

/**
 * The ledger's foreign key to Customer does not know tenants, so every write checks the tenant
 * itself. Points move only for live customers: a merged-away or erased record keeps its
 * history but earns and spends nothing more.
 */
export async function assertLiveCustomer(tx: DbTx, ctx: TenantScope, customerId: string): Promise<void> {
  const found = await tx.customer.findFirst({
    where: { tenantId: ctx.tenantId, id: customerId, mergedIntoId: null, erasedAt: null },
    select: { id: true },
  });
  if (!found) throw AppError.notFound("customer");
}

/** Reads of history accept any customer of the tenant, merged or erased included. */
export async function assertCustomerOfTenant(tx: DbTx, ctx: TenantScope, customerId: string): Promise<void> {
  const found = await tx.customer.findFirst({ where: { tenantId: ctx.tenantId, id: customerId }, select: { id: true } });
  if (!found) throw AppError.notFound("customer");
}
