import { DelayedError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { QueueName } from "../../../src/server/jobs/queue-names";

/**
 * The e2e tier has no worker: a stand-in process (run-share-job.ts, run-deletion-job.ts) plays it
 * for ONE queued job of `queue` (by id, or the first the predicate accepts), with the e2e server's database and Redis. Jobs of other specs it
 * happens to take go back untouched (delayed, no attempt spent). Resolves when that job completed,
 * rejects when it failed or was not found within 30 s.
 */
export async function runOneJob(queue: QueueName, jobId: string | ((job: Job) => boolean), handle: (job: Job) => Promise<void>): Promise<void> {
  const wanted = (job: Job) => (typeof jobId === "string" ? job.id === jobId : jobId(job));
  const label = typeof jobId === "string" ? jobId : "matching";
  const { getEnv } = await import("../../../src/server/env");
  const { QUEUE_PREFIX, redisQueueName } = await import("../../../src/server/jobs/queues");
  const connection = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: null });
  let worker: Worker | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${label} was not found within 30 s`)), 30_000);
    worker = new Worker(
      redisQueueName(queue),
      async (job: Job, token?: string) => {
        if (!wanted(job)) {
          await job.moveToDelayed(Date.now() + 500, token);
          throw new DelayedError();
        }
        await handle(job);
      },
      { connection, prefix: QUEUE_PREFIX },
    );
    worker.on("completed", (job) => {
      if (wanted(job)) {
        clearTimeout(timer);
        resolve();
      }
    });
    worker.on("failed", (job, error) => {
      if (job && wanted(job)) {
        clearTimeout(timer);
        reject(error);
      }
    });
  });
  try {
    await done;
  } finally {
    await worker?.close();
    await connection.quit();
    const { disconnectDb } = await import("../../../src/server/db/client");
    await disconnectDb();
  }
}
