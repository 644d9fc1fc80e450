import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { JOB_DEFINITIONS, isJobName, type JobName } from "@/server/jobs/job-definitions";
import { isAppError } from "@/server/errors";
import { getLogger } from "@/server/logger";
import { MAX_OUTAGE_DEFERRALS, isDatabaseUnavailable, outageRetryDelayMs } from "./database-outage";
import { HANDLERS, type JobHandler } from "./handler-registry";

/**
 * Parses the payload when the job is consumed and calls its handler. A payload that does not
 * parse, an unknown job name, or a domain error that retrying cannot fix fails the job for good;
 * anything else is rethrown so BullMQ's retries with backoff apply — except a database outage,
 * which is not the job's fault: the job waits for Postgres without spending an attempt.
 */
export async function processJob(job: Job, token?: string): Promise<void> {
  if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
  const name: JobName = job.name;
  const parsed = JOB_DEFINITIONS[name].schema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid payload for ${name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const handler = HANDLERS[name] as JobHandler<typeof name>;
  try {
    await handler(parsed.data, job);
  } catch (error) {
    if (isAppError(error) && ["BAD_REQUEST", "VALIDATION_FAILED", "NOT_FOUND", "FORBIDDEN"].includes(error.code)) {
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    }
    if (token && isDatabaseUnavailable(error)) await deferDuringOutage(job, token, error as Error);
    throw error;
  }
}

/**
 * Postgres is down or restarting: every attempt would fail in milliseconds, so a job's few
 * retries (meant for its own errors) would be gone within seconds of the outage and the job
 * failed for good — a poll run then stays RUNNING until the stale-run window (15 min) passes.
 * Instead the job goes back to delayed without counting an attempt, waiting 1 s doubling to 30 s,
 * for about half an hour at most (then its failures count again). Jobs without retries
 * (scheduler ticks) fail as before: the next tick replaces them. Throws BullMQ's DelayedError.
 */
async function deferDuringOutage(job: Job, token: string, error: Error): Promise<void> {
  if ((job.opts.attempts ?? 1) <= 1) return;
  // Every start counts in attemptsStarted; failed attempts also count in attemptsMade.
  const deferrals = Math.max(0, job.attemptsStarted - 1 - job.attemptsMade);
  if (deferrals >= MAX_OUTAGE_DEFERRALS) return;
  const delay = outageRetryDelayMs(deferrals);
  await job.moveToDelayed(Date.now() + delay, token);
  getLogger().warn({ job: job.name, jobId: job.id, deferral: deferrals + 1, delayMs: delay, err: error.message }, "database unavailable: job deferred");
  throw new DelayedError();
}
