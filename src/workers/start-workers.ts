import { Worker } from "bullmq";
import { getEnv, type Env } from "@/server/env";
import type { QueueName } from "@/server/jobs/queue-names";
import { QUEUE_PREFIX, redisQueueName } from "@/server/jobs/queues";
import { queuesInUse } from "@/server/jobs/registry";
import { getLogger } from "@/server/logger";
import { createRedis } from "@/server/redis";
import { processJob } from "./process-job";

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Each queue's concurrency variable (src/server/env.ts). */
const CONCURRENCY: Record<QueueName, keyof Env & `WORKER_CONCURRENCY_${string}`> = {
  listening: "WORKER_CONCURRENCY_LISTENING",
  ledger: "WORKER_CONCURRENCY_LEDGER",
  sharing: "WORKER_CONCURRENCY_SHARING",
  mail: "WORKER_CONCURRENCY_MAIL",
  maintenance: "WORKER_CONCURRENCY_MAINTENANCE",
};

export function queueConcurrency(queue: QueueName, env: Env = getEnv()): number {
  return env[CONCURRENCY[queue]];
}

/**
 * One BullMQ worker per queue the job registry uses, each on its own blocking connection and with
 * its own concurrency, all running the registry's handlers (process-job.ts). `concurrency`
 * overrides every queue's (tests).
 *
 * Crash recovery: a worker renews its jobs' locks every half WORKER_LOCK_DURATION_MS; a job whose
 * worker died keeps its lock until that expires, then the next stalled-job check (any live
 * worker, every WORKER_STALLED_INTERVAL_MS, also at start) puts it back to waiting. So a killed
 * worker's jobs resume within lock + interval (5 s by default). A job that stalls again and again
 * (it crashes its worker) fails after maxStalledCount, with its reason, on the queue screens.
 */
export function startWorkers(options: { concurrency?: number } = {}): RunningWorkers {
  const log = getLogger();
  const env = getEnv();
  const workers = queuesInUse().map((queue) => {
    const worker = new Worker(redisQueueName(queue), processJob, {
      connection: createRedis("worker"),
      prefix: QUEUE_PREFIX,
      concurrency: options.concurrency ?? queueConcurrency(queue, env),
      lockDuration: env.WORKER_LOCK_DURATION_MS,
      stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: 5,
    });
    worker.on("failed", (job, error) => log.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, "job failed"));
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
