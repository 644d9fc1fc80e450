import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "../env";
import { PrismaClient } from "./generated/client";
import { assertOperationAllowed } from "./guard-rails";

/** Secret columns never leave the database unless a query asks for them by name. */
const OMIT_SECRETS = {
  user: { passwordHash: true },
  socialProfile: { accessTokenCiphertext: true, refreshTokenCiphertext: true },
  channelConnection: { credentialsCiphertext: true },
  webhook: { secretCiphertext: true },
  apiKey: { keyHash: true },
} as const;

function createBaseClient() {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
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

export type Db = ReturnType<typeof withGuardRails>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { megaphoneBaseDb?: BaseClient; megaphoneDb?: Db };

function baseClient(): BaseClient {
  // One pool per process, also across Next's dev-mode module reloads.
  globalForDb.megaphoneBaseDb ??= createBaseClient();
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
export function unsafeCrossTenantDb(): BaseClient {
  return baseClient();
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.megaphoneBaseDb?.$disconnect();
  globalForDb.megaphoneBaseDb = undefined;
  globalForDb.megaphoneDb = undefined;
}
