import { getEnv } from "../../../src/server/env";

/**
 * Runs `count` calls of `task` with at most `limit` in flight, by default the process's database
 * pool size (DATABASE_POOL_SIZE), and settles them all like Promise.allSettled.
 *
 * Why: a burst of more transactions than the pool has connections makes the surplus wait for a
 * connection, and Prisma gives up on that wait after its `maxWait` (2 s by default: "Unable to
 * start a transaction in the given time"). How long the wait lasts depends only on how fast the
 * machine runs the others, so such a burst passes on an idle machine and fails on a busy one.
 * Postgres never sees more than `limit` of them at once either way, so a race on a row is just as
 * real with the limit: every transaction in flight holds a connection and contends for the row.
 */
export async function settleAtMost<T>(
  count: number,
  task: (index: number) => Promise<T>,
  limit = getEnv().DATABASE_POOL_SIZE,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index).then(
        (value) => ({ status: "fulfilled", value }) as const,
        (reason: unknown) => ({ status: "rejected", reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return results;
}

/** settleAtMost, then the values in order, or the first failure. */
export async function allAtMost<T>(count: number, task: (index: number) => Promise<T>, limit?: number): Promise<T[]> {
  const settled = await settleAtMost(count, task, limit);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
