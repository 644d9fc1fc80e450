import { assertCan, type TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { getDb } from "../../db/client";
import type { StageChangeDto } from "./stage-rule.schemas";

type Stage = StageChangeDto["fromStage"];

/** A person changed the stage: recorded so the rules hold off (MANUAL_HOLD_DAYS) and the 360 shows it. */
export async function recordManualStageChange(tx: DbTx, ctx: TenantContext, customerId: string, from: Stage, to: Stage): Promise<void> {
  if (from === to) return;
  await tx.stageChange.create({ data: { tenantId: ctx.tenantId, customerId, fromStage: from, toStage: to, source: "MANUAL" } });
}

/** The customer's latest stage moves, newest first. */
export async function listStageChanges(ctx: TenantContext, customerId: string, take = 10): Promise<StageChangeDto[]> {
  assertCan(ctx, "customers:read");
  const rows = await getDb().stageChange.findMany({
    where: { tenantId: ctx.tenantId, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, fromStage: true, toStage: true, source: true, rule: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
