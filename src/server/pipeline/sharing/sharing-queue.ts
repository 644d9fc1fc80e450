import type { JobsOptions } from "bullmq";
import { jobData } from "../../jobs/job-scope";
import { getQueue, toJobId } from "../../jobs/queues";
import { SHARING_JOBS, type SharingJobName, type SharingJobPayload } from "./sharing.jobs";

/**
 * Enqueues sharing/refresh jobs the way `enqueueMany` does (payload validated before it leaves,
 * definition options, ":" in job ids swapped by toJobId), reading SHARING_JOBS, so it works
 * before and after these definitions are spread into JOB_DEFINITIONS.
 */
export async function enqueueSharingJobs<N extends SharingJobName>(
  name: N,
  jobs: { payload: SharingJobPayload<N>; options?: JobsOptions }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const definition = SHARING_JOBS[name];
  await getQueue(definition.queue).addBulk(
    jobs.map(({ payload, options = {} }) => ({
      name,
      data: jobData(name, definition, payload),
      opts: { ...definition.options, ...options, jobId: options.jobId === undefined ? undefined : toJobId(options.jobId) },
    })),
  );
}
