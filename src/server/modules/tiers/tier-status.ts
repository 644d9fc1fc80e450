import { assertCan, type CustomerContext, type TenantContext, type TenantScope } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { loadEarned, windowBetween } from "./earned-in-period";
import { monthsBefore, placeOnLadder } from "./tier-ladder";
import { ZTierId, type TierDto, type TierStatusDto } from "./tier.schemas";
import { loadTierPeriodMonths, loadTiers } from "./tier.service";

type Reader = Db | DbTx;

/** Tier statuses of customers already known to be the tenant's: one query for the ladder, one for all their points. */
async function statusesOf(db: Reader, scope: TenantScope, customerIds: readonly string[], now: Date): Promise<Map<string, TierStatusDto>> {
  const [periodMonths, tiers] = await Promise.all([loadTierPeriodMonths(db, scope), loadTiers(db, scope)]);
  const periodStart = monthsBefore(now, periodMonths);
  const earned = await loadEarned(db, scope, customerIds, windowBetween(periodStart, now));
  const out = new Map<string, TierStatusDto>();
  for (const [customerId, points] of earned) {
    out.set(customerId, {
      customerId,
      earnedInPeriod: points,
      periodMonths,
      periodStart: periodStart.toISOString(),
      asOf: now.toISOString(),
      ...placeOnLadder(tiers, points),
    });
  }
  return out;
}

/** The tenant's customers among `ids` (any other id is dropped). */
async function ownCustomers(db: Reader, scope: TenantScope, ids: readonly string[]): Promise<string[]> {
  const rows = await db.customer.findMany({ where: { tenantId: scope.tenantId, id: { in: [...new Set(ids)] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** The signed-in customer's tier, points earned in the period and progress to the next tier (portal). */
export async function tierStatus(cctx: CustomerContext, now = new Date()): Promise<TierStatusDto> {
  const db = getDb();
  const [id] = await ownCustomers(db, cctx, [cctx.customerId]);
  if (!id) throw AppError.notFound("customer");
  return (await statusesOf(db, cctx, [id], now)).get(id)!;
}

/** Staff: one customer's tier status (customers:read); another brand's customer is NOT_FOUND. */
export async function customerTierStatus(ctx: TenantContext, customerId: string, now = new Date()): Promise<TierStatusDto> {
  assertCan(ctx, "customers:read");
  const db = getDb();
  const [id] = await ownCustomers(db, ctx, [customerId]);
  if (!id) throw AppError.notFound("customer");
  return (await statusesOf(db, ctx, [id], now)).get(id)!;
}

/** Staff: tier statuses for a list (a page of customers, a CSV), in three queries whatever its length; foreign ids are left out. */
export async function customerTierStatuses(ctx: TenantContext, customerIds: readonly string[], now = new Date()): Promise<Map<string, TierStatusDto>> {
  assertCan(ctx, "customers:read");
  if (customerIds.length > 1000) throw new AppError("BAD_REQUEST", "at most 1,000 customers at a time");
  const db = getDb();
  const ids = await ownCustomers(db, ctx, customerIds);
  return ids.length ? statusesOf(db, ctx, ids, now) : new Map();
}

/**
 * Whether a customer is at or above a tier (a reward's minimum-tier gate): their points earned in
 * the brand's period reach the tier's threshold. Runs in the caller's transaction. An erased or
 * merged-away customer, or one of another tenant, meets no tier; an unknown tier is NOT_FOUND
 * (the caller's reference is broken, which is not the customer's fault to hide).
 */
export async function customerMeetsTier(tx: DbTx, scope: TenantScope, customerId: string, tierId: string, now = new Date()): Promise<boolean> {
  if (!ZTierId.safeParse(tierId).success) throw AppError.notFound("tier");
  const tier: TierDto | null = await tx.tier.findFirst({ where: { tenantId: scope.tenantId, id: tierId }, select: { id: true, name: true, threshold: true } });
  if (!tier) throw AppError.notFound("tier");
  const live = await tx.customer.findFirst({ where: { tenantId: scope.tenantId, id: customerId, erasedAt: null, mergedIntoId: null }, select: { id: true } });
  if (!live) return false;
  if (tier.threshold === 0) return true;
  const periodMonths = await loadTierPeriodMonths(tx, scope);
  const earned = await loadEarned(tx, scope, [customerId], windowBetween(monthsBefore(now, periodMonths), now));
  return (earned.get(customerId) ?? 0) >= tier.threshold;
}
