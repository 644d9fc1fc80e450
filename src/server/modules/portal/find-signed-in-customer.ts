import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";

/** Merges chain (A into B into C); a longer chain than this is a data fault, not a customer. */
const MAX_MERGE_HOPS = 10;

/**
 * The live customer a verified email address belongs to in this brand: any of a customer's
 * emails signs them in; a customer merged into another signs in as the one it was merged into;
 * an erased one is nobody (their emails are gone anyway). Null: the address is new here.
 */
export async function findSignedInCustomer(tx: DbTx, scope: TenantScope, email: string): Promise<string | null> {
  const owner = await tx.customerEmail.findUnique({ where: { tenantId_email: { tenantId: scope.tenantId, email } }, select: { customerId: true } });
  let customerId = owner?.customerId ?? null;
  for (let hop = 0; customerId && hop < MAX_MERGE_HOPS; hop++) {
    const customer = await tx.customer.findUnique({
      where: { tenantId_id: { tenantId: scope.tenantId, id: customerId } },
      select: { erasedAt: true, mergedIntoId: true },
    });
    if (!customer || customer.erasedAt) return null;
    if (!customer.mergedIntoId) return customerId;
    customerId = customer.mergedIntoId;
  }
  return null;
}
