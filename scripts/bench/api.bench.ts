// npm run bench:api [-- --customers 2000 --clients 64 --seconds 30]
//
// The REST API under `next start` with an API key: 64 concurrent clients for 30 s, each request one
// of a mixed read workload in turn — a customer by id, a customer list page, a customer's ledger
// page, a customer's balance. Measures requests/s, p95 (overall and per kind) and errors (any answer
// but 200), and the floor in the same run: the app's bare health route at the same concurrency.
// Ends with one JSON line. Runs on loopback against its own database.
import { benchEnv, log, p95 } from "./bench-kit";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { startBenchApp } from "./bench-app";
import { recreateBenchDatabase } from "./ingest/bench-database";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "2000" },
    clients: { type: "string", default: "64" },
    seconds: { type: "string", default: "30" },
  },
});
const CUSTOMERS = Number(args.customers);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const BENCH_DB = "postgresql://postgres@127.0.0.1:5432/megaphone_api_bench";
const BENCH_REDIS = "redis://127.0.0.1:6379/6";
const PORT = 3912;
const APP = `http://127.0.0.1:${PORT}`;
const SLUG = "api-bench";

const round = (n: number) => Math.round(n * 10) / 10;

benchEnv({
  DATABASE_URL: BENCH_DB,
  REDIS_URL: BENCH_REDIS,
  APP_URL: APP,
  NEXTAUTH_URL: APP,
  // The per-key limit is measured elsewhere (tests/integration/api-keys): here it must not be what answers.
  API_KEY_REQUESTS_PER_MINUTE: "1000000",
});
const load = loadavg()[0]!;

log(`recreating ${BENCH_DB}`);
await recreateBenchDatabase(BENCH_DB);
const { disconnectDb } = await import("../../src/server/db/client");
const { createApiKey } = await import("../../src/server/modules/api-keys/api-keys.service");
const { closeSharedRedis } = await import("../../src/server/redis");

// The brand, an admin, customers with an email, five ledger entries each and a balance.
const sql = new pg.Client({ connectionString: BENCH_DB });
await sql.connect();
const tenantId = (await sql.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ($1, 'API Bench', now()) RETURNING id`, [SLUG]))
  .rows[0]!.id;
const userId = (
  await sql.query<{ id: string }>(
    `INSERT INTO "User" (email, name, "passwordHash", "updatedAt") VALUES ('admin@api-bench.test', 'Bench admin', 'x', now()) RETURNING id`,
  )
).rows[0]!.id;
await sql.query(`INSERT INTO "Membership" ("tenantId", "userId", role) VALUES ($1, $2, 'ADMIN')`, [tenantId, userId]);
await sql.query(
  `WITH c AS (INSERT INTO "Customer" ("tenantId", "displayName", "externalId", "updatedAt")
              SELECT $1, 'Bench customer ' || g, 'ext-' || g, now() FROM generate_series(1, $2::int) g RETURNING id, "externalId")
   , m AS (INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") SELECT $1, id, "externalId" || '@api-bench.test', true FROM c)
   , e AS (INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation)
           SELECT $1, c.id, 10 * k, 'ADJUSTMENT', 'adjustment:bench-' || c.id || '-' || k, '{"formula":"bench"}'::jsonb FROM c, generate_series(1, 5) k)
   INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt") SELECT $1, id, 150, 150, now() FROM c`,
  [tenantId, CUSTOMERS],
);
const customers = (await sql.query<{ id: string }>(`SELECT id FROM "Customer" WHERE "tenantId" = $1`, [tenantId])).rows.map((r) => r.id);
const ctx = { tenantId, tenantSlug: SLUG, role: "ADMIN" as const, actor: { type: "USER" as const, id: userId } };
const { secret } = await createApiKey(ctx, { name: "bench", scopes: ["customers:read", "ledger:read"] });
await sql.end();
await disconnectDb();
await closeSharedRedis();

log(`starting next start on ${APP}`);
const { log: serverLog } = await startBenchApp(PORT, "bench-api-app.log");

const auth = { authorization: `Bearer ${secret}` };
const T = `${APP}/api/v1/tenants/${SLUG}`;
const KINDS = {
  customer: (i: number) => `${T}/customers/${customers[i % customers.length]}`,
  list: (i: number) => `${T}/customers?page=${(i % 50) + 1}&pageSize=20`,
  ledger: (i: number) => `${T}/customers/${customers[(i * 7) % customers.length]}/ledger`,
  balance: (i: number) => `${T}/customers/${customers[(i * 13) % customers.length]}/balance`,
} as const;
type Kind = keyof typeof KINDS;
const ORDER = Object.keys(KINDS) as Kind[];

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers }).catch(() => null);
  if (response) await response.arrayBuffer().catch(() => null);
  return { ms: performance.now() - start, status: response?.status ?? 0 };
}

async function runFor(seconds: number, next: (n: number) => { url: string; headers: Record<string, string>; kind: string }) {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  const statuses = new Map<number, number>();
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const request = next(n++);
        const r = await timed(request.url, request.headers);
        latencies.push(r.ms);
        const ofKind = byKind.get(request.kind) ?? [];
        ofKind.push(r.ms);
        byKind.set(request.kind, ofKind);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, byKind, statuses, rps: latencies.length / elapsed };
}

// Warm-up: every route compiled and the pools filled before anything is counted.
log("warming up (5 s)");
await runFor(5, (n) => ({ url: KINDS[ORDER[n % ORDER.length]!](n), headers: auth, kind: "warm" }));
log(`floor: the bare health route, ${CLIENTS} clients, 10 s`);
const floor = await runFor(10, () => ({ url: `${APP}/api/v1/health`, headers: {}, kind: "health" }));
log(`mixed reads with an API key: ${CLIENTS} clients, ${SECONDS} s`);
const mixed = await runFor(SECONDS, (n) => {
  const kind = ORDER[n % ORDER.length]!;
  return { url: KINDS[kind](n), headers: auth, kind };
});

const errors = [...mixed.statuses].filter(([status]) => status !== 200).reduce((sum, [, count]) => sum + count, 0);
log(`statuses ${JSON.stringify(Object.fromEntries(mixed.statuses))}; the app's log: ${serverLog}`);
log(`machine: 1-minute load ${load.toFixed(2)} at start on ${cpus().length} cores (${load < 0.5 ? "quiet" : "not quiet"})`);
console.log(
  JSON.stringify({
    bench: "api",
    requestsPerSecond: Math.round(mixed.rps),
    p95Ms: round(p95(mixed.latencies)),
    errors,
    p95MsByKind: Object.fromEntries([...mixed.byKind].map(([kind, values]) => [kind, round(p95(values))])),
    floorHealthRequestsPerSecond: Math.round(floor.rps),
    floorHealthP95Ms: round(p95(floor.latencies)),
    clients: CLIENTS,
    seconds: SECONDS,
    customers: CUSTOMERS,
    loadAtStart: Number(load.toFixed(2)),
  }),
);
process.exit(0);
