import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { applyStageRules } from "./apply-stage-rules";
import { scheduleStageRuleRuns } from "./schedule-stage-rules";
import type { ApplyStageRulesJob } from "./stage-rule.schemas";

export const scheduleStageRulesHandler: JobHandler<unknown> = async () => {
  await scheduleStageRuleRuns();
};

/** One brand's run; errors are rethrown so the job's retries apply. */
export const applyStageRulesHandler: JobHandler<ApplyStageRulesJob> = async ({ tenantId }) => {
  const result = await applyStageRules(systemContext(tenantId));
  getLogger().debug({ tenantId, ...result }, "stage rules applied");
};
