import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../../playwright.config";
import { QUEUE_PREFIX, redisQueueName } from "../../../src/server/jobs/queues";
import { ZPollSourceJob } from "../../../src/server/pipeline/pipeline.schemas";

/** The e2e server's Redis (playwright.config.ts gives `next start` the same URL). */
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/14";

function connection(): Redis {
  return new Redis(E2E_REDIS_URL, { maxRetriesPerRequest: null });
}

export async function tenantIdOf(slug: string): Promise<string> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug]);
    if (!rows[0]) throw new Error(`no tenant ${slug}`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

export async function auditCount(action: string): Promise<number> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE action = $1`, [action]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/**
 * Puts a failed `listening.poll-source` job of the tenant on the real listening queue: enqueued
 * with the app's payload schema, then run by a worker that fails it. The e2e tier runs no worker
 * of its own; jobs of other specs this worker happens to take go back untouched (delayed, no
 * attempt spent).
 */
export async function failedPollJob(tenantId: string, sourceId: string, reason: string): Promise<string> {
  const redis = connection();
  const queue = new Queue(redisQueueName("listening"), { connection: redis, prefix: QUEUE_PREFIX });
  const jobId = `poll|${sourceId}`;
  await queue.add("listening.poll-source", ZPollSourceJob.parse({ tenantId, sourceId, cursor: null }), { jobId, attempts: 1 });
  const workerRedis = connection();
  let worker: Worker | undefined;
  await new Promise<void>((resolve) => {
    worker = new Worker(
      redisQueueName("listening"),
      async (job: Job, token?: string) => {
        if (job.id !== jobId) {
          await job.moveToDelayed(Date.now() + 500, token);
          throw new DelayedError();
        }
        throw new Error(reason);
      },
      { connection: workerRedis, prefix: QUEUE_PREFIX },
    );
    worker.on("failed", (job) => {
      if (job?.id === jobId) resolve();
    });
  });
  await worker!.close();
  await queue.close();
  await Promise.all([redis.quit(), workerRedis.quit()]);
  return jobId;
}

export async function jobState(jobId: string): Promise<string | undefined> {
  const redis = connection();
  const queue = new Queue(redisQueueName("listening"), { connection: redis, prefix: QUEUE_PREFIX });
  try {
    return await (await queue.getJob(jobId))?.getState();
  } finally {
    await queue.close();
    await redis.quit();
  }
}
