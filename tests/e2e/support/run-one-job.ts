import { DelayedError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { QueueName } from "../../../src/server/jobs/queue-names";

/**
 * The e2e tier has no worker: a stand-in process (run-share-job.ts, run-deletion-job.ts) plays it
 * for ONE queued job of `queue`, with the e2e server's database and Redis. Jobs of other specs it
 * happens to take go back untouched (delayed, no attempt spent). Resolves when that job completed,
 * rejects when it failed or was not found within 30 s.
 */
export async function runOneJob(queue: QueueName, jobId: string, handle: (job: Job) => Promise<void>): Promise<void> {
  const { getEnv } = await import("../../../src/server/env");
  const { QUEUE_PREFIX, redisQueueName } = await import("../../../src/server/jobs/queues");
  const connection = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: null });
  let worker: Worker | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${jobId} was not found within 30 s`)), 30_000);
    worker = new Worker(
      redisQueueName(queue),
      async (job: Job, token?: string) => {
        if (job.id !== jobId) {
          await job.moveToDelayed(Date.now() + 500, token);
          throw new DelayedError();
        }
        await handle(job);
      },
      { connection, prefix: QUEUE_PREFIX },
    );
    worker.on("completed", (job) => {
      if (job.id === jobId) {
        clearTimeout(timer);
        resolve();
      }
    });
    worker.on("failed", (job, error) => {
      if (job?.id === jobId) {
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
