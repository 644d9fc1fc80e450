// npm run bench:leaderboard [-- --customers 1000000 --entries 10000000 --samples 2000]
//       [--http-rps 500 --http-clients 64 --http-seconds 20] [--reuse-db [--skip-rebuild]]
// Size and load also from the environment (the flags win): LEADERBOARD_BENCH_CUSTOMERS,
// LEADERBOARD_BENCH_ENTRIES, LEADERBOARD_BENCH_HTTP_RPS, LEADERBOARD_BENCH_HTTP_CLIENTS,
// LEADERBOARD_BENCH_HTTP_SECONDS, LEADERBOARD_BENCH_PORT. Defaults are the size.
//
// One brand with 1M customers and 10M ledger entries (seeded in SQL), then:
//   1. the rebuild of its Redis boards from the ledger, timed, and checked member by member
//      against the standings computed by SQL from the ledger (they must agree exactly);
//   2. data-layer latency of topAdvocates(scope, period, 100) and myRank(cctx, period), one client
//      and 16 concurrent, against the floor measured in the same run: a bare Redis PING, a bare
//      ZREVRANGE of 100, the raw ZSCORE+ZCOUNT, a bare SQL SELECT 1, and the Postgres alternative
//      (an indexed standings table: top-100 by index, "my rank" by count(*));
//   3. over HTTP: the built app under `next start` against this database (scripts/bench/leaderboard/
//      http-load.ts), GET /r/{slug}/api/leaderboard?period=all|month with signed-in customers'
//      sessions, paced at 500 requests/s with up to 64 clients for a fixed time; the floor is the
//      app's bare /api/v1/health at the same pace and concurrency, in the same run.
// Ends with one JSON line (the size included) and whether the machine was quiet (load average).
// Own database (megaphone_leaderboard_bench), loopback only; nothing is written to the repository.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import type { CustomerContext, TenantScope } from "../../src/server/auth/tenant-context";
import { disconnectDb } from "../../src/server/db/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { closeQueues } from "../../src/server/jobs/queues";
import { leaderboardKeys } from "../../src/server/modules/leaderboard/leaderboard-keys";
import { loadAllStandings } from "../../src/server/modules/leaderboard/leaderboard-scores";
import { rebuildLeaderboard } from "../../src/server/modules/leaderboard/leaderboard-sync";
import { myRank, topAdvocates } from "../../src/server/modules/leaderboard/leaderboard.service";
import { withPgConnection } from "../../src/server/db/raw-sql";
import { closeSharedRedis, getRedis } from "../../src/server/redis";
import { recreateBenchDatabase } from "./ingest/bench-database";
import { customerCookies, paceRequests, startApp } from "./leaderboard/http-load";
import { seedLeaderboardBrand } from "./leaderboard/seed-leaderboard";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: process.env.LEADERBOARD_BENCH_CUSTOMERS ?? "1000000" },
    entries: { type: "string", default: process.env.LEADERBOARD_BENCH_ENTRIES ?? "10000000" },
    samples: { type: "string", default: "2000" },
    "pg-samples": { type: "string", default: "200" },
    "http-rps": { type: "string", default: process.env.LEADERBOARD_BENCH_HTTP_RPS ?? "500" },
    "http-clients": { type: "string", default: process.env.LEADERBOARD_BENCH_HTTP_CLIENTS ?? "64" },
    "http-seconds": { type: "string", default: process.env.LEADERBOARD_BENCH_HTTP_SECONDS ?? "20" },
    "reuse-db": { type: "boolean", default: false },
    // With --reuse-db: keep the boards a previous run built (the agreement check still runs).
    "skip-rebuild": { type: "boolean", default: false },
  },
});
const CUSTOMERS = Number(args.customers);
const ENTRIES = Number(args.entries);
const SAMPLES = Number(args.samples);
const PG_SAMPLES = Number(args["pg-samples"]);
const HTTP = { rps: Number(args["http-rps"]), clients: Number(args["http-clients"]), seconds: Number(args["http-seconds"]) };
const PORT = Number(process.env.LEADERBOARD_BENCH_PORT ?? 3912);
const BENCH_DB = process.env.LEADERBOARD_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_leaderboard_bench";
const BENCH_REDIS = process.env.LEADERBOARD_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/13";

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const loadBefore = load();

process.env.DATABASE_URL = BENCH_DB;
process.env.REDIS_URL = BENCH_REDIS;
process.env.LOG_LEVEL = "warn";
resetEnvCache();
getEnv();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => Number(n.toFixed(3));
function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: ms(percentile(s, 50)), p95: ms(percentile(s, 95)), p99: ms(percentile(s, 99)), n: s.length };
}

/** Times `n` calls, `concurrency` in flight. */
async function timeCalls(n: number, concurrency: number, call: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await call(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summary(samples);
}

const client = new pg.Client({ connectionString: BENCH_DB });
let tenantId: string;
let slug: string;
let seedSeconds: number | null = null;
if (args["reuse-db"]) {
  await client.connect();
  const row = (await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Tenant" WHERE slug = 'leaderboard-bench'`)).rows[0];
  if (!row) throw new Error("--reuse-db: no seeded brand in the bench database");
  ({ id: tenantId, slug } = row);
  log(`reusing the seeded brand in ${BENCH_DB}`);
} else {
  log(`recreating ${BENCH_DB}`);
  await recreateBenchDatabase(BENCH_DB);
  await client.connect();
  log(`seeding ${CUSTOMERS.toLocaleString("en")} customers and ${ENTRIES.toLocaleString("en")} ledger entries`);
  const t = performance.now();
  ({ tenantId, slug } = await seedLeaderboardBrand(client, { customers: CUSTOMERS, entries: ENTRIES, log }));
  seedSeconds = Number(((performance.now() - t) / 1000).toFixed(1));
  log(`seeded in ${seedSeconds} s`);
}
const scope: TenantScope = { tenantId, tenantSlug: slug, actor: { type: "SYSTEM", id: null } };
const redis = getRedis("cache");
const keys = leaderboardKeys(scope);
const now = new Date();
const keepBoards = args["reuse-db"] && args["skip-rebuild"] && (await redis.exists(keys.meta)) === 1;
let rebuildMs: number | null = null;
if (!keepBoards) {
  await redis.del(keys.all, keys.month(now), keys.meta, keys.dirty, keys.lock);
  // 1. Rebuild, then agreement with the ledger, member by member.
  log("rebuilding the boards from the ledger");
  const rebuild = await rebuildLeaderboard(scope, now);
  if (rebuild.kind !== "rebuilt") throw new Error(`rebuild did not run: ${rebuild.kind}`);
  rebuildMs = rebuild.ms;
  log(`rebuilt ${rebuild.customers.toLocaleString("en")} standings in ${(rebuild.ms / 1000).toFixed(1)} s`);
} else {
  log("keeping the boards of the previous run");
}
const standings = await withPgConnection((run) => loadAllStandings(run, scope, now));
async function boardOf(key: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let start = 0; ; start += 200_000) {
    const flat = await redis.zrange(key, String(start), String(start + 199_999), "WITHSCORES");
    for (let i = 0; i < flat.length; i += 2) out.set(flat[i]!, Number(flat[i + 1]));
    if (flat.length < 400_000) break;
  }
  return out;
}
function disagreements(board: Map<string, number>, expected: Map<string, number>): number {
  let bad = 0;
  for (const [id, points] of expected) if (board.get(id) !== points) bad++;
  for (const id of board.keys()) if (!expected.has(id)) bad++;
  return bad;
}
const expectedAll = new Map(standings.filter((s) => s.allTime > 0).map((s) => [s.customerId, s.allTime]));
const expectedMonth = new Map(standings.filter((s) => s.month > 0).map((s) => [s.customerId, s.month]));
const [boardAll, boardMonth] = [await boardOf(keys.all), await boardOf(keys.month(now))];
const agreement = {
  allTime: disagreements(boardAll, expectedAll),
  month: disagreements(boardMonth, expectedMonth),
  allTimeMembers: boardAll.size,
  monthMembers: boardMonth.size,
};
log(
  `agreement with the ledger: ${agreement.allTime} / ${agreement.month} disagreements (all time / month); ${boardAll.size} / ${boardMonth.size} on the boards`,
);

// Customers to ask "my rank" for: on the board, spread over every rank.
const ranked = [...boardAll.keys()];
const pick = (i: number) => ranked[(i * 7919) % ranked.length]!;
const cctx = (customerId: string): CustomerContext => ({ tenantId, tenantSlug: slug, customerId, actor: { type: "CUSTOMER", id: customerId } });

// 2. Floors and data-layer latency.
log("measuring floors");
await timeCalls(200, 1, () => redis.ping()); // warm-up
const floor = {
  redisPing: await timeCalls(SAMPLES, 1, () => redis.ping()),
  redisZrevrange100: await timeCalls(SAMPLES, 1, () => redis.zrevrange(keys.all, 0, 99, "WITHSCORES")),
  redisRank: await timeCalls(SAMPLES, 1, async (i) => {
    const s = await redis.zscore(keys.all, pick(i));
    return redis.zcount(keys.all, `(${s}`, "+inf");
  }),
  sqlSelect1: await timeCalls(SAMPLES, 1, () => client.query("SELECT 1")),
};
log("measuring the Postgres alternative (indexed standings table; top-100 by index, rank by count(*))");
await client.query(`DROP TABLE IF EXISTS bench_standing`);
await client.query(`CREATE UNLOGGED TABLE bench_standing ("tenantId" text, "customerId" text, points int)`);
const values = [...expectedAll];
for (let i = 0; i < values.length; i += 50_000) {
  const chunk = values.slice(i, i + 50_000);
  await client.query(`INSERT INTO bench_standing SELECT $1, unnest($2::text[]), unnest($3::int[])`, [tenantId, chunk.map((v) => v[0]), chunk.map((v) => v[1])]);
}
await client.query(`CREATE INDEX ON bench_standing ("tenantId", points DESC, "customerId")`);
await client.query(`CREATE UNIQUE INDEX ON bench_standing ("tenantId", "customerId")`);
await client.query(`VACUUM ANALYZE bench_standing`);
const postgres = {
  top100: await timeCalls(PG_SAMPLES, 1, () =>
    client.query(`SELECT "customerId", points FROM bench_standing WHERE "tenantId" = $1 ORDER BY points DESC, "customerId" LIMIT 100`, [tenantId]),
  ),
  rank: await timeCalls(PG_SAMPLES, 1, (i) =>
    client.query(
      `SELECT 1 + count(*) FROM bench_standing WHERE "tenantId" = $1 AND points > (SELECT points FROM bench_standing WHERE "tenantId" = $1 AND "customerId" = $2)`,
      [tenantId, pick(i)],
    ),
  ),
};
await client.query(`DROP TABLE bench_standing`);

log("measuring topAdvocates and myRank");
await timeCalls(200, 1, () => topAdvocates(scope, "all", 100, now));
await timeCalls(200, 1, (i) => myRank(cctx(pick(i)), "all", now));
const dataLayer = {
  topAll: await timeCalls(SAMPLES, 1, () => topAdvocates(scope, "all", 100, now)),
  topMonth: await timeCalls(SAMPLES, 1, () => topAdvocates(scope, "month", 100, now)),
  rankAll: await timeCalls(SAMPLES, 1, (i) => myRank(cctx(pick(i)), "all", now)),
  rankMonth: await timeCalls(SAMPLES, 1, (i) => myRank(cctx(pick(i)), "month", now)),
  top16Concurrent: await timeCalls(SAMPLES, 16, () => topAdvocates(scope, "all", 100, now)),
  rank16Concurrent: await timeCalls(SAMPLES, 16, (i) => myRank(cctx(pick(i)), "all", now)),
};

// 3. HTTP: the route and its floor, paced alike.
const app = await startApp(PORT, { DATABASE_URL: BENCH_DB, REDIS_URL: BENCH_REDIS, LOG_LEVEL: "warn" }, log);
let http: { route: Awaited<ReturnType<typeof paceRequests>>; health: Awaited<ReturnType<typeof paceRequests>> };
try {
  const cookies = await customerCookies(
    client,
    tenantId,
    Array.from({ length: 500 }, (_, i) => pick(i)),
  );
  const route = (i: number) => ({
    url: `${app.url}/r/${slug}/api/leaderboard?period=${i % 2 ? "month" : "all"}`,
    headers: { cookie: cookies[i % cookies.length]! },
  });
  log("HTTP warm-up (compiles nothing in a build, fills pools and caches)");
  await paceRequests({ rps: 100, clients: 8, seconds: 3, request: route });
  log(`HTTP floor: /api/v1/health at ${HTTP.rps}/s, up to ${HTTP.clients} clients, ${HTTP.seconds} s`);
  const health = await paceRequests({ ...HTTP, request: () => ({ url: `${app.url}/api/v1/health` }) });
  log(`HTTP: /r/${slug}/api/leaderboard at ${HTTP.rps}/s, up to ${HTTP.clients} clients, ${HTTP.seconds} s`);
  http = { route: await paceRequests({ ...HTTP, request: route }), health };
} finally {
  app.stop();
}
log(`floor: redis ZREVRANGE 100 p95 ${floor.redisZrevrange100.p95} ms, /api/v1/health p95 ${http.health.p95} ms at ${http.health.achievedRps}/s`);
log(`route: p95 ${http.route.p95} ms at ${http.route.achievedRps}/s achieved (target ${HTTP.rps}); statuses ${JSON.stringify(http.route.statuses)}`);

const loadAfter = load();
const result = {
  bench: "leaderboard",
  at: new Date().toISOString(),
  customers: CUSTOMERS,
  ledgerEntries: ENTRIES,
  seedSeconds,
  rebuildSeconds: rebuildMs === null ? null : Number((rebuildMs / 1000).toFixed(1)),
  agreement,
  topP95Ms: dataLayer.topAll.p95,
  rankP95Ms: dataLayer.rankAll.p95,
  httpP95Ms: http.route.p95,
  requestsPerSecond: http.route.achievedRps,
  http,
  dataLayer,
  floor,
  postgresAlternative: postgres,
  machine: {
    cores: cpus().length,
    loadBefore,
    loadAfter,
    // Shared with other work: "quiet" only when the 1-minute load was under a quarter of the cores before and after.
    quiet: loadBefore[0]! < cpus().length / 4 && loadAfter[0]! < cpus().length / 4,
  },
};
log(
  `machine: 1-minute load ${result.machine.loadBefore[0]} before, ${result.machine.loadAfter[0]} after, on ${result.machine.cores} cores (${result.machine.quiet ? "quiet" : "NOT quiet: the figures are inflated by other work"})`,
);
await client.end();
await closeQueues();
await closeSharedRedis();
await disconnectDb();
console.log(JSON.stringify(result));
