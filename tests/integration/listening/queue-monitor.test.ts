import { Worker, type Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { getQueue, QUEUE_PREFIX } from "../../../src/server/jobs/queues";
import { getQueueOverview, listFailedJobs, retryFailedJob } from "../../../src/server/modules/queue-monitor/queue-monitor.service";
import { createRedis } from "../../../src/server/redis";
import { addMember, createTenantWithMember } from "../support/factories";

const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

/** Runs the mail queue's jobs through a worker whose handler always throws, until `count` have failed. */
async function failMailJobs(count: number, reason: string): Promise<void> {
  let failed = 0;
  const done = new Promise<void>((resolve) => {
    const worker = new Worker(
      "mail",
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

describe("queue monitor", () => {
  it("counts jobs per state, lists failures without payloads, and retries a failed job", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const queue = getQueue("mail");
    const payload = { to: "private.person@example.test", subject: "Secret subject", text: "token=s3cr3t", dedupeKey: "qm-1" };
    await queue.add("mail.send", payload, { jobId: "qm-1", attempts: 1 });
    await queue.add("mail.send", { ...payload, dedupeKey: "qm-2" }, { jobId: "qm-2", attempts: 1, delay: 60_000 });

    const before = await getQueueOverview(ctx);
    expect(before.find((q) => q.name === "mail")).toEqual({
      name: "mail",
      paused: false,
      counts: { waiting: 1, prioritized: 0, delayed: 1, active: 0, completed: 0, failed: 0 },
    });

    await failMailJobs(1, "smtp down Authorization: Bearer abc123");

    const after = await getQueueOverview(ctx);
    expect(after.find((q) => q.name === "mail")?.counts).toMatchObject({ waiting: 0, delayed: 1, failed: 1 });
    const failed = await listFailedJobs(ctx);
    expect(failed).toEqual([
      {
        queue: "mail",
        id: "qm-1",
        name: "mail.send",
        failedReason: "smtp down Authorization: Bearer [redacted] (job mail.send)",
        attemptsMade: 1,
        timestamp: expect.any(String),
        finishedOn: expect.any(String),
      },
    ]);
    const text = JSON.stringify(failed);
    for (const leaked of ["private.person", "Secret subject", "s3cr3t", "abc123"]) expect(text).not.toContain(leaked);

    const retried = await retryFailedJob(ctx, { queue: "mail", jobId: "qm-1" });
    expect(retried).toMatchObject({ id: "qm-1", name: "mail.send" });
    expect((await getQueueOverview(ctx)).find((q) => q.name === "mail")?.counts).toMatchObject({ waiting: 1, failed: 0 });
    expect(await listFailedJobs(ctx)).toEqual([]);
    const job = await queue.getJob("qm-1");
    expect(await job?.getState()).toBe("waiting");
    expect(job?.attemptsMade).toBe(0);

    // retrying again is a conflict: the job is no longer failed
    await expectAppError(retryFailedJob(ctx, { queue: "mail", jobId: "qm-1" }), "CONFLICT");
    await expectAppError(retryFailedJob(ctx, { queue: "mail", jobId: "no-such-job" }), "NOT_FOUND");
    await expectAppError(retryFailedJob(ctx, { queue: "nope", jobId: "qm-1" }), "NOT_FOUND");

    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "queue.job_retried" } });
    expect(audit).toEqual([expect.objectContaining({ targetType: "QueueJob", targetId: "mail/qm-1", actorId: ctx.actor.id })]);
    expect(JSON.stringify(audit)).not.toContain("private.person");

    await queue.obliterate({ force: true });
  });

  it("lists the 20 most recent failures, newest first", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const queue = getQueue("mail");
    for (let i = 0; i < 23; i++) {
      await queue.add("mail.send", { to: "x@example.test", subject: "s", text: "t", dedupeKey: `many-${i}` }, { jobId: `many-${i}`, attempts: 1 });
    }
    await failMailJobs(23, "boom");
    expect((await getQueueOverview(ctx)).find((q) => q.name === "mail")?.counts.failed).toBe(23);
    const failed = await listFailedJobs(ctx);
    expect(failed).toHaveLength(20);
    const times = failed.map((f) => f.finishedOn ?? "");
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(failed.map((f) => f.id)).size).toBe(20);
    await queue.obliterate({ force: true });
  });

  it("is for admins and owners only", async () => {
    const { ctx: owner } = await createTenantWithMember("OWNER");
    await expect(getQueueOverview(owner)).resolves.toBeInstanceOf(Array);
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const { ctx } = await addMember(owner, role);
      await expectAppError(getQueueOverview(ctx), "FORBIDDEN");
      await expectAppError(listFailedJobs(ctx), "FORBIDDEN");
      await expectAppError(retryFailedJob(ctx, { queue: "mail", jobId: "x" }), "FORBIDDEN");
    }
  });
});
