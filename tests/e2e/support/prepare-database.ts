// Before the e2e server starts: a fresh, migrated megaphone_e2e database and an empty Redis db.
import pg from "pg";
import { Redis } from "ioredis";
import { applyMigrations } from "../../../src/server/db/migrations/migrate";
import { getEnv } from "../../../src/server/env";
import { assertLocalUrl } from "../../integration/support/local-only";

const env = getEnv();
const url = env.DATABASE_URL;
assertLocalUrl(url, "database");
assertLocalUrl(env.REDIS_URL, "Redis");
const name = new URL(url).pathname.slice(1);
if (name !== "megaphone_e2e") throw new Error(`refusing to reset ${name}: the e2e database is megaphone_e2e`);
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await client.query(`CREATE DATABASE "${name}"`);
await client.end();
await applyMigrations(url);
const redis = new Redis(env.REDIS_URL);
await redis.flushdb();
await redis.quit();
