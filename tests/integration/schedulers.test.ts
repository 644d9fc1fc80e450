import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { registerSchedulers } from "../../src/server/jobs/schedulers";
import { closeQueues, QUEUE_PREFIX, redisQueueName } from "../../src/server/jobs/queues";
import { createRedis } from "../../src/server/redis";

describe("job schedulers", () => {
  it("stay one per id however many worker processes register them", async () => {
    // Two "processes": the shared producer queue and a queue on a connection of its own.
    await registerSchedulers();
    await closeQueues();
    await registerSchedulers();
    const inspector = new Queue(redisQueueName("listening"), { connection: createRedis("producer"), prefix: QUEUE_PREFIX });
    try {
      const schedulers = await inspector.getJobSchedulers();
      const ids = schedulers.map((s) => s.key).sort();
      expect(ids).toEqual([...new Set(ids)]);
      expect(ids).toEqual(expect.arrayContaining(["listening-scheduler", "mentions-deletion-check-scheduler"]));
      expect(await inspector.getJobSchedulersCount()).toBe(ids.length);
    } finally {
      await inspector.close();
    }
  });
});
