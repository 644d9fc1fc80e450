// Run by feedback.spec.ts as its own process (`npx tsx`): the e2e tier has no worker, so this
// plays the worker for ONE queued `share.post-award` job, against the e2e server's own X sandbox
// (TWITTER_API_BASE_URL in the environment: the customer's token was issued there), with the e2e
// server's database, Redis and encryption key. Jobs of other specs it happens to take go back
// untouched (delayed, no attempt spent).
import { DelayedError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";

const [tenantId, sharePostId] = process.argv.slice(2);
if (!tenantId || !sharePostId) throw new Error("usage: run-share-job.ts <tenantId> <sharePostId>");

const { getEnv } = await import("../../../src/server/env");
const { QUEUE_PREFIX, redisQueueName, toJobId } = await import("../../../src/server/jobs/queues");
const { ZSharePostAwardJob } = await import("../../../src/server/pipeline/sharing/sharing.jobs");
const { postAwardHandler } = await import("../../../src/server/pipeline/sharing/sharing.handlers");
const { shareJobId } = await import("../../../src/server/pipeline/sharing/queue-shares");
const jobId = toJobId(shareJobId(sharePostId));

const connection = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: null });
let worker: Worker | undefined;
const done = new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`job ${jobId} was not found within 30 s`)), 30_000);
  worker = new Worker(
    redisQueueName("sharing"),
    async (job: Job, token?: string) => {
      if (job.id !== jobId) {
        await job.moveToDelayed(Date.now() + 500, token);
        throw new DelayedError();
      }
      const payload = ZSharePostAwardJob.parse(job.data);
      if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
      await postAwardHandler(payload, job);
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
// The producer side keeps sockets open: this process is done.
process.exit(0);
