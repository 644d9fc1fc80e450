import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "../../src/server/db/client";
import { closeQueues } from "../../src/server/jobs/queues";
import { closeSharedRedis } from "../../src/server/redis";
import { resetDatabaseAndRedis } from "./support/reset";

// Each test file starts from empty tables and an empty Redis database.
beforeAll(async () => {
  await resetDatabaseAndRedis();
});

afterAll(async () => {
  await closeQueues();
  await closeSharedRedis();
  await disconnectDb();
});
