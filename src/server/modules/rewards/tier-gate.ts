import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { AppError } from "../../errors";

/**
 * The one place a reward's minimum tier is checked, inside the redemption's transaction. Tiers
 * are their own aggregate, built separately; until they exist this accepts a reward without a
 * minimum tier and refuses one that names a tier, because no customer can be shown to hold it.
 * Replace the body (same signature) when tiers land.
 */
export function assertTierAllows(_tx: DbTx, _scope: TenantScope, _customerId: string, minimumTierId: string | null): Promise<void> {
  if (minimumTierId === null) return Promise.resolve();
  return Promise.reject(new AppError("CONFLICT", "this reward needs a membership tier, and tiers cannot be checked yet: it cannot be redeemed for now"));
}
