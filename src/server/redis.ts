import { Redis } from "ioredis";
import { getEnv } from "./env";

export type RedisRole = "producer" | "worker" | "cache";

/**
 * Separate connections per role: producers fail fast instead of queueing commands forever
 * while Redis is down; workers (blocking commands) must retry indefinitely, as BullMQ requires.
 */
export function createRedis(role: RedisRole): Redis {
  const { REDIS_URL } = getEnv();
  return new Redis(REDIS_URL, {
    connectionName: `megaphone-${role}`,
    maxRetriesPerRequest: role === "worker" ? null : 3,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

const shared = globalThis as unknown as { megaphoneRedis?: Partial<Record<RedisRole, Redis>> };

/** One shared connection per role and process (web requests, rate limiters, producers). */
export function getRedis(role: Exclude<RedisRole, "worker">): Redis {
  shared.megaphoneRedis ??= {};
  shared.megaphoneRedis[role] ??= createRedis(role);
  return shared.megaphoneRedis[role];
}

export async function closeSharedRedis(): Promise<void> {
  const connections = Object.values(shared.megaphoneRedis ?? {});
  shared.megaphoneRedis = {};
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
}
