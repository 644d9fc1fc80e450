import type { TenantContext } from "../../auth/tenant-context";
import { getBalance } from "../ledger/ledger-queries";
import { customerTierStatus } from "../tiers/tier-status";
import { listCustomerProfiles } from "./customer-accounts";
import type { CustomerExpansion, ExpandedCustomerDto } from "./customer-expand.schemas";
import { getCustomerOrThrow } from "./customer.service";

/**
 * One customer with what the caller asked to embed. Each part keeps its own permission (the
 * balance needs ledger:read like GET …/balance), so expand never reads more than the separate
 * calls would.
 */
export async function getExpandedCustomer(ctx: TenantContext, customerId: string, expand: readonly CustomerExpansion[] = []): Promise<ExpandedCustomerDto> {
  const want = new Set(expand);
  const customer = await getCustomerOrThrow(ctx, customerId);
  const [balance, tier, profiles] = await Promise.all([
    want.has("balance") ? getBalance(ctx, customer.id) : undefined,
    want.has("tier") ? customerTierStatus(ctx, customer.id) : undefined,
    want.has("profiles") ? listCustomerProfiles(ctx, customer.id) : undefined,
  ]);
  return { ...customer, ...(balance ? { balance } : {}), ...(tier ? { tier } : {}), ...(profiles ? { profiles } : {}) };
}
