import { Worker } from "bullmq";
import { getEnv } from "@/server/env";
import { QUEUE_NAMES } from "@/server/jobs/job-definitions";
import { QUEUE_PREFIX, redisQueueName } from "@/server/jobs/queues";
import { getLogger } from "@/server/logger";
import { createRedis } from "@/server/redis";
import { processJob } from "./process-job";

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** One BullMQ worker per queue, each on its own blocking connection. */
export function startWorkers(options: { concurrency?: number } = {}): RunningWorkers {
  const log = getLogger();
  const concurrency = options.concurrency ?? getEnv().WORKER_CONCURRENCY;
  const workers = QUEUE_NAMES.map((queue) => {
    const worker = new Worker(redisQueueName(queue), processJob, {
      connection: createRedis("worker"),
      prefix: QUEUE_PREFIX,
      concurrency,
      lockDuration: getEnv().WORKER_LOCK_DURATION_MS,
      stalledInterval: Math.max(500, Math.floor(getEnv().WORKER_LOCK_DURATION_MS / 2)),
      maxStalledCount: 5,
    });
    worker.on("failed", (job, error) =>
      log.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, "job failed"),
    );
    worker.on("error", (error) => log.error({ queue, err: error.message }, "worker error"));
    return worker;
  });
  return {
    workers,
    // Worker.close() waits for active jobs to finish, so a SIGTERM loses no work in flight.
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
