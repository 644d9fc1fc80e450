// Before the e2e server starts: a fresh, migrated megaphone_e2e database and an empty Redis db.
import { Redis } from "ioredis";
import { recreateDatabase } from "../../../src/server/db/migrations/migrate";
import { getEnv } from "../../../src/server/env";
import { assertLocalUrl } from "../../integration/support/local-only";

const env = getEnv();
const url = env.DATABASE_URL;
assertLocalUrl(url, "database");
assertLocalUrl(env.REDIS_URL, "Redis");
const name = new URL(url).pathname.slice(1);
if (!name.endsWith("_e2e")) throw new Error(`refusing to reset ${name}: an e2e database name ends in _e2e`);
await recreateDatabase(url);
const redis = new Redis(env.REDIS_URL);
await redis.flushdb();
await redis.quit();
