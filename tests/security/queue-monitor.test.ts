import { Worker, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { AppError } from "../../src/server/errors";
import type { QueueName } from "../../src/server/jobs/queue-names";
import { enqueue, getQueue, QUEUE_PREFIX, redisQueueName } from "../../src/server/jobs/queues";
import { getQueueOverview, listFailedJobs, retryFailedJob } from "../../src/server/modules/queue-monitor/queue-monitor.service";
import { createRedis } from "../../src/server/redis";
import { createTenantWithMember } from "../integration/support/factories";
import { sealMail } from "../../src/server/modules/mail/mail-secrets";

/**
 * Issue 9, item 2: the tenant's queue screen shows and acts on that tenant's jobs only; the
 * platform-wide view is for platform operators, behind PLATFORM_OPERATOR_VIEW.
 * Two brands with real jobs in Redis (enqueued through `enqueue`, failed by a real worker).
 */

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

/** Runs a queue's ready jobs through a worker that always throws, until `count` have failed. */
async function failJobs(queue: QueueName, count: number): Promise<void> {
  let failed = 0;
  let worker: Worker | undefined;
  await new Promise<void>((resolve) => {
    worker = new Worker(
      redisQueueName(queue),
      async (job: Job) => {
        throw new Error(`upstream refused ${job.name} Authorization: Bearer abc.def-123`);
      },
      { connection: createRedis("worker"), prefix: QUEUE_PREFIX },
    );
    worker.on("failed", () => {
      if (++failed === count) resolve();
    });
  });
  await worker!.close();
}

const once = { attempts: 1 };
let a: { ctx: TenantContext; userId: string };
let b: { ctx: TenantContext; userId: string };

/** Poll job ids by source (a poll's `poll:<source>` key dedupes it while pending; its id is BullMQ's). */
const ids: Record<string, string> = {};

async function pollJob(ctx: TenantContext, sourceId: string, options: { delay?: number } = {}) {
  ids[sourceId] = (await enqueue(
    "listening.poll-source",
    { tenantId: ctx.tenantId, sourceId, cursor: null },
    { ...once, ...options, jobId: `poll:${sourceId}` },
  ))!;
  return ids[sourceId];
}

beforeAll(async () => {
  const brandA = await createTenantWithMember("ADMIN", "Brand A");
  const brandB = await createTenantWithMember("OWNER", "Brand B");
  a = { ctx: brandA.ctx, userId: brandA.user.id };
  b = { ctx: brandB.ctx, userId: brandB.user.id };

  // A: two failures (a poll and a share) and one delayed poll. B: three failures, two delayed.
  await pollJob(a.ctx, "src_a_failed");
  await enqueue("share.post-award", { tenantId: a.ctx.tenantId, sharePostId: "shp_a_failed" }, { ...once, jobId: "share:shp_a_failed" });
  await pollJob(a.ctx, "src_a_later", { delay: 3_600_000 });
  for (const id of ["src_b_failed_1", "src_b_failed_2", "src_b_failed_3"]) await pollJob(b.ctx, id);
  for (const id of ["src_b_later_1", "src_b_later_2"]) await pollJob(b.ctx, id, { delay: 3_600_000 });
  // A platform job: mail, which belongs to no tenant's screen.
  await enqueue(
    "mail.send",
    sealMail({
      to: "staff@example.test",
      subject: "Reset",
      text: "https://x.test/reset?t=secret-link-123",
      html: "<p>https://x.test/reset?t=secret-link-123</p>",
      dedupeKey: "qm-sec-1",
      secrets: ["https://x.test/reset?t=secret-link-123"],
    }),
    { ...once, jobId: "mail|qm-sec-1" },
  );

  await failJobs("listening", 4);
  await failJobs("sharing", 1);
  await failJobs("mail", 1);
});

describe("a tenant's queue screen", () => {
  it("counts only the tenant's own jobs", async () => {
    const overviewA = await getQueueOverview(a.ctx);
    expect(overviewA.find((q) => q.name === "listening")?.counts).toEqual({ waiting: 0, prioritized: 0, delayed: 1, active: 0, completed: 0, failed: 1 });
    expect(overviewA.find((q) => q.name === "sharing")?.counts).toEqual({ waiting: 0, prioritized: 0, delayed: 0, active: 0, completed: 0, failed: 1 });
    // The failed mail is the platform's: no tenant counts it (mail carries no tenant jobs at all).
    expect(overviewA.reduce((sum, q) => sum + q.counts.failed, 0)).toBe(2);

    const listeningB = (await getQueueOverview(b.ctx)).find((q) => q.name === "listening");
    expect(listeningB?.counts).toMatchObject({ delayed: 2, failed: 3 });
  });

  it("lists only the tenant's own failures, with their reason and safe ids", async () => {
    const failed = await listFailedJobs(a.ctx);
    expect(failed.map((f) => f.id).sort()).toEqual([ids.src_a_failed, "share|shp_a_failed"].sort());
    const poll = failed.find((f) => f.id === ids.src_a_failed);
    expect(poll?.failedReason).toBe("upstream refused listening.poll-source Authorization: Bearer [redacted]");
    expect(poll).toMatchObject({ details: [{ label: "Source", value: "src_a_failed" }] });

    const text = JSON.stringify(failed);
    for (const foreign of ["src_b_", b.ctx.tenantId, "mail", "staff@example.test", "secret-link-123"]) expect(text).not.toContain(foreign);
    expect((await listFailedJobs(b.ctx)).map((f) => f.id).sort()).toEqual([ids.src_b_failed_1, ids.src_b_failed_2, ids.src_b_failed_3].sort());
  });

  it("refuses another tenant's job, and a platform job, as not found, writing no audit anywhere", async () => {
    await expectAppError(retryFailedJob(a.ctx, { queue: "listening", jobId: ids.src_b_failed_1! }), "NOT_FOUND");
    await expectAppError(retryFailedJob(a.ctx, { queue: "mail", jobId: "mail|qm-sec-1" }), "NOT_FOUND");
    await expectAppError(retryFailedJob(a.ctx, { queue: "listening", jobId: "no-such-job" }), "NOT_FOUND");

    expect(await (await getQueue("listening").getJob(ids.src_b_failed_1!))?.getState()).toBe("failed");
    expect(await (await getQueue("mail").getJob("mail|qm-sec-1"))?.getState()).toBe("failed");
    expect(await unsafeCrossTenantDb().auditLog.count({ where: { action: { startsWith: "queue." } } })).toBe(0);
  });

  it("retries its own failed job and audits it in its own tenant", async () => {
    const retried = await retryFailedJob(a.ctx, { queue: "listening", jobId: ids.src_a_failed! });
    expect(retried).toMatchObject({ id: ids.src_a_failed!, name: "listening.poll-source" });
    expect(await (await getQueue("listening").getJob(ids.src_a_failed!))?.getState()).toBe("waiting");

    const audit = await unsafeCrossTenantDb().auditLog.findMany({ where: { action: "queue.job_retried" } });
    expect(audit).toEqual([expect.objectContaining({ tenantId: a.ctx.tenantId, actorId: a.userId, targetId: `listening/${ids.src_a_failed}` })]);
    // Put it back for the operator cases below.
    await failJobs("listening", 1);
  });
});

describe("the platform-wide view", () => {
  const saved = process.env.PLATFORM_OPERATOR_VIEW;
  let platform: typeof import("../../src/server/modules/queue-monitor/platform-queue-monitor.service");
  let operatorId: string;

  function setFlag(on: boolean) {
    process.env.PLATFORM_OPERATOR_VIEW = on ? "true" : "false";
    resetEnvCache();
  }

  beforeAll(async () => {
    platform = await import("../../src/server/modules/queue-monitor/platform-queue-monitor.service");
    const { grantPlatformOperator } = await import("../../src/server/modules/operators/operators.service");
    const operator = await getDb().user.create({ data: { email: "ops@example.test", name: "Operator", passwordHash: "not-a-real-hash" } });
    operatorId = operator.id;
    await grantPlatformOperator("ops@example.test", "test");
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.PLATFORM_OPERATOR_VIEW;
    else process.env.PLATFORM_OPERATOR_VIEW = saved;
    resetEnvCache();
  });

  it("refuses everyone, operators included, while the flag is off", async () => {
    setFlag(false);
    await expectAppError(platform.getPlatformQueueOverview({ id: operatorId }), "NOT_FOUND");
    await expectAppError(platform.listPlatformFailedJobs({ id: operatorId }), "NOT_FOUND");
    await expectAppError(platform.retryPlatformJob({ id: operatorId }, { queue: "listening", jobId: ids.src_b_failed_1! }), "NOT_FOUND");
  });

  it("refuses brand owners, admins and the signed-out when the flag is on", async () => {
    setFlag(true);
    for (const user of [{ id: b.userId }, { id: a.userId }, null]) {
      await expectAppError(platform.getPlatformQueueOverview(user), "NOT_FOUND");
      await expectAppError(platform.listPlatformFailedJobs(user), "NOT_FOUND");
      await expectAppError(platform.retryPlatformJob(user, { queue: "listening", jobId: ids.src_b_failed_1! }), "NOT_FOUND");
      await expectAppError(platform.discardPlatformJob(user, { queue: "listening", jobId: ids.src_b_failed_1! }), "NOT_FOUND");
    }
    expect(await (await getQueue("listening").getJob(ids.src_b_failed_1!))?.getState()).toBe("failed");
    expect(await getDb().platformAuditLog.count()).toBe(0);
  });

  it("shows an operator every tenant's jobs and the platform's, and audits their actions on the platform", async () => {
    setFlag(true);
    const overview = await platform.getPlatformQueueOverview({ id: operatorId });
    expect(overview.find((q) => q.name === "listening")?.counts).toMatchObject({ failed: 4, delayed: 3 });
    expect(overview.find((q) => q.name === "sharing")?.counts.failed).toBe(1);
    expect(overview.find((q) => q.name === "mail")?.counts.failed).toBe(1);

    const failed = await platform.listPlatformFailedJobs({ id: operatorId });
    expect(new Set(failed.map((f) => f.tenantId))).toEqual(new Set([a.ctx.tenantId, b.ctx.tenantId, null]));
    expect(JSON.stringify(failed)).not.toContain("secret-link-123");

    await platform.retryPlatformJob({ id: operatorId }, { queue: "listening", jobId: ids.src_b_failed_1! });
    await platform.discardPlatformJob({ id: operatorId }, { queue: "listening", jobId: ids.src_b_failed_2! });
    expect(await getQueue("listening").getJob(ids.src_b_failed_2!)).toBeUndefined();

    const entries = await getDb().platformAuditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(entries).toEqual([
      expect.objectContaining({ actorUserId: operatorId, action: "queue.job_retried", tenantId: b.ctx.tenantId, targetId: `listening/${ids.src_b_failed_1}` }),
      expect.objectContaining({
        actorUserId: operatorId,
        action: "queue.job_discarded",
        tenantId: b.ctx.tenantId,
        targetId: `listening/${ids.src_b_failed_2}`,
      }),
    ]);
    // The operator is no member of B: nothing lands in B's (or anyone's) tenant audit log.
    expect(await unsafeCrossTenantDb().auditLog.count({ where: { tenantId: b.ctx.tenantId } })).toBe(0);
  });

  it("is granted by the CLI's service only, and revoked the same way", async () => {
    setFlag(true);
    const { revokePlatformOperator } = await import("../../src/server/modules/operators/operators.service");
    await revokePlatformOperator("ops@example.test", "test");
    await expectAppError(platform.getPlatformQueueOverview({ id: operatorId }), "NOT_FOUND");
  });
});
