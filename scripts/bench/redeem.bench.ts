// npm run bench:redeem [-- --customers 200 --stock 1000 --clients 64]
//
// 200 customers race for one reward (stock 1,000) from 64 concurrent HTTP clients through the
// portal's JSON route (POST /r/{slug}/api/redemptions) of the built app under `next start`, each
// with its own portal session cookie. One request in ten is sent twice at once with the same
// idempotency key (a double tap, a second device). Measures redemptions/s until the stock is gone,
// p95 latency of every request, and the floor: p95 of the app's bare health route at the same
// concurrency, in the same run. Then counts oversold and double-spent redemptions and runs the
// ledger invariants. Ends with one JSON line. Runs on loopback against its own database.
import { benchEnv, log, p95 } from "./bench-kit";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { cpuAvailable, cpuOfNamed, cpuOfProcess, cpuOfTree } from "./cpu-usage";
import { startBenchApp } from "./bench-app";
import { recreateBenchDatabase } from "./ingest/bench-database";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "200" },
    stock: { type: "string", default: "1000" },
    clients: { type: "string", default: "64" },
    "profile-dir": { type: "string" },
  },
});
const CUSTOMERS = Number(args.customers);
const STOCK = Number(args.stock);
const CLIENTS = Number(args.clients);
const BENCH_DB = "postgresql://postgres@127.0.0.1:5432/megaphone_redeem_bench";
const BENCH_REDIS = "redis://127.0.0.1:6379/4";
const PORT = 3911;
const APP = `http://127.0.0.1:${PORT}`;
const SLUG = "redeem-bench";

benchEnv({
  DATABASE_URL: BENCH_DB,
  REDIS_URL: BENCH_REDIS,
  APP_URL: APP,
  NEXTAUTH_URL: APP,
  ABUSE_LIMIT_MULTIPLIER: "100",
});
const load = loadavg()[0]!;

log(`recreating ${BENCH_DB}`);
await recreateBenchDatabase(BENCH_DB);
const { getDb, disconnectDb } = await import("../../src/server/db/client");
const { startCustomerSession } = await import("../../src/server/modules/portal/customer-sessions");
const { findLedgerViolations } = await import("../../tests/integration/support/ledger-invariants");

// The brand, its customers with points (one ADJUSTMENT each, so balances equal their ledgers) and the reward.
const sql = new pg.Client({ connectionString: BENCH_DB });
await sql.connect();
const tenantId = (await sql.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ($1, 'Redeem Bench', now()) RETURNING id`, [SLUG]))
  .rows[0]!.id;
await sql.query(
  `WITH c AS (INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") SELECT $1, 'Bench customer ' || g, now() FROM generate_series(1, $2::int) g RETURNING id)
   , e AS (INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation)
           SELECT $1, id, 100000, 'ADJUSTMENT', 'adjustment:bench-' || id, '{"formula":"+100000 set by staff"}'::jsonb FROM c RETURNING "customerId")
   INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt") SELECT $1, "customerId", 100000, 100000, now() FROM e`,
  [tenantId, CUSTOMERS],
);
const rewardId = (
  await sql.query<{ id: string }>(
    `INSERT INTO "Reward" ("tenantId", name, cost, stock, fulfilment, "updatedAt") VALUES ($1, 'Free cup', 10, $2, 'GENERATED_CODE', now()) RETURNING id`,
    [tenantId, STOCK],
  )
).rows[0]!.id;
const customers = (await sql.query<{ id: string }>(`SELECT id FROM "Customer" WHERE "tenantId" = $1`, [tenantId])).rows.map((r) => r.id);
const scope = { tenantId, tenantSlug: SLUG, actor: { type: "CUSTOMER" as const, id: null } };
// One at a time: 200 transactions at once wait longer than Prisma's 2 s for a pooled connection on a busy machine.
const cookies: { token: string }[] = [];
for (const id of customers) cookies.push(await getDb().$transaction((tx) => startCustomerSession(tx, scope, id, new Date())));

log(`starting next start on ${APP}`);
// --profile-dir writes a V8 CPU profile of the app.
const profile = args["profile-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${args["profile-dir"]}`] : [];
const { server, log: serverLog } = await startBenchApp(PORT, "bench-redeem-app.log", profile);

async function timed(run: () => Promise<Response>): Promise<{ ms: number; status: number; body: unknown }> {
  const start = performance.now();
  // A dropped connection is an answer too (status 0, counted under statuses), not the end of the run.
  const response = await run().catch(() => null);
  const body: unknown = response ? await response.json().catch(() => null) : null;
  return { ms: performance.now() - start, status: response?.status ?? 0, body };
}

const redeem = (i: number, key: string) => () =>
  fetch(`${APP}/r/${SLUG}/api/redemptions`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP, cookie: `megaphone_portal=${cookies[i]!.token}` },
    body: JSON.stringify({ rewardId, idempotencyKey: key }),
  });

// Floor: the bare health route at the same concurrency.
const floor: number[] = [];
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    for (let j = 0; j < 20; j++) floor.push((await timed(() => fetch(`${APP}/api/v1/health`))).ms);
  }),
);

// Warm-up (compiles routes, fills pools): a few redemptions are part of the count below.
log(`racing: ${CLIENTS} clients, ${CUSTOMERS} customers, stock ${STOCK}`);
const latencies: number[] = [];
let created = 0;
let replays = 0;
let soldOutAt = 0;
const cpu = () => ({
  app: cpuOfTree(server.pid!),
  postgres: cpuOfNamed("postgres", "megaphone_redeem_bench"),
  redis: cpuOfNamed("redis-server"),
  bench: cpuOfProcess("self"),
});
const cpuBefore = cpu();
const started = performance.now();
const statuses = new Map<number, number>();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = 0; soldOutAt === 0 || n < 2; n++) {
      const who = (client * 7919 + n * 31) % CUSTOMERS;
      const key = randomUUID();
      const twins = n % 10 === 0 ? [redeem(who, key), redeem(who, key)] : [redeem(who, key)];
      const results = await Promise.all(twins.map((run) => timed(run)));
      for (const r of results) {
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 201) created++;
        if (r.status === 200) replays++;
        if (r.status === 409 && soldOutAt === 0 && created >= STOCK) soldOutAt = performance.now();
      }
      if (soldOutAt !== 0) break;
    }
  }),
);
const seconds = ((soldOutAt || performance.now()) - started) / 1000;
const cpuAfter = cpu();
// CPU per request (every answer, refusals and replays included), by process: what a request costs
// whatever else the machine is doing.
const cpuPerRequestMs = cpuAvailable()
  ? Object.fromEntries(
      (Object.keys(cpuAfter) as (keyof typeof cpuAfter)[]).map((k) => [k, Math.round(((cpuAfter[k] - cpuBefore[k]) * 1e4) / latencies.length) / 10]),
    )
  : null;

const counts = (
  await sql.query<{ redemptions: string; entries: string; stock: number; keys: string }>(
    `SELECT (SELECT count(*) FROM "Redemption" WHERE "tenantId" = $1 AND status <> 'CANCELLED') AS redemptions,
            (SELECT count(*) FROM "LedgerEntry" WHERE "tenantId" = $1 AND source = 'REDEMPTION') AS entries,
            (SELECT stock FROM "Reward" WHERE id = $2) AS stock,
            (SELECT count(DISTINCT "idempotencyKey") FROM "Redemption" WHERE "tenantId" = $1) AS keys`,
    [tenantId, rewardId],
  )
).rows[0]!;
const oversold = Math.max(0, Number(counts.redemptions) - STOCK) + (counts.stock < 0 ? -counts.stock : 0);
const doubleSpent = Number(counts.entries) - Number(counts.keys);
const violations = await findLedgerViolations(tenantId);
await sql.end();
await disconnectDb();

log(`statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${created} redeemed in ${seconds.toFixed(2)} s; ${replays} replays answered 200`);
log(`the app's log: ${serverLog}`);
if (cpuPerRequestMs) log(`CPU per request: ${JSON.stringify(cpuPerRequestMs)} ms`);
log(`ledger invariants: ${violations.length === 0 ? "hold" : violations.join("; ")}`);
log(`machine: 1-minute load ${load.toFixed(2)} at start on ${(await import("node:os")).cpus().length} cores (${load < 0.5 ? "quiet" : "not quiet"})`);
console.log(
  JSON.stringify({
    bench: "redeem",
    redemptionsPerSecond: Math.round(created / seconds),
    p95Ms: Math.round(p95(latencies) * 10) / 10,
    oversold,
    doubleSpent,
    floorHealthP95Ms: Math.round(p95(floor) * 10) / 10,
    requests: latencies.length,
    cpuPerRequestMs,
    replays,
    ledgerInvariantsHold: violations.length === 0,
    loadAtStart: Number(load.toFixed(2)),
  }),
);
process.exit(0);
