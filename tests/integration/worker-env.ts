import { workerDatabaseUrl, workerRedisUrl } from "./support/worker-resources";

// First setup file of every integration worker, before anything reads the env module: point this
// worker at its own database and Redis database (see worker-resources.ts).
const workerId = Number(process.env.VITEST_POOL_ID ?? "1");
process.env.DATABASE_URL = workerDatabaseUrl(process.env.INTEGRATION_BASE_DATABASE_URL!, workerId);
process.env.REDIS_URL = workerRedisUrl(process.env.INTEGRATION_BASE_REDIS_URL!, workerId);
