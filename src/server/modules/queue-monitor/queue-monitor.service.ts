import type { Job } from "bullmq";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { tenantIdOf } from "../../jobs/define-job";
import { getQueue } from "../../jobs/queues";
import { isJobName, jobScope, queuesWithTenantJobs } from "../../jobs/registry";
import { writeAudit } from "../audit/audit.service";
import { discardFailed, findJob, newestFailureFirst, retryFailed, toFailedJobDto, type FoundJob } from "./queue-jobs";
import { FAILED_JOBS_LIMIT, QUEUE_STATES, type FailedJobDto, type JobRefInput, type QueueSummaryDto } from "./queue-monitor.schemas";
import { scanTenantJobs } from "./tenant-job-scan";

/**
 * A tenant's queue screen: its own jobs only. The queues are shared by every tenant, so each
 * count and each failure is computed from the jobs whose payload names this tenant
 * (tenant-job-scan.ts), on the queues that carry tenant jobs; platform jobs (scheduler ticks, mail) and other tenants' jobs are not
 * counted, listed or touchable here. Acting on a job id that is not this tenant's answers
 * NOT_FOUND, exactly like an id that does not exist, and writes nothing. Every function needs
 * settings:write (admins and owners); actions are audited in this tenant.
 */

export async function getQueueOverview(ctx: TenantContext): Promise<QueueSummaryDto[]> {
  assertCan(ctx, "settings:write");
  return Promise.all(
    queuesWithTenantJobs().map(async (name) => {
      const [scans, paused] = await Promise.all([
        Promise.all(QUEUE_STATES.map((state) => scanTenantJobs(name, state, ctx.tenantId))),
        getQueue(name).isPaused(),
      ]);
      const counts = Object.fromEntries(QUEUE_STATES.map((state, i) => [state, scans[i]!.count])) as QueueSummaryDto["counts"];
      return { name, paused, counts, partial: scans.some((s) => s.partial) };
    }),
  );
}

/** This tenant's latest failed jobs, of all queues (or one), most recent failure first. */
export async function listFailedJobs(ctx: TenantContext, { limit = FAILED_JOBS_LIMIT }: { limit?: number } = {}): Promise<FailedJobDto[]> {
  assertCan(ctx, "settings:write");
  const take = Math.max(1, Math.min(limit, 100));
  const perQueue = await Promise.all(
    queuesWithTenantJobs().map(async (name) => {
      const { ids } = await scanTenantJobs(name, "failed", ctx.tenantId, { keep: take });
      const jobs = (await Promise.all(ids.map((id) => getQueue(name).getJob(id)))).filter((job): job is Job => job !== undefined);
      // Checked again on the job as read: it may have been removed and its id reused since the scan.
      return jobs.filter((job) => isTenantsJob(ctx, { queue: name, job, tenantId: tenantIdOf(job.data) })).map((job) => toFailedJobDto(name, job));
    }),
  );
  return perQueue.flat().sort(newestFailureFirst).slice(0, take);
}

function isTenantsJob(ctx: TenantContext, found: FoundJob): boolean {
  return found.tenantId === ctx.tenantId && isJobName(found.job.name) && jobScope(found.job.name) === "tenant";
}

/** One of this tenant's jobs, or NOT_FOUND — for a foreign job exactly as for a missing one. */
async function findTenantJob(ctx: TenantContext, raw: JobRefInput): Promise<FoundJob> {
  const found = await findJob(raw);
  if (!isTenantsJob(ctx, found)) throw AppError.notFound("job");
  return found;
}

/** Moves one of this tenant's failed jobs back to waiting with its attempts reset. */
export async function retryFailedJob(ctx: TenantContext, raw: JobRefInput): Promise<FailedJobDto> {
  assertCan(ctx, "settings:write");
  const found = await findTenantJob(ctx, raw);
  const before = await retryFailed(found);
  await audit(ctx, "queue.job_retried", before);
  return before;
}

/** Removes one of this tenant's failed jobs for good (what it would have done is not done). */
export async function discardFailedJob(ctx: TenantContext, raw: JobRefInput): Promise<FailedJobDto> {
  assertCan(ctx, "settings:write");
  const found = await findTenantJob(ctx, raw);
  const before = await discardFailed(found);
  await audit(ctx, "queue.job_discarded", before);
  return before;
}

async function audit(ctx: TenantContext, action: string, job: FailedJobDto): Promise<void> {
  await getDb().$transaction((tx) =>
    writeAudit(tx, ctx, {
      action,
      targetType: "QueueJob",
      targetId: `${job.queue}/${job.id}`,
      data: { queue: job.queue, name: job.name, attemptsMade: job.attemptsMade },
    }),
  );
}
