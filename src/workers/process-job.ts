import { UnrecoverableError, type Job } from "bullmq";
import { JOB_DEFINITIONS, isJobName, type JobName } from "@/server/jobs/job-definitions";
import { isAppError } from "@/server/errors";
import { HANDLERS, type JobHandler } from "./handler-registry";

/**
 * Parses the payload when the job is consumed and calls its handler. A payload that does not
 * parse, an unknown job name, or a domain error that retrying cannot fix fails the job for good;
 * anything else is rethrown so BullMQ's retries with backoff apply.
 */
export async function processJob(job: Job): Promise<void> {
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
    throw error;
  }
}
