import { Cluster, Redis } from "ioredis";
import { getEnv } from "./env";
import { parseRedisUrl } from "./redis-url";

export type RedisRole = "producer" | "worker" | "cache";

/**
 * A connection to REDIS_URL's one server, or to its Redis Cluster. Everything the product sends
 * works on both: BullMQ's multi-key scripts stay inside one queue's hash tag ({listening}, see
 * jobs/queues.ts), the rate limiters touch one key per command, and nothing selects a database
 * (a cluster has only database 0) or lists keys across the keyspace.
 */
export type RedisClient = Redis | Cluster;

const retryDelay = (times: number) => Math.min(times * 200, 2_000);

/**
 * Separate connections per role: producers fail fast instead of queueing commands forever
 * while Redis is down; workers (blocking commands) must retry indefinitely, as BullMQ requires.
 */
export function createRedis(role: RedisRole): RedisClient {
  const { REDIS_URL } = getEnv();
  const perConnection = {
    connectionName: `megaphone-${role}`,
    maxRetriesPerRequest: role === "worker" ? null : 3,
  };
  const target = parseRedisUrl(REDIS_URL);
  if (target.kind === "server") {
    return new Redis(target.url, { ...perConnection, enableOfflineQueue: true, retryStrategy: retryDelay });
  }
  return new Cluster(target.nodes, {
    // BullMQ needs maxRetriesPerRequest null on each node's connection of a worker (redisOptions),
    // and a cluster client that keeps reconnecting rather than ending when every node is down.
    redisOptions: {
      ...perConnection,
      username: target.username,
      password: target.password,
      ...(target.tls ? { tls: {} } : {}),
    },
    enableOfflineQueue: true,
    enableReadyCheck: true,
    clusterRetryStrategy: retryDelay,
  });
}

const shared = globalThis as unknown as { megaphoneRedis?: Partial<Record<RedisRole, RedisClient>> };

/** One shared connection per role and process (web requests, rate limiters, producers). */
export function getRedis(role: Exclude<RedisRole, "worker">): RedisClient {
  shared.megaphoneRedis ??= {};
  shared.megaphoneRedis[role] ??= createRedis(role);
  return shared.megaphoneRedis[role];
}

export async function closeSharedRedis(): Promise<void> {
  const connections = Object.values(shared.megaphoneRedis ?? {});
  shared.megaphoneRedis = {};
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
}
