import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { customerMeetsTier } from "../tiers/tier-status";

/**
 * The one place a reward's minimum tier is checked, inside the redemption's transaction: the
 * customer's points earned in the brand's period must reach the tier's threshold (tiers/tier-status.ts).
 */
export async function assertTierAllows(tx: DbTx, scope: TenantScope, customerId: string, minimumTierId: string | null, now = new Date()): Promise<void> {
  if (minimumTierId === null) return;
  if (await customerMeetsTier(tx, scope, customerId, minimumTierId, now)) return;
  const tier = await tx.tier.findFirst({ where: { tenantId: scope.tenantId, id: minimumTierId }, select: { name: true } });
  throw new AppError("CONFLICT", `this reward is for ${tier?.name ?? "a higher"} tier members and up`);
}
