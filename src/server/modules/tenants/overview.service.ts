import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";

/** Real counts for the overview page; nothing here is invented. */
export async function getTenantOverview(ctx: TenantContext) {
  assertCan(ctx, "customers:read");
  const db = getDb();
  const live = { tenantId: ctx.tenantId, mergedIntoId: null, erasedAt: null };
  const [customers, advocates, members] = await Promise.all([
    db.customer.count({ where: live }),
    db.customer.count({ where: { ...live, lifecycleStage: "ADVOCATE" } }),
    db.membership.count({ where: { tenantId: ctx.tenantId } }),
  ]);
  return { customers, advocates, members };
}
