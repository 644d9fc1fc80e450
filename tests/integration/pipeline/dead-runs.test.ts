import { Worker } from "bullmq";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { enqueue, findQueuedJob, getQueue, QUEUE_PREFIX, redisQueueName } from "../../../src/server/jobs/queues";
import { markSourceRunning } from "../../../src/server/modules/listening/source-sync";
import { pollJobId, scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { recordSourceRunJob, unsafeListSourcesWithDeadRuns } from "../../../src/server/pipeline/source-run-liveness";
import { createRedis, getRedis } from "../../../src/server/redis";
import { createTenantWithMember } from "../support/factories";
import { setUpListening } from "./pipeline-kit";

/**
 * The scheduler's "is this source running?" decision (9(a)): a RUNNING source counts as running
 * only while the job carrying its run is pending, or active under a live lock. A stalled job
 * (its worker killed: lock gone), a job failed for good or a missing one leave the source to be
 * polled again at the next tick, not after the 15-minute stale-run window.
 */
const worker = new Worker(redisQueueName("listening"), null, { connection: createRedis("worker"), prefix: QUEUE_PREFIX, autorun: false, lockDuration: 60_000 });
afterEach(async () => {
  await getQueue("listening").obliterate({ force: true });
});
afterAll(() => worker.close());

async function runningSource(keyword: string) {
  const { ctx } = await createTenantWithMember("OWNER");
  const { source } = await setUpListening(ctx, keyword);
  expect(await markSourceRunning(ctx, source.id)).not.toBeNull();
  return { ctx, source };
}

const deadIds = async () => (await unsafeListSourcesWithDeadRuns({ staleRunMs: 15 * 60_000, networks: ["TWITTER"] })).map((s) => s.id);

describe("sources whose run has no live job", () => {
  it("tells a live run (waiting, active under its lock, backing off) from a stalled or missing one", async () => {
    const { ctx, source } = await runningSource("Liveness Co");
    // No job recorded for the run (e.g. Redis lost it): dead.
    expect(await deadIds()).toContain(source.id);

    const jobId = (await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: source.id, cursor: null }, { jobId: pollJobId(source.id) }))!;
    await recordSourceRunJob(source.id, jobId, { run: Date.now(), page: 0 });
    expect(await deadIds()).not.toContain(source.id); // waiting

    const token = "test-worker-token";
    const job = await worker.getNextJob(token, { block: false });
    expect(job?.id).toBe(jobId);
    expect(await deadIds()).not.toContain(source.id); // active, lock held

    // The worker is killed: nobody renews the lock, which expires. The job is still "active".
    await getRedis("producer").del(`${getQueue("listening").toKey(jobId)}:lock`);
    expect(await job.getState()).toBe("active");
    expect(await deadIds()).toContain(source.id);

    // Its attempt failed with attempts left: backing off (delayed) is a live run.
    await job.moveToFailed(new Error("upstream down"), "0", false);
    expect(await job.getState()).toBe("delayed");
    expect(await deadIds()).not.toContain(source.id);

    // Gone from Redis (removed, or Redis restarted empty): dead.
    await job.remove();
    expect(await deadIds()).toContain(source.id);
  });

  it("the next tick polls such a source again, while its failed job stays listed with its reason", async () => {
    const { ctx, source } = await runningSource("Failed Run Co");
    const jobId = (await enqueue(
      "listening.poll-source",
      { tenantId: ctx.tenantId, sourceId: source.id, cursor: null },
      { jobId: pollJobId(source.id), attempts: 1 },
    ))!;
    await recordSourceRunJob(source.id, jobId, { run: Date.now(), page: 0 });
    const job = await worker.getNextJob("token-2", { block: false });
    await job.moveToFailed(new Error("the database went away mid-page"), "token-2", false);

    await scheduleDuePolls();
    const next = await findQueuedJob("listening.poll-source", pollJobId(source.id));
    expect(next?.id).toBeDefined();
    expect(next!.id).not.toBe(jobId);
    expect(await next!.getState()).toBe("waiting");
    expect(next!.data).toEqual({ tenantId: ctx.tenantId, sourceId: source.id, cursor: null });
    const failed = await getQueue("listening").getJob(jobId);
    expect([await failed!.getState(), failed!.failedReason]).toEqual(["failed", "the database went away mid-page"]);
  });

  it("keeps the pointer on the latest page when a page's record of its successor arrives late", async () => {
    const { ctx, source } = await runningSource("Late Record Co");
    const run = Date.now();
    const page = (n: number) => ({
      tenantId: ctx.tenantId,
      sourceId: source.id,
      cursor: { pageToken: `t${n}`, sinceId: null, newestId: null, startedAt: new Date(run).toISOString(), page: n },
    });
    // Page 1's job ran and finished; page 2's job, which it queued, is waiting and already recorded.
    const first = (await enqueue("listening.poll-source", page(1), { jobId: `poll:${source.id}:late:1` }))!;
    const done = await worker.getNextJob("token-4", { block: false });
    await done.moveToCompleted("done", "token-4", false);
    const second = (await enqueue("listening.poll-source", page(2), { jobId: `poll:${source.id}:late:2` }))!;
    expect(await recordSourceRunJob(source.id, second, { run, page: 2 })).toBe(true);
    // The busy worker of page 0 records page 1 only now: refused, so the run still looks alive.
    expect(await recordSourceRunJob(source.id, first, { run, page: 1 })).toBe(false);
    expect(await deadIds()).not.toContain(source.id);
    // A record from an older run is refused too; a new run's first page always takes over.
    expect(await recordSourceRunJob(source.id, first, { run: run - 1, page: 9 })).toBe(false);
    expect(await recordSourceRunJob(source.id, first, { run: run + 1, page: 0 })).toBe(true);
    expect(await deadIds()).toContain(source.id);
  });

  it("leaves a source alone while its run's job holds its lock", async () => {
    const { ctx, source } = await runningSource("Busy Co");
    const jobId = (await enqueue("listening.poll-source", { tenantId: ctx.tenantId, sourceId: source.id, cursor: null }, { jobId: pollJobId(source.id) }))!;
    await recordSourceRunJob(source.id, jobId, { run: Date.now(), page: 0 });
    await worker.getNextJob("token-3", { block: false });
    await scheduleDuePolls();
    const queued = (await getQueue("listening").getJobs(["waiting", "delayed", "active"])).filter((j) => j.data.sourceId === source.id);
    expect(queued.map((j) => j.id)).toEqual([jobId]);
  });
});
