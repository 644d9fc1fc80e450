import { defineJob, TICK } from "../../jobs/define-job";
import { ZApplyStageRulesJob, ZScheduleStageRules } from "./stage-rule.schemas";

/** The dedupe id of a tenant's stage-rule run: one waiting or running at a time. */
export function applyStageRulesJobId(tenantId: string): string {
  return `stage-rules:${tenantId}`;
}

/** Hourly: one `advocates.apply-stage-rules` per brand with enabled rules (windows are days long; an hour is fresh enough). */
export const scheduleStageRulesJob = defineJob({
  ...TICK,
  name: "advocates.schedule-stage-rules",
  payload: ZScheduleStageRules,
  handler: async () => (await import("./advocates.handlers")).scheduleStageRulesHandler,
  schedule: { id: "advocates-stage-rules-scheduler", everyMs: 60 * 60_000 },
});

/** One brand: move customers between stages by its rules (apply-stage-rules.ts); also enqueued after a save. */
export const applyStageRulesJob = defineJob({
  name: "advocates.apply-stage-rules",
  scope: "tenant",
  queue: "maintenance",
  payload: ZApplyStageRulesJob,
  handler: async () => (await import("./advocates.handlers")).applyStageRulesHandler,
  retry: { attempts: 3, backoffMs: 10_000 },
  retain: "recent",
  dedupe: "while-pending",
});

export const ADVOCATE_JOBS = [scheduleStageRulesJob, applyStageRulesJob] as const;
