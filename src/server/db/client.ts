import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { PrismaClient } from "./generated/client";
import { assertOperationAllowed, assertWhereIsExplicit } from "./guard-rails";

/** Secret columns never leave the database unless a query asks for them by name. */
const OMIT_SECRETS = {
  user: { passwordHash: true },
  pendingSignUp: { passwordHash: true },
  socialProfile: { accessTokenCiphertext: true, refreshTokenCiphertext: true },
  channelConnection: { credentialsCiphertext: true },
  brandSocialAccount: { tokensCiphertext: true },
  webhook: { secretCiphertext: true },
  apiKey: { keyHash: true },
} as const;

function createPool(): pg.Pool {
  const env = getEnv();
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  // A connection the server drops (Postgres restarting, a backend killed) emits "error": on an idle
  // client the pool hears it; on a checked-out one (a raw checkout has no listener of its own)
  // an unheard "error" event would end the process with every job in it. The statement in flight
  // fails with the same error, and the pool discards the client when it is released.
  const lost = (error: Error) => getLogger().warn({ err: error.message }, "database connection lost");
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  return pool;
}

function createBaseClient(pool: pg.Pool) {
  // Prisma and the raw ingest path share one pool: one connection budget per process.
  const adapter = new PrismaPg(pool);
  return new PrismaClient({ adapter, omit: OMIT_SECRETS });
}

type BaseClient = ReturnType<typeof createBaseClient>;

function withGuardRails(client: BaseClient) {
  return client.$extends({
    name: "megaphone-guard-rails",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          assertOperationAllowed(model, operation, args);
          return query(args);
        },
      },
    },
  });
}

/** The cross-tenant client still refuses an undefined filter and an unbounded bulk write. */
function withExplicitWheres(client: BaseClient) {
  return client.$extends({
    name: "megaphone-explicit-wheres",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          assertWhereIsExplicit(model, operation, args);
          return query(args);
        },
      },
    },
  });
}

export type Db = ReturnType<typeof withGuardRails>;
type UnsafeDb = ReturnType<typeof withExplicitWheres>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { megaphonePool?: pg.Pool; megaphoneBaseDb?: BaseClient; megaphoneDb?: Db; megaphoneUnsafeDb?: UnsafeDb };

/** The process's one connection pool (also across Next's dev-mode module reloads). */
export function getPgPool(): pg.Pool {
  globalForDb.megaphonePool ??= createPool();
  return globalForDb.megaphonePool;
}

function baseClient(): BaseClient {
  globalForDb.megaphoneBaseDb ??= createBaseClient(getPgPool());
  return globalForDb.megaphoneBaseDb;
}

/** The application's client: tenant guard-rails on, secrets omitted. */
export function getDb(): Db {
  globalForDb.megaphoneDb ??= withGuardRails(baseClient());
  return globalForDb.megaphoneDb;
}

/**
 * Reads or writes across tenants (scheduler fan-out, sign-in lookups, platform admin). Named
 * loudly so every bypass can be found with `grep -rn unsafeCrossTenantDb src`.
 */
export function unsafeCrossTenantDb(): UnsafeDb {
  globalForDb.megaphoneUnsafeDb ??= withExplicitWheres(baseClient());
  return globalForDb.megaphoneUnsafeDb;
}

export async function disconnectDb(): Promise<void> {
  const pool = globalForDb.megaphonePool;
  await globalForDb.megaphoneBaseDb?.$disconnect();
  globalForDb.megaphoneBaseDb = undefined;
  globalForDb.megaphoneDb = undefined;
  globalForDb.megaphoneUnsafeDb = undefined;
  globalForDb.megaphonePool = undefined;
  await pool?.end();
}
