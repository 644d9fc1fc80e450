import { unsafeCrossTenantDb } from "../../db/client";
import { getRedis } from "../../redis";

/** Liveness of the two services the app cannot work without. */
export async function checkHealth(): Promise<{ ok: boolean; database: boolean; redis: boolean }> {
  const [database, redis] = await Promise.all([
    // no-tenant-data: a liveness probe
    unsafeCrossTenantDb().$queryRaw`SELECT 1`.then(() => true).catch(() => false),
    getRedis("cache")
      .ping()
      .then((r) => r === "PONG")
      .catch(() => false),
  ]);
  return { ok: database && redis, database, redis };
}
