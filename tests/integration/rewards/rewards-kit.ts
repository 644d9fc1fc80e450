import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { makeCustomer } from "../support/factories";

/** A customer holding `points`, and the portal context a signed-in customer would have. */
export async function customerWith(ctx: TenantContext, points: number) {
  const customer = await makeCustomer(ctx);
  if (points > 0) await adjustPoints(ctx, { customerId: customer.id, amount: points, reason: "Test balance", idempotencyKey: `seed-${customer.id}` });
  const cctx: CustomerContext = { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id } };
  return { customer, cctx };
}

export async function rewardRow(ctx: TenantContext, id: string) {
  return getDb().reward.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { stock: true, archivedAt: true, active: true } });
}

export async function balanceOf(ctx: TenantContext, customerId: string): Promise<number> {
  return (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId }, select: { balance: true } }))?.balance ?? 0;
}

export function ledgerOf(ctx: TenantContext, customerId: string) {
  return getDb().ledgerEntry.findMany({
    where: { tenantId: ctx.tenantId, customerId, source: { in: ["REDEMPTION", "REVERSAL"] } },
    select: { id: true, amount: true, source: true, reversesId: true, redemptionId: true },
    orderBy: { createdAt: "asc" },
  });
}
