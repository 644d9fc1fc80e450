import type { TenantScope } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
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

/** Merges chain at most this deep; longer chains are not made by mergeCustomers (it refuses a merged target). */
const MAX_MERGE_HOPS = 20;

/**
 * The live record that now holds a customer's points: the customer itself, or the survivor it
 * was merged into (following merges of survivors). Points given back or taken back for an entry
 * of a merged-away customer land here, not on the emptied record.
 */
export async function pointsHolderOf(tx: Db | DbTx, ctx: TenantScope, customerId: string): Promise<string> {
  let current = customerId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const row = await tx.customer.findFirst({ where: { tenantId: ctx.tenantId, id: current }, select: { mergedIntoId: true } });
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  throw new AppError("INTERNAL", "merge chain too long");
}
