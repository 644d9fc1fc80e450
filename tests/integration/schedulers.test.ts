import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../../src/server/env";
import { QUEUE_NAMES } from "../../src/server/jobs/queue-names";
import { closeQueues, getQueue } from "../../src/server/jobs/queues";
import { scheduledJobs } from "../../src/server/jobs/registry";
import { registerSchedulers } from "../../src/server/jobs/schedulers";
import { startWorkers, type RunningWorkers } from "../../src/workers/start-workers";

/** Every job scheduler Redis holds, on every queue, as [queue, id, job name, every]. */
async function schedulersInRedis() {
  const perQueue = await Promise.all(
    QUEUE_NAMES.map(async (queue) => (await getQueue(queue).getJobSchedulers()).map((s) => [queue, s.key, s.name, s.every ?? null] as const)),
  );
  return perQueue.flat().sort((a, b) => a[1].localeCompare(b[1]));
}

let workers: RunningWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
  delete process.env.LISTENING_SCHEDULER_EVERY_MS;
  resetEnvCache();
});

describe("job schedulers", () => {
  it("are exactly the registry's ticks in Redis, one per id however many processes register them", async () => {
    // Two "processes": the shared producer queues, then fresh ones on new connections, concurrently.
    await registerSchedulers();
    await closeQueues();
    await Promise.all([registerSchedulers(), registerSchedulers()]);

    const expected = scheduledJobs()
      .map(
        (tick) =>
          [tick.queue, tick.schedule.id, tick.name, typeof tick.schedule.everyMs === "number" ? tick.schedule.everyMs : tick.schedule.everyMs()] as const,
      )
      .sort((a, b) => a[1].localeCompare(b[1]));
    expect(expected.map((t) => t[2])).toContain("listening.schedule");
    expect(await schedulersInRedis()).toEqual(expected);
  });

  it("removes a scheduler the registry no longer names (a tick of an older release, on its old queue)", async () => {
    // What a release before the queue split left in Redis: its listening tick on the listening queue.
    await getQueue("listening").upsertJobScheduler("listening-scheduler", { every: 10_000 }, { name: "listening.schedule", data: {} });
    await getQueue("maintenance").upsertJobScheduler("retired-scheduler", { every: 60_000 }, { name: "retired.tick", data: {} });
    await registerSchedulers();
    const held = await schedulersInRedis();
    expect(held.filter(([queue]) => queue === "listening")).toEqual([]);
    expect(held.map(([, id]) => id)).not.toContain("retired-scheduler");
    expect(held.map(([, id]) => id).sort()).toEqual(
      scheduledJobs()
        .map((t) => t.schedule.id)
        .sort(),
    );
  });

  it("ticks: a worker built from the registry runs the listening tick again and again on the maintenance queue", async () => {
    process.env.LISTENING_SCHEDULER_EVERY_MS = "300";
    resetEnvCache();
    await registerSchedulers();
    const maintenance = getQueue("maintenance");
    const scheduler = (await maintenance.getJobSchedulers()).find((s) => s.key === "listening-scheduler");
    expect(scheduler?.every).toBe(300);

    workers = startWorkers({ concurrency: 2 });
    const deadline = Date.now() + 15_000;
    let ticks: Awaited<ReturnType<typeof maintenance.getCompleted>> = [];
    while (ticks.length < 3) {
      if (Date.now() > deadline) throw new Error(`only ${ticks.length} listening ticks completed`);
      await new Promise((r) => setTimeout(r, 200));
      ticks = (await maintenance.getCompleted()).filter((job) => job.name === "listening.schedule");
    }
    // Distinct runs of the one scheduler, none failed.
    expect(new Set(ticks.map((t) => t.id)).size).toBe(ticks.length);
    expect((await maintenance.getFailed()).filter((job) => job.name === "listening.schedule")).toEqual([]);
  });
});
