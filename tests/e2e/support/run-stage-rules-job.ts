// Run by advocates.spec.ts as its own process (`npx tsx`): plays the worker for ONE queued
// `advocates.apply-stage-rules` job of the tenant named in argv (run-one-job.ts), with the e2e
// server's database and Redis.
import { runOneJob } from "./run-one-job";

const [tenantId, jobId] = process.argv.slice(2);
if (!tenantId || !jobId) throw new Error("usage: run-stage-rules-job.ts <tenantId> <jobId>");

const { ZApplyStageRulesJob } = await import("../../../src/server/modules/advocates/stage-rule.schemas");
const { applyStageRulesHandler } = await import("../../../src/server/modules/advocates/advocates.handlers");

await runOneJob("maintenance", jobId, async (job) => {
  const payload = ZApplyStageRulesJob.parse(job.data);
  if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
  await applyStageRulesHandler(payload, job);
});
process.exit(0);
