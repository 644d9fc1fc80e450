import { tenantIdOf } from "../../jobs/define-job";
import { QUEUE_NAMES } from "../../jobs/queue-names";
import { getQueue } from "../../jobs/queues";
import { requirePlatformOperator, writePlatformAudit, type OperatorContext } from "../operators/operators.service";
import { discardFailed, findJob, newestFailureFirst, retryFailed, toFailedJobDto } from "./queue-jobs";
import { FAILED_JOBS_LIMIT, QUEUE_STATES, type FailedJobDto, type JobRefInput, type PlatformFailedJobDto, type QueueSummaryDto } from "./queue-monitor.schemas";

/**
 * The platform-wide queue view, for platform operators only: every tenant's jobs and the
 * platform's own. Each function takes the signed-in user and checks them itself, on every call
 * (requirePlatformOperator: flag on AND operator row), so no caller can forget the check; the
 * refused get NOT_FOUND. Payloads stay hidden here too (only the safe fields and the tenant id).
 * Actions are written to PlatformAuditLog.
 */

type SignedIn = { id: string } | null;

export async function getPlatformQueueOverview(user: SignedIn): Promise<QueueSummaryDto[]> {
  await requirePlatformOperator(user);
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = getQueue(name);
      const [counts, paused] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.isPaused()]);
      const byState = Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as QueueSummaryDto["counts"];
      return { name, paused, counts: byState, partial: false };
    }),
  );
}

export async function listPlatformFailedJobs(user: SignedIn, { limit = FAILED_JOBS_LIMIT }: { limit?: number } = {}): Promise<PlatformFailedJobDto[]> {
  await requirePlatformOperator(user);
  const take = Math.max(1, Math.min(limit, 100));
  const perQueue = await Promise.all(
    QUEUE_NAMES.map(async (name) =>
      (await getQueue(name).getFailed(0, take - 1)).filter(Boolean).map((job) => ({ ...toFailedJobDto(name, job), tenantId: tenantIdOf(job.data) })),
    ),
  );
  return perQueue.flat().sort(newestFailureFirst).slice(0, take);
}

export async function retryPlatformJob(user: SignedIn, raw: JobRefInput): Promise<FailedJobDto> {
  const operator = await requirePlatformOperator(user);
  const found = await findJob(raw);
  const before = await retryFailed(found);
  await audit(operator, "queue.job_retried", before, found.tenantId);
  return before;
}

export async function discardPlatformJob(user: SignedIn, raw: JobRefInput): Promise<FailedJobDto> {
  const operator = await requirePlatformOperator(user);
  const found = await findJob(raw);
  const before = await discardFailed(found);
  await audit(operator, "queue.job_discarded", before, found.tenantId);
  return before;
}

async function audit(operator: OperatorContext, action: string, job: FailedJobDto, tenantId: string | null): Promise<void> {
  await writePlatformAudit(operator, {
    action,
    targetType: "QueueJob",
    targetId: `${job.queue}/${job.id}`,
    tenantId,
    data: { queue: job.queue, name: job.name, attemptsMade: job.attemptsMade },
  });
}
