import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { ZEnv } from "../../../src/server/env";
import { getQueue } from "../../../src/server/jobs/queues";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { admin } from "../sandbox/sandbox-test-kit";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { describePollJobs, killWorker, pollJobCounts, startWorkerProcess, waitFor, type WorkerProcess } from "./fault-kit";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

/**
 * A worker is killed with SIGKILL in the middle of a page (its search request in flight, its job
 * active and locked), with the shipped lock and stalled-check settings. Another worker is
 * running. Polling of the source must resume within 10 s (its search answered again), and the run
 * must end with every mention stored once and paid once. The test prints the measured times.
 */
const SHIPPED = {
  WORKER_LOCK_DURATION_MS: String(ZEnv.shape.WORKER_LOCK_DURATION_MS.parse(undefined)),
  WORKER_STALLED_INTERVAL_MS: String(ZEnv.shape.WORKER_STALLED_INTERVAL_MS.parse(undefined)),
};

describe("worker killed with SIGKILL mid-page", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
  const started: WorkerProcess[] = [];
  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
  });
  afterAll(async () => {
    for (const worker of started) await killWorker(worker);
    await sandbox.close();
  });

  it("polling resumes within 10 s on the surviving worker; nothing lost, nothing paid twice", async () => {
    const brand = "Sigkill Co";
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, brand);
    const authorId = await sandboxUser(sandbox.url, "sigkill_fan", 500);
    const customer = await makeCustomer(ctx);
    await linkProfile(ctx, customer.id, authorId, "sigkill_fan");
    for (let i = 0; i < 150; i++) await sandboxPost(sandbox.url, "sigkill_fan", `${brand} post number ${i}`);
    // The first search answers after a minute: the worker that sends it is mid-page for that long
    // (its event loop free, so it keeps renewing its job's lock) — until it is killed.
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "slow", count: 1, delay_ms: 60_000, path_prefix: "/2/tweets/search" });

    const { data: before } = await admin<{ data: { seq: number }[] }>(sandbox.url, "GET", "/__admin/requests?limit=1");
    const sinceSeq = before.at(-1)?.seq ?? 0;
    const answeredSearches = async () => {
      const { data } = await admin<{ data: { seq: number; path: string; status: number }[] }>(sandbox.url, "GET", "/__admin/requests?limit=100");
      return data.filter((r) => r.seq > sinceSeq && r.path.startsWith("/2/tweets/search") && r.status === 200).length;
    };

    const env = { TWITTER_API_BASE_URL: sandbox.url, ...SHIPPED };
    const doomed = startWorkerProcess(env);
    started.push(doomed);
    await doomed.started;
    await scheduleDuePolls();
    const db = getDb();
    const sourceRow = () => db.listeningSource.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: source.id } });
    await waitFor(async () => (await sourceRow()).syncStatus === "RUNNING", "the doomed worker to claim the source", 20_000);

    const survivor = startWorkerProcess(env);
    started.push(survivor);
    await survivor.started;
    // Still the doomed worker's page: its lock is alive, nothing has been stored.
    expect((await sourceRow()).syncStatus).toBe("RUNNING");
    expect(await db.mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    expect(await answeredSearches()).toBe(0);

    doomed.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect(await doomed.exited).toBe("SIGKILL");

    // When the stalled-job check put the page back (BullMQ counts it on the job as stalledCounter).
    const queue = getQueue("listening");
    await waitFor(
      async () => (await queue.getJobs(["waiting", "active", "completed"])).some((j) => j?.data.sourceId === source.id && j.stalledCounter > 0),
      () => describePollJobs(source.id),
      30_000,
    );
    const recoveredMs = Date.now() - killedAt;
    // The source is polled again: the survivor's search answered (the sandbox logs a request when
    // it completes; the doomed worker's request ended unanswered when it died).
    await waitFor(
      async () => (await answeredSearches()) > 0,
      () => describePollJobs(source.id),
      30_000,
    );
    const polledMs = Date.now() - killedAt;
    await waitFor(
      async () => (await db.mention.count({ where: { tenantId: ctx.tenantId } })) > 0,
      () => describePollJobs(source.id),
      30_000,
    );
    const resumedMs = Date.now() - killedAt;
    await waitFor(
      async () => (await sourceRow()).syncStatus === "OK",
      () => describePollJobs(source.id),
      30_000,
    );
    const finishedMs = Date.now() - killedAt;
    console.info(
      `SIGKILL → page put back as stalled: ${recoveredMs} ms; → source polled again: ${polledMs} ms; → first page stored: ${resumedMs} ms; → run finished: ${finishedMs} ms`,
    );

    expect(polledMs).toBeLessThan(10_000);
    expect(await db.mention.count({ where: { tenantId: ctx.tenantId } })).toBe(150);
    const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { mentionId: true } });
    expect(entries).toHaveLength(150);
    expect(new Set(entries.map((e) => e.mentionId)).size).toBe(150);
    expect(await pollJobCounts(source.id)).toEqual({ pending: 0, failed: 0 });
    await assertLedgerInvariants(ctx.tenantId);
    await survivor.stop();
  }, 120_000);
});
