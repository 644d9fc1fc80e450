import pg from "pg";
import { createRedis } from "../../../src/server/redis";
import { getEnv } from "../../../src/server/env";

/** Empties every table (the ledger's TRUNCATE guard is lifted for this session only) and Redis. */
export async function resetDatabaseAndRedis(): Promise<void> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    await client.query("SET megaphone.allow_ledger_truncate = 'on'");
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
  } finally {
    await client.end();
  }
  const redis = createRedis("cache");
  await redis.flushdb();
  await redis.quit();
}
