import { unsafeCrossTenantDb } from "../../db/client";
import { enqueueMany } from "../../jobs/queues";
import { applyStageRulesJobId } from "./advocates.jobs";

/** The hourly fan-out: one `advocates.apply-stage-rules` per brand whose rules are on. Returns how many. */
export async function scheduleStageRuleRuns(): Promise<number> {
  // cross-tenant: the scheduler lists every brand with enabled rules to fan out one job each
  const sets = await unsafeCrossTenantDb().stageRuleSet.findMany({ where: { enabled: true }, select: { tenantId: true }, orderBy: { tenantId: "asc" } });
  await enqueueMany(
    "advocates.apply-stage-rules",
    sets.map(({ tenantId }) => ({ payload: { tenantId }, options: { jobId: applyStageRulesJobId(tenantId) } })),
  );
  return sets.length;
}
