// Run by deletions.spec.ts as its own process (`npx tsx`): the e2e tier has no worker, so this
// plays the worker for ONE queued `mentions.check-deletions` job of the tenant named in argv,
// against an X sandbox of its own, with the e2e server's database, Redis and encryption key.
// Jobs of other specs it happens to take go back untouched (delayed, no attempt spent).
import { DelayedError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";

const [tenantId, jobId] = process.argv.slice(2);
if (!tenantId || !jobId) throw new Error("usage: run-deletion-job.ts <tenantId> <jobId>");

const { startSandbox } = await import("../../../src/sandbox/start-sandbox");
const sandbox = await startSandbox({ port: 0, startGenerator: false, initialPosts: 0 });
process.env.TWITTER_API_BASE_URL = sandbox.url;
const { resetEnvCache, getEnv } = await import("../../../src/server/env");
resetEnvCache();
const { QUEUE_PREFIX, redisQueueName } = await import("../../../src/server/jobs/queues");
const { ZCheckDeletionsJob } = await import("../../../src/server/pipeline/deletions/deletion.schemas");
const { checkDeletionsHandler } = await import("../../../src/server/pipeline/deletions/reversal.handlers");

const connection = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: null });
let worker: Worker | undefined;
const done = new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`job ${jobId} was not found within 30 s`)), 30_000);
  worker = new Worker(
    redisQueueName("ledger"),
    async (job: Job, token?: string) => {
      if (job.id !== jobId) {
        await job.moveToDelayed(Date.now() + 500, token);
        throw new DelayedError();
      }
      const payload = ZCheckDeletionsJob.parse(job.data);
      if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
      await checkDeletionsHandler(payload, job);
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
  await sandbox.close();
  const { disconnectDb } = await import("../../../src/server/db/client");
  await disconnectDb();
}
// The producer side (queues opened for continuations) keeps sockets open: this process is done.
process.exit(0);
