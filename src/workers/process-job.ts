import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { isAppError } from "@/server/errors";
import { isJobName, jobDefinition } from "@/server/jobs/registry";
import { getLogger } from "@/server/logger";
import { MAX_OUTAGE_DEFERRALS, isServiceUnavailable, outageRetryDelayMs } from "./database-outage";

/**
 * Looks the job up in the registry, parses the payload when the job is consumed and calls its
 * handler. A payload that does not parse, an unknown job name, or a domain error that retrying
 * cannot fix fails the job for good; anything else is rethrown so BullMQ's retries with backoff
 * apply — except an outage of Postgres or Redis, which is not the job's fault: the job waits for
 * the service without spending an attempt. A job is run whatever queue it arrived on (jobs left
 * on a queue by an older release still run).
 */
export async function processJob(job: Job, token?: string): Promise<void> {
  if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
  const definition = jobDefinition(job.name);
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  try {
    const handler = await definition.handler();
    await handler(parsed.data as never, job);
  } catch (error) {
    if (isAppError(error) && ["BAD_REQUEST", "VALIDATION_FAILED", "NOT_FOUND", "FORBIDDEN"].includes(error.code)) {
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    }
    if (token && isServiceUnavailable(error)) await deferDuringOutage(job, token, error as Error);
    throw error;
  }
}

/**
 * Postgres or Redis is down or restarting: every attempt would fail in milliseconds, so a job's
 * few retries (meant for its own errors) would be gone within seconds of the outage and the job
 * failed for good — a poll run then stays RUNNING, a scheduler tick is lost. Instead the job
 * goes back to delayed without counting an attempt, waiting 1 s doubling to 30 s, for about half
 * an hour at most (then its failures count again). Every job, scheduler ticks included. (While
 * Redis itself is unreachable the move cannot happen either: the job's lock then lapses and the
 * stalled-job check puts it back once Redis answers.) Throws BullMQ's DelayedError.
 */
async function deferDuringOutage(job: Job, token: string, error: Error): Promise<void> {
  // Every start counts in attemptsStarted; failed attempts also count in attemptsMade.
  const deferrals = Math.max(0, job.attemptsStarted - 1 - job.attemptsMade);
  if (deferrals >= MAX_OUTAGE_DEFERRALS) return;
  const delay = outageRetryDelayMs(deferrals);
  await job.moveToDelayed(Date.now() + delay, token);
  getLogger().warn(
    { job: job.name, jobId: job.id, deferral: deferrals + 1, delayMs: delay, err: error.message },
    "database or Redis unavailable: job deferred",
  );
  throw new DelayedError();
}
