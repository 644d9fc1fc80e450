import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { LIFECYCLE_STAGES } from "../customers/customer.schemas";

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Live customers (not merged away, not erased) per lifecycle stage, in funnel order; 0 for an empty stage. */
export async function lifecycleFunnel(ctx: TenantContext): Promise<{ stage: LifecycleStage; count: number }[]> {
  assertCan(ctx, "customers:read");
  const groups = await getDb().customer.groupBy({
    by: ["lifecycleStage"],
    where: { tenantId: ctx.tenantId, mergedIntoId: null, erasedAt: null },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((g) => [g.lifecycleStage, g._count._all]));
  return LIFECYCLE_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}
