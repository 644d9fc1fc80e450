import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cluster } from "ioredis";
import { consumeLimits, defineLimit } from "../../src/server/abuse-limits";
import { recordLoginFailure } from "../../src/server/auth/login-limits";
import { getDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { closeQueues, getQueue } from "../../src/server/jobs/queues";
import { checkHealth } from "../../src/server/modules/health/health.service";
import { scanTenantJobs } from "../../src/server/modules/queue-monitor/tenant-job-scan";
import { scheduleDuePolls } from "../../src/server/pipeline/schedule-polls";
import { closeSharedRedis, getRedis } from "../../src/server/redis";
import { killWorker, startWorkerProcess, waitFor, type WorkerProcess } from "./pipeline/fault-kit";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline/pipeline-kit";
import { createTenantWithMember, makeCustomer } from "./support/factories";
import { assertLedgerInvariants } from "./support/ledger-invariants";
import { startLocalRedisCluster, type LocalRedisCluster } from "./support/redis-cluster";

/**
 * The product on a Redis Cluster: a private 3-master cluster (support/redis-cluster.ts), the real
 * worker process with REDIS_URL=redis+cluster://…, and this process's producers, rate limiters
 * and health check on the same cluster. The database is the suite's as usual.
 */

/** Points this process's shared connections (queues, limiters, health) at `url`. */
async function useRedis(url: string): Promise<void> {
  await closeQueues();
  await closeSharedRedis();
  process.env.REDIS_URL = url;
  resetEnvCache();
}

/** Which master holds each hash tag's keys ("{listening}" → port), from the nodes themselves. */
async function keysByHashTag(cluster: LocalRedisCluster): Promise<Map<string, Set<number>>> {
  const where = new Map<string, Set<number>>();
  for (const port of cluster.ports) {
    for (const key of await cluster.node(port).keys("megaphone:*")) {
      const tag = /\{[^}]+\}/.exec(key)?.[0] ?? key;
      if (!where.has(tag)) where.set(tag, new Set());
      where.get(tag)!.add(port);
    }
  }
  return where;
}

/** The master that serves a key's slot, by asking the cluster's slot table. */
async function ownerOf(cluster: LocalRedisCluster, key: string): Promise<number> {
  const client = cluster.node(cluster.ports[0]!);
  const slot = Number(await client.call("CLUSTER", "KEYSLOT", key));
  const ranges = (await client.call("CLUSTER", "SLOTS")) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
  const range = ranges.find(([from, to]) => slot >= from && slot <= to);
  if (!range) throw new Error(`no master serves slot ${slot}`);
  return Number(range[2][1]);
}

/**
 * Nothing left that could start another run of the source: no listening job waiting or running,
 * and no poll of this source waiting for a retry (the schedulers' next ticks are an hour away).
 */
async function listeningIdle(sourceId: string): Promise<boolean> {
  const queue = getQueue("listening");
  const [busy, delayed] = await Promise.all([queue.getJobs(["waiting", "active", "prioritized"]), queue.getJobs(["delayed"])]);
  return busy.length === 0 && !delayed.some((j) => (j?.data as { sourceId?: string } | undefined)?.sourceId === sourceId);
}

describe("queues on a 3-master Redis Cluster", () => {
  const singleServer = process.env.REDIS_URL!;
  let cluster: LocalRedisCluster | undefined;
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>> | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    cluster = await startLocalRedisCluster(3);
    sandbox = await startPipelineSandbox();
    await useRedis(cluster.url);
  });

  afterAll(async () => {
    // Each step runs even if an earlier one failed, so no process or temp dir outlives the file.
    const steps = [() => killWorker(worker), () => useRedis(singleServer), () => sandbox?.close(), () => cluster?.stop()];
    const failures: unknown[] = [];
    for (const step of steps) await Promise.resolve(step()).catch((e: unknown) => failures.push(e));
    if (failures.length) throw failures[0];
  });

  it("the worker process runs the listening pipeline from the cluster: each mention stored once, its author paid once", async () => {
    const db = getDb();
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Cluster Creamery");
    const fanId = await sandboxUser(sandbox!.url, "cluster_fan", 1_000);
    await sandboxUser(sandbox!.url, "cl_stranger", 50);
    const customer = await makeCustomer(ctx, { displayName: "Cluster Fan" });
    await linkProfile(ctx, customer.id, fanId, "cluster_fan");
    await sandboxPost(sandbox!.url, "cluster_fan", "Cluster Creamery has the best frozen yogurt");
    await sandboxPost(sandbox!.url, "cl_stranger", "First time at Cluster Creamery");

    // The default lock (30 s), not fault-kit's 1.5 s: on a loaded machine a short lock lapses and a run is taken over.
    worker = startWorkerProcess({ REDIS_URL: cluster!.url, TWITTER_API_BASE_URL: sandbox!.url, WORKER_LOCK_DURATION_MS: "30000" });
    await worker.started;

    // The worker's own scheduler tick may also find the source due at start; either way one run
    // stores the mentions, so the count here is not asserted.
    await scheduleDuePolls();
    const sourceRow = () => db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } });
    await waitFor(
      async () => (await sourceRow())?.syncStatus === "OK" && (await listeningIdle(source.id)),
      () => `the first run to finish (worker output:\n${worker!.output()})`,
    );

    const mentions = await db.mention.findMany({ where: { tenantId: ctx.tenantId } });
    const credited = mentions.filter((m) => m.status === "CREDITED");
    expect(credited.map((m) => m.customerId)).toEqual([customer.id]);
    expect(mentions.filter((m) => m.status === "PROSPECT")).toHaveLength(1);
    // 10 base × (1 + 0.5·log10(1 + 1000/100)) = 10 × 1.52 → 15
    const firstEntries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId } });
    expect(firstEntries.map((e) => [e.customerId, e.mentionId, e.amount])).toEqual([[customer.id, credited[0]!.id, 15]]);

    // A second run finds one new post and the old ones again (the cursor): pays only the new one.
    await sandboxPost(sandbox!.url, "cluster_fan", "Back at Cluster Creamery today");
    const firstRunAt = (await sourceRow())!.lastRunAt!.getTime();
    await db.listeningSource.updateMany({ where: { tenantId: ctx.tenantId, id: source.id }, data: { nextRunAt: null } });
    expect(await scheduleDuePolls()).toBe(1);
    await waitFor(
      async () => {
        const row = await sourceRow();
        return row?.syncStatus === "OK" && row.lastRunAt!.getTime() !== firstRunAt && (await listeningIdle(source.id));
      },
      () => `the second run to finish (worker output:\n${worker!.output()})`,
    );

    const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.amount)).toEqual([15, 15]);
    expect(new Set(entries.map((e) => e.mentionId)).size).toBe(2);
    expect(await db.mention.count({ where: { tenantId: ctx.tenantId } })).toBe(3);
    const balance = await db.pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(balance?.balance).toBe(30);
    await assertLedgerInvariants(ctx.tenantId);

    // The queue's keys really are on the cluster, each queue's all on the master of its hash tag.
    const placement = await keysByHashTag(cluster!);
    expect(placement.get("{listening}")?.size).toBe(1);
    for (const [tag, ports] of placement) {
      expect([...ports], `keys of ${tag}`).toEqual([await ownerOf(cluster!, tag)]);
    }
    // The queue monitor's script reads job hashes it was not given as keys: fine within the slot.
    expect(await scanTenantJobs("listening", "failed", ctx.tenantId)).toEqual({ count: 0, partial: false, ids: [] });
  }, 90_000);

  it("the web side's Redis users work on the cluster: health, abuse limits, sign-in locks", async () => {
    expect(await checkHealth()).toEqual({ ok: true, database: true, redis: true });
    const rule = defineLimit({ name: "cluster:test", points: 2, durationSeconds: 60, message: "too many" });
    await consumeLimits([{ rule, key: "a" }]);
    await consumeLimits([{ rule, key: "a" }]);
    await expect(consumeLimits([{ rule, key: "a" }])).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await consumeLimits([{ rule, key: "b" }]);
    expect(await recordLoginFailure("cluster@example.test", "10.0.0.1")).toMatchObject({ accountLockedNow: false });
    // The producer connection is a cluster client, so each of those keys went to its own master.
    expect(getRedis("cache")).toBeInstanceOf(Cluster);
    expect((await getQueue("listening").getJobCounts("failed")).failed).toBe(0);
  });
});
