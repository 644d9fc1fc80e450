// npm run bench:ingest [-- --mentions 1000000 --customers 100000 --workers 2 --concurrency 8]
//
// The sandbox serves N mentions for one tenant with C linked customers; worker processes poll,
// store, attribute, score and pay them through the real twitter-api-v2 client. Measures:
//   1. mentions/s from the first fetch until every mention is stored and every award posted;
//   2. at a steady 1,000 posts/s of live traffic, p95 from fetch (and from the post's creation)
//      to its ledger entry;
//   3. a burst: 50,000 posts arriving within 10 s, seconds until all are stored and paid;
//   4. the raw-SQL floor: the same rows written by plain batched SQL, in the same run;
//   5. CPU per mention of the workers, the Postgres backends, the sandbox and Redis.
// Ends with one JSON line. Everything runs on loopback against its own database (megaphone_bench).
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpuAvailable, cpuOfNamed, cpuOfProcess } from "./cpu-usage";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSandbox } from "../../src/sandbox/start-sandbox";
import { disconnectDb } from "../../src/server/db/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { recreateBenchDatabase } from "./ingest/bench-database";
import { measureRawSqlFloor, type FloorRow } from "./ingest/raw-sql-floor";
import { seedBenchTenant } from "./ingest/seed-bench-tenant";

const { values: args } = parseArgs({
  options: {
    mentions: { type: "string", default: "1000000" },
    customers: { type: "string", default: "100000" },
    workers: { type: "string", default: "2" },
    concurrency: { type: "string", default: "8" },
    sources: { type: "string", default: "8" },
    "latency-seconds": { type: "string", default: "20" },
    // Burst: this many posts arriving within 10 s; the bar is every one credited within 30 s.
    burst: { type: "string", default: "50000" },
    // A daily cap on the mention rule: pages then lock their customers while they pay (caps hold under concurrency).
    "daily-cap": { type: "string" },
    // Writes a V8 CPU profile per worker into this folder (for performance work).
    "profile-dir": { type: "string" },
  },
});
const MENTIONS = Number(args.mentions);
const CUSTOMERS = Number(args.customers);
const KEYWORDS = Array.from({ length: Number(args.sources) }, (_, i) => `BenchBrand${String.fromCharCode(65 + i)}`);
const BENCH_DB = "postgresql://postgres@127.0.0.1:5432/megaphone_bench";
const BENCH_REDIS = "redis://127.0.0.1:6379/7";

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Like `npm run demo` and `npm test`: a fresh clone has no .env yet, so it gets .env.example's
// local defaults (the bench then overrides the database, Redis and log level below).
if (!existsSync(".env")) {
  copyFileSync(".env.example", ".env");
  log("created .env from .env.example (local defaults)");
}
process.env.DATABASE_URL = BENCH_DB;
process.env.REDIS_URL = BENCH_REDIS;
process.env.LOG_LEVEL = "warn";
resetEnvCache();
getEnv();

log(`recreating ${BENCH_DB}`);
await recreateBenchDatabase(BENCH_DB);
const { Redis } = await import("ioredis");
const redis = new Redis(BENCH_REDIS);
await redis.flushdb();

const sandbox = await startSandbox({
  port: 0,
  startGenerator: false,
  initialPosts: 0,
  rateLimits: { "GET /2/tweets/search/recent": { app: 1_000_000_000, user: 1_000_000_000 } },
  generator: {
    authorCount: CUSTOMERS * 2,
    brandKeywords: KEYWORDS,
    brandHandles: [],
    brandHashtags: [],
    referenceMix: { keyword: 1, handle: 0, hashtag: 0 },
    replyShare: 0,
    deleteRate: 0,
  },
});
log(`sandbox on ${sandbox.url}; seeding ${MENTIONS.toLocaleString("en")} posts`);
const seeded = sandbox.generator.bulkSeed(MENTIONS, 6 * 24 * 3_600_000);
log(`seeded in ${seeded.ms} ms`);

const authors = sandbox.generator.authors.slice(0, CUSTOMERS).map((a) => ({ id: a.id, username: a.username }));
const dailyCap = args["daily-cap"] ? Number(args["daily-cap"]) : null;
const ctx = await seedBenchTenant(BENCH_DB, authors, KEYWORDS, dailyCap);
log(`tenant with ${CUSTOMERS.toLocaleString("en")} linked customers and ${KEYWORDS.length} sources`);

const expected = await expectedMatches(sandbox.url, KEYWORDS);
log(`${expected.toLocaleString("en")} posts match the sources`);

const profileArgs = args["profile-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${args["profile-dir"]}`] : [];
const workers: ChildProcess[] = [];
for (let i = 0; i < Number(args.workers); i++) {
  workers.push(
    spawn(process.execPath, [...profileArgs, "--import", "tsx", "src/workers/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: BENCH_DB,
        REDIS_URL: BENCH_REDIS,
        TWITTER_API_BASE_URL: sandbox.url,
        WORKER_CONCURRENCY_LISTENING: args.concurrency,
        DATABASE_POOL_SIZE: String(Math.min(20, Number(args.concurrency) + 2)),
        LISTENING_SCHEDULER_EVERY_MS: "250",
        LISTENING_POLL_INTERVAL_SECONDS: "1",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    }),
  );
}

const db = new pg.Client({ connectionString: BENCH_DB });
await db.connect();
const cpuBefore = cpuSnapshot();
const started = performance.now();
let stored = 0;
for (;;) {
  await sleep(1000);
  stored = Number((await db.query<{ count: string }>(`SELECT count(*) FROM "Mention" WHERE "tenantId" = $1`, [ctx.tenantId])).rows[0]!.count);
  const running = Number(
    (
      await db.query<{ count: string }>(`SELECT count(*) FROM "ListeningSource" WHERE "tenantId" = $1 AND ("syncStatus" <> 'OK' OR cursor IS NULL)`, [
        ctx.tenantId,
      ])
    ).rows[0]!.count,
  );
  const elapsed = (performance.now() - started) / 1000;
  log(`${stored.toLocaleString("en")} / ${expected.toLocaleString("en")} stored (${Math.round(stored / elapsed)}/s), ${running} sources mid-run`);
  if (stored >= expected && running === 0) break;
  if (elapsed > 1800) throw new Error("ingest did not finish within 30 minutes");
}
const ingestSeconds = (performance.now() - started) / 1000;
const cpuAfter = cpuSnapshot();
const credited = (
  await db.query<{ mentions: string; points: string }>(
    `SELECT count(DISTINCT "mentionId") AS mentions, coalesce(sum(amount), 0) AS points FROM "LedgerEntry" WHERE "tenantId" = $1`,
    [ctx.tenantId],
  )
).rows[0]!;
const mentionsPerSecond = Math.round(stored / ingestSeconds);
log(
  `ingest: ${stored.toLocaleString("en")} mentions in ${ingestSeconds.toFixed(1)} s → ${mentionsPerSecond}/s; ${Number(credited.mentions).toLocaleString("en")} credited, ${Number(credited.points).toLocaleString("en")} points`,
);
const cpuPerMention =
  cpuAfter && cpuBefore
    ? {
        workersUs: Math.round(((cpuAfter.workers - cpuBefore.workers) * 1e6) / stored),
        postgresUs: Math.round(((cpuAfter.postgres - cpuBefore.postgres) * 1e6) / stored),
        sandboxAndBenchUs: Math.round(((cpuAfter.self - cpuBefore.self) * 1e6) / stored),
        redisUs: Math.round(((cpuAfter.redis - cpuBefore.redis) * 1e6) / stored),
      }
    : null;
if (cpuPerMention)
  log(
    `CPU per mention: workers ${cpuPerMention.workersUs} µs, Postgres backends ${cpuPerMention.postgresUs} µs, sandbox + bench ${cpuPerMention.sandboxAndBenchUs} µs, Redis ${cpuPerMention.redisUs} µs`,
  );

// Steady live traffic: 1,000 posts/s for a while; latency = ledger entry time − post time.
const latencySeconds = Number(args["latency-seconds"]);
const phaseStart = new Date();
sandbox.generator.configure({ postsPerMinute: 60_000, tickMs: 100 });
sandbox.generator.start();
log(`steady phase: 1,000 posts/s for ${latencySeconds} s`);
await sleep(latencySeconds * 1000);
sandbox.generator.stop();
await sleep(5000);
// Fetch → credited: the worker stamps each mention with the time its page arrived (fetchedAt);
// the ledger row's createdAt is the clock when the statement wrote it (the commit follows).
// Post → credited adds the wait for the next poll (1 s interval) on top.
const latency = (
  await db.query<{ n: string; p50: number | null; p95: number | null; p95_post: number | null }>(
    `SELECT count(*) AS n,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY fetch_ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY fetch_ms) AS p95,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY post_ms) AS p95_post
   FROM (SELECT extract(epoch FROM (l."createdAt" - m."fetchedAt")) * 1000 AS fetch_ms,
                extract(epoch FROM (l."createdAt" - m."postedAt")) * 1000 AS post_ms
         FROM "LedgerEntry" l JOIN "Mention" m ON m.id = l."mentionId"
         WHERE l."tenantId" = $1 AND m."postedAt" >= $2) t`,
    [ctx.tenantId, phaseStart],
  )
).rows[0]!;
const p95FetchToCreditMs = Math.round(Number(latency.p95));
const p95PostToCreditMs = Math.round(Number(latency.p95_post));
log(
  `steady phase: ${latency.n} credited; fetch → credited p50 ${Math.round(Number(latency.p50))} ms, p95 ${p95FetchToCreditMs} ms; post created → credited p95 ${p95PostToCreditMs} ms`,
);

// Burst: N posts created over 10 s of live traffic; how long until every one is stored and paid.
const burstPosts = Number(args.burst);
let burst: { posts: number; creditedWithinSeconds: number } | null = null;
if (burstPosts > 0) {
  await sleep(3000);
  const before = await expectedMatches(sandbox.url, KEYWORDS);
  const storedBefore = await countStored();
  const burstStart = performance.now();
  sandbox.generator.configure({ postsPerMinute: burstPosts * 6, tickMs: 100 });
  sandbox.generator.start();
  log(`burst: ${burstPosts.toLocaleString("en")} posts over 10 s`);
  await sleep(10_000);
  sandbox.generator.stop();
  const arrived = (await expectedMatches(sandbox.url, KEYWORDS)) - before;
  for (;;) {
    const done = (await countStored()) - storedBefore;
    const elapsed = (performance.now() - burstStart) / 1000;
    if (done >= arrived && (await sourcesMidRun()) === 0) {
      burst = { posts: arrived, creditedWithinSeconds: Math.round(elapsed * 10) / 10 };
      break;
    }
    if (elapsed > 300) throw new Error(`burst not credited within 300 s (${done} of ${arrived})`);
    await sleep(250);
  }
  log(`burst: ${burst.posts.toLocaleString("en")} posts arrived in 10 s, all stored and paid ${burst.creditedWithinSeconds} s after the first (bar: 30 s)`);
}

for (const w of workers) w.kill("SIGTERM");
await Promise.all(workers.map((w) => new Promise((r) => w.once("exit", r))));

// The floor: the same rows by plain SQL, into a second tenant.
const floorTenant = (await db.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ('floor', 'Floor', now()) RETURNING id`)).rows[0]!
  .id;
await db.query(
  `INSERT INTO "Customer" (id, "tenantId", "displayName", "updatedAt") SELECT 'floor_' || id, $1, "displayName", now() FROM "Customer" WHERE "tenantId" = $2`,
  [floorTenant, ctx.tenantId],
);
const customerByAuthor = new Map<string, string>(
  (
    await db.query<{ externalUserId: string; c: string }>(`SELECT "externalUserId", 'floor_' || "customerId" AS c FROM "SocialProfile" WHERE "tenantId" = $1`, [
      ctx.tenantId,
    ])
  ).rows.map((r) => [r.externalUserId, r.c]),
);
const rows = (
  await db.query<FloorRow>(
    `SELECT "externalId", "authorExternalId", "authorHandle" AS handle, "authorFollowers" AS followers, text, "postedAt" FROM "Mention" WHERE "tenantId" = $1 LIMIT $2`,
    [ctx.tenantId, stored],
  )
).rows;
const rawSqlPerSecond = Math.round(await measureRawSqlFloor(BENCH_DB, floorTenant, rows, customerByAuthor));
log(`raw-SQL floor: ${rows.length.toLocaleString("en")} rows → ${rawSqlPerSecond}/s`);

const result = {
  bench: "ingest",
  mentions: stored,
  customers: CUSTOMERS,
  sources: KEYWORDS.length,
  dailyCap,
  workers: Number(args.workers),
  concurrency: Number(args.concurrency),
  ingestSeconds: Math.round(ingestSeconds * 10) / 10,
  creditedMentions: Number(credited.mentions),
  mentionsPerSecond,
  rawSqlPerSecond,
  ratio: Math.round((mentionsPerSecond / rawSqlPerSecond) * 100) / 100,
  p95FetchToCreditMs,
  p95PostToCreditMs,
  burst,
  cpuPerMention,
};
mkdirSync("bench-results", { recursive: true });
writeFileSync(`bench-results/ingest-${Date.now()}.json`, JSON.stringify(result, null, 2));
await db.end();
await redis.quit();
await sandbox.close();
await disconnectDb();
console.log(JSON.stringify(result));

/** CPU seconds so far of the workers, all Postgres processes of the bench database, Redis and this process (Linux /proc). */
function cpuSnapshot(): { workers: number; postgres: number; redis: number; self: number } | null {
  if (!cpuAvailable()) return null;
  return {
    workers: workers.reduce((sum, w) => sum + (w.pid ? cpuOfProcess(w.pid) : 0), 0),
    postgres: cpuOfNamed("postgres", "megaphone_bench"),
    redis: cpuOfNamed("redis-server"),
    self: cpuOfProcess("self"),
  };
}

async function countStored(): Promise<number> {
  return Number((await db.query<{ count: string }>(`SELECT count(*) FROM "Mention" WHERE "tenantId" = $1`, [ctx.tenantId])).rows[0]!.count);
}

async function sourcesMidRun(): Promise<number> {
  return Number(
    (await db.query<{ count: string }>(`SELECT count(*) FROM "ListeningSource" WHERE "tenantId" = $1 AND "syncStatus" = 'RUNNING'`, [ctx.tenantId])).rows[0]!
      .count,
  );
}

async function expectedMatches(url: string, keywords: string[]): Promise<number> {
  let total = 0;
  for (const k of keywords) {
    const res = await fetch(`${url}/__admin/posts?query=${encodeURIComponent(`"${k}"`)}`);
    const body = (await res.json()) as { matching?: number };
    total += body.matching ?? 0;
  }
  return total;
}
