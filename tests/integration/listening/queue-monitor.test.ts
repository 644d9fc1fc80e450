import { Worker, type Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import type { QueueName } from "../../../src/server/jobs/queue-names";
import { enqueue, enqueueMany, getQueue, QUEUE_PREFIX, redisQueueName } from "../../../src/server/jobs/queues";
import { discardFailedJob, getQueueOverview, listFailedJobs, retryFailedJob } from "../../../src/server/modules/queue-monitor/queue-monitor.service";
import { queuesWithTenantJobs } from "../../../src/server/jobs/registry";
import { scanTenantJobs } from "../../../src/server/modules/queue-monitor/tenant-job-scan";
import { createRedis } from "../../../src/server/redis";
import { addMember, createTenantWithMember } from "../support/factories";

const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

/** Runs a queue's ready jobs through a worker whose handler always throws, until `count` have failed. */
async function failJobs(queue: QueueName, count: number, reason: string): Promise<void> {
  let failed = 0;
  const done = new Promise<void>((resolve) => {
    const worker = new Worker(
      redisQueueName(queue),
      async (job: Job) => {
        throw new Error(`${reason} (job ${job.name})`);
      },
      { connection: createRedis("worker"), prefix: QUEUE_PREFIX, autorun: true },
    );
    worker.on("failed", () => {
      failed++;
      if (failed === count) resolve();
    });
    workers.push(worker);
  });
  await done;
  await Promise.all(workers.splice(0).map((w) => w.close()));
}

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("queue monitor (a tenant's own jobs)", () => {
  it("counts the tenant's jobs per state, lists its failures without payloads, retries and discards them", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const cursor = { pageToken: "secret-page-token", sinceId: null, newestId: null, startedAt: new Date().toISOString() };
    // Poll keys dedupe while pending; the jobs' ids are BullMQ's.
    const qm1 = (await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: "src_qm_1", cursor }, { jobId: "qm-1", attempts: 1 }))!;
    const qm2 = (await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: "src_qm_2", cursor: null }, { jobId: "qm-2", attempts: 1 }))!;
    await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: "src_qm_3", cursor: null }, { jobId: "qm-3", attempts: 1, delay: 60_000 });

    const before = await getQueueOverview(ctx);
    expect(before.find((q) => q.name === "listening")).toEqual({
      name: "listening",
      paused: false,
      counts: { waiting: 2, prioritized: 0, delayed: 1, active: 0, completed: 0, failed: 0 },
      partial: false,
    });

    await failJobs("listening", 2, "search refused Authorization: Bearer abc123");

    const after = await getQueueOverview(ctx);
    expect(after.find((q) => q.name === "listening")?.counts).toMatchObject({ waiting: 0, delayed: 1, failed: 2 });
    const failed = await listFailedJobs(ctx);
    expect(failed.map((f) => f.id).sort()).toEqual([qm1, qm2].sort());
    expect(failed.find((f) => f.id === qm1)).toEqual({
      queue: "listening",
      id: qm1,
      name: "listening.poll-source",
      failedReason: "search refused Authorization: Bearer [redacted] (job listening.poll-source)",
      attemptsMade: 1,
      timestamp: expect.any(String),
      finishedOn: expect.any(String),
      details: [{ label: "Source", value: "src_qm_1" }],
    });
    const text = JSON.stringify(failed);
    for (const leaked of ["secret-page-token", "abc123", ctx.tenantId]) expect(text).not.toContain(leaked);

    const retried = await retryFailedJob(ctx, { queue: "listening", jobId: qm1 });
    expect(retried).toMatchObject({ id: qm1, name: "listening.poll-source" });
    expect((await getQueueOverview(ctx)).find((q) => q.name === "listening")?.counts).toMatchObject({ waiting: 1, failed: 1 });
    const job = await getQueue("listening").getJob(qm1);
    expect(await job?.getState()).toBe("waiting");
    expect(job?.attemptsMade).toBe(0);

    // retrying again is a conflict: the job is no longer failed
    await expectAppError(retryFailedJob(ctx, { queue: "listening", jobId: qm1 }), "CONFLICT");
    await expectAppError(retryFailedJob(ctx, { queue: "listening", jobId: "no-such-job" }), "NOT_FOUND");
    await expectAppError(retryFailedJob(ctx, { queue: "nope", jobId: qm1 }), "NOT_FOUND");

    const discarded = await discardFailedJob(ctx, { queue: "listening", jobId: qm2 });
    expect(discarded).toMatchObject({ id: qm2 });
    expect(await getQueue("listening").getJob(qm2)).toBeUndefined();
    expect(await listFailedJobs(ctx)).toEqual([]);
    await expectAppError(discardFailedJob(ctx, { queue: "listening", jobId: qm2 }), "NOT_FOUND");

    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: { startsWith: "queue." } }, orderBy: { createdAt: "asc" } });
    expect(audit).toEqual([
      expect.objectContaining({ action: "queue.job_retried", targetType: "QueueJob", targetId: `listening/${qm1}`, actorId: ctx.actor.id }),
      expect.objectContaining({ action: "queue.job_discarded", targetType: "QueueJob", targetId: `listening/${qm2}`, actorId: ctx.actor.id }),
    ]);
    expect(JSON.stringify(audit)).not.toContain("secret-page-token");

    await getQueue("listening").obliterate({ force: true });
  });

  it("lists, retries and discards the tenant's failures on every queue that carries tenant jobs", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const once = { attempts: 1 };
    await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: "src_every", cursor: null }, once);
    await enqueue("mentions.check-deletions", { tenantId: ctx.tenantId, network: "TWITTER", passId: null }, once);
    await enqueue("share.post-award", { tenantId: ctx.tenantId, sharePostId: "shp_every" }, once);
    await enqueue("customers.sentiment-rollup", { tenantId: ctx.tenantId }, once);
    expect(queuesWithTenantJobs().sort()).toEqual(["ledger", "listening", "maintenance", "sharing"]);
    for (const queue of queuesWithTenantJobs()) await failJobs(queue, 1, `${queue} broke`);

    const overview = await getQueueOverview(ctx);
    expect(overview.map((q) => [q.name, q.counts.failed]).sort()).toEqual([
      ["ledger", 1],
      ["listening", 1],
      ["maintenance", 1],
      ["sharing", 1],
    ]);
    const failed = await listFailedJobs(ctx);
    expect(failed.map((f) => [f.queue, f.name, f.failedReason]).sort()).toEqual([
      ["ledger", "mentions.check-deletions", "ledger broke (job mentions.check-deletions)"],
      ["listening", "listening.poll-source", "listening broke (job listening.poll-source)"],
      ["maintenance", "customers.sentiment-rollup", "maintenance broke (job customers.sentiment-rollup)"],
      ["sharing", "share.post-award", "sharing broke (job share.post-award)"],
    ]);
    const byQueue = Object.fromEntries(failed.map((f) => [f.queue, f.id]));
    await retryFailedJob(ctx, { queue: "ledger", jobId: byQueue.ledger! });
    expect(await (await getQueue("ledger").getJob(byQueue.ledger!))?.getState()).toBe("waiting");
    await discardFailedJob(ctx, { queue: "maintenance", jobId: byQueue.maintenance! });
    expect(await getQueue("maintenance").getJob(byQueue.maintenance!)).toBeUndefined();
    expect((await listFailedJobs(ctx)).map((f) => f.queue).sort()).toEqual(["listening", "sharing"]);
    for (const queue of queuesWithTenantJobs()) await getQueue(queue).obliterate({ force: true });
  });

  it("lists the tenant's 20 most recent failures, newest first", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await enqueueMany(
      "listening.poll-source",
      Array.from({ length: 23 }, (_, i) => ({
        payload: { tenantId: ctx.tenantId, sourceId: `src_many_${i}`, cursor: null },
        options: { jobId: `many-${i}`, attempts: 1 },
      })),
    );
    await failJobs("listening", 23, "boom");
    expect((await getQueueOverview(ctx)).find((q) => q.name === "listening")?.counts.failed).toBe(23);
    const failed = await listFailedJobs(ctx);
    expect(failed).toHaveLength(20);
    const times = failed.map((f) => f.finishedOn ?? "");
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(failed.map((f) => f.id)).size).toBe(20);
    await getQueue("listening").obliterate({ force: true });
  });

  it("scans a bounded window of each state and says when a backlog is longer", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: other } = await createTenantWithMember("OWNER");
    await enqueueMany("listening.poll-source", [
      ...Array.from({ length: 3 }, (_, i) => ({ payload: { tenantId: other.tenantId, sourceId: `src_o_${i}`, cursor: null } })),
      ...Array.from({ length: 2 }, (_, i) => ({ payload: { tenantId: ctx.tenantId, sourceId: `src_t_${i}`, cursor: null } })),
    ]);
    expect(await scanTenantJobs("listening", "waiting", ctx.tenantId)).toEqual({ count: 2, partial: false, ids: [] });
    // The newest 2 of 5 waiting jobs are this tenant's; a window of 2 sees only them and says so.
    expect(await scanTenantJobs("listening", "waiting", ctx.tenantId, { window: 2 })).toMatchObject({ count: 2, partial: true });
    expect(await scanTenantJobs("listening", "waiting", other.tenantId, { window: 2 })).toMatchObject({ count: 0, partial: true });
    await getQueue("listening").obliterate({ force: true });
  });

  it("is for admins and owners only", async () => {
    const { ctx: owner } = await createTenantWithMember("OWNER");
    await expect(getQueueOverview(owner)).resolves.toBeInstanceOf(Array);
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const { ctx } = await addMember(owner, role);
      await expectAppError(getQueueOverview(ctx), "FORBIDDEN");
      await expectAppError(listFailedJobs(ctx), "FORBIDDEN");
      await expectAppError(retryFailedJob(ctx, { queue: "listening", jobId: "x" }), "FORBIDDEN");
      await expectAppError(discardFailedJob(ctx, { queue: "listening", jobId: "x" }), "FORBIDDEN");
    }
  });
});
