// npm run bench:screens [-- --customers 100000 --mentions 1000000 --entries 5000000 --runs 30 --warmup 5]
//       [--reuse-db] [--seed-only] [--explain] [--no-http] [--settle-seconds 90]
// One brand with 1M mentions, 100k customers and 5M ledger entries, seeded in SQL into its own
// database (megaphone_screens_bench, loopback only; scripts/bench/screens/seed-screens.ts), then
// the marketer's daily screens timed through the real data layer, as each page.tsx composes its
// calls (scripts/bench/screens/page-data.ts): the inbox's first page with no filter and with three
// filters and a search, the overview for 30 days, the busiest customer's 360 and the advocates
// leaderboard (30 days). Each: `--warmup` unmeasured runs, then p50/p95 of `--runs` sequential
// ones; the floor is a bare SELECT 1 through the same pool in the same run. Then over HTTP: the
// built app (`npx next build --webpack` if there is no build) under `next start` on a free
// loopback port against this database, a seeded member signed in through the credentials flow,
// each page GET to the last byte, one at a time; its floor is GET /api/v1/health.
// `--explain` then reruns each screen once under auto_explain (ANALYZE, BUFFERS) and writes the
// plans into docs/performance.md. Ends with one JSON line.
// Bars (issue 12): p95 ≤ 50 ms for the inbox, ≤ 100 ms for the other screens, ≤ 200 ms per page over HTTP.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import type { TenantContext } from "../../src/server/auth/tenant-context";
import { disconnectDb, getDb } from "../../src/server/db/client";
import { Prisma } from "../../src/server/db/generated/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { rollupComparisons } from "../../src/server/modules/overview/rollup-recount";
import { recreateBenchDatabase } from "./ingest/bench-database";
import { startApp } from "./leaderboard/http-load";
import { signInCookie, timePage } from "./screens/http-pages";
import { INBOX_SEARCH, overviewParts, screens, type Screen } from "./screens/page-data";
import { capturePlans, explainEveryStatement, writePlans } from "./screens/plans";
import { findSeededBrand, seedScreensBrand } from "./screens/seed-screens";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    mentions: { type: "string", default: "1000000" },
    entries: { type: "string", default: "5000000" },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "5" },
    "settle-seconds": { type: "string", default: "90" },
    "reuse-db": { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    "no-http": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const BENCH_DB = process.env.SCREENS_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_screens_bench";
const BENCH_REDIS = process.env.SCREENS_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/10";
const PLANS_DOC = "docs/performance.md";
const BARS = { inbox: 50, inboxSearch: 50, overview: 100, customer: 100, advocates: 100, http: 200 } as const;
process.env.DATABASE_URL = BENCH_DB;
process.env.REDIS_URL = BENCH_REDIS;
process.env.LOG_LEVEL = "warn";
resetEnvCache();
getEnv();

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const round = (ms: number) => Number(ms.toFixed(1));
const load1 = () => Number(loadavg()[0]!.toFixed(2));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stats {
  p50: number;
  p95: number;
  max: number;
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!) };
}

async function measure(label: string, run: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const s = stats(times);
  log(`${label}: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`);
  return s;
}

/** The rollups must equal a recount from the source tables (the module's own recount SQL), both ways. */
async function rollupsAgree(ctx: TenantContext): Promise<boolean> {
  const range = { from: "2000-01-01", to: "2100-01-01" };
  const db = getDb();
  let agree = true;
  for (const { stored, recounted } of rollupComparisons(ctx, range)) {
    const [diff] = await db.$queryRaw<{ n: bigint }[]>(Prisma.sql`
      SELECT (SELECT count(*) FROM ((${stored}) EXCEPT (${recounted})) a) + (SELECT count(*) FROM ((${recounted}) EXCEPT (${stored})) b) AS n`);
    if (diff!.n !== 0n) agree = false;
  }
  return agree;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function buildIfNeeded(): Promise<void> {
  if (existsSync(".next/BUILD_ID")) return;
  log("no build yet: npx next build --webpack");
  await new Promise<void>((resolve, reject) =>
    spawn("npx", ["next", "build", "--webpack"], { stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed")))),
  );
}

async function timeHttp(slug: string, email: string, password: string, customerId: string) {
  await buildIfNeeded();
  const app = await startApp(await freePort(), { DATABASE_URL: BENCH_DB, REDIS_URL: BENCH_REDIS, LOG_LEVEL: "warn" }, log);
  try {
    const cookie = await signInCookie(app.url, email, password);
    const base = `/t/${slug}`;
    const pages = {
      inbox: `${base}/inbox`,
      inboxSearch: `${base}/inbox?${new URLSearchParams(INBOX_SEARCH).toString()}`,
      overview: base,
      customer: `${base}/customers/${customerId}`,
      advocates: `${base}/advocates`,
    };
    const floor = stats(await timePage(app.url, "/api/v1/health", "", RUNS, WARMUP));
    log(`HTTP floor GET /api/v1/health: p50 ${floor.p50} ms, p95 ${floor.p95} ms`);
    const perPage: Record<string, Stats> = {};
    for (const [key, path] of Object.entries(pages)) {
      const page = stats(await timePage(app.url, path, cookie, RUNS, WARMUP));
      perPage[key] = page;
      log(`HTTP GET ${path}: p50 ${page.p50} ms, p95 ${page.p95} ms, max ${page.max} ms`);
    }
    return { floor, perPage };
  } finally {
    app.stop();
  }
}

async function main() {
  const size = { customers: Number(args.customers), mentions: Number(args.mentions), entries: Number(args.entries) };
  if (!args["reuse-db"]) await recreateBenchDatabase(BENCH_DB);
  const client = new pg.Client({ connectionString: BENCH_DB });
  await client.connect();
  const seedStart = performance.now();
  const brand = (await findSeededBrand(client)) ?? (await seedScreensBrand(client, size, log));
  const seededIn = (performance.now() - seedStart) / 1000;
  if (seededIn > 5) log(`seeded in ${seededIn.toFixed(0)} s`);
  const counts = await client.query<{ mentions: string; customers: string; entries: string }>(
    `SELECT (SELECT count(*) FROM "Mention") AS mentions, (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "LedgerEntry") AS entries`,
  );
  const busiest = await client.query<{ id: string; mentions: string; entries: string }>(
    `SELECT m."customerId" AS id, count(*) AS mentions,
            (SELECT count(*) FROM "LedgerEntry" e WHERE e."tenantId" = $1 AND e."customerId" = m."customerId") AS entries
       FROM "Mention" m WHERE m."tenantId" = $1 AND m."customerId" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [brand.tenantId],
  );
  await client.end();
  const customer = busiest.rows[0]!;
  log(`brand: ${JSON.stringify(counts.rows[0])}; busiest customer ${customer.id} (${customer.mentions} mentions, ${customer.entries} ledger entries)`);

  // The member the pages would build from the session (requireMember): an owner of the brand.
  const ctx: TenantContext = { tenantId: brand.tenantId, tenantSlug: brand.slug, role: "OWNER", actor: { type: "USER", id: brand.userId } };
  const agree = await rollupsAgree(ctx);
  log(`overview rollups agree with a recount from the source tables: ${agree ? "yes" : "NO"}`);
  if (args["seed-only"]) {
    await disconnectDb();
    return;
  }

  const cores = cpus().length;
  const settleUntil = Date.now() + Number(args["settle-seconds"]) * 1000;
  while (load1() >= cores / 4 && Date.now() < settleUntil) await sleep(5_000);
  const loadBefore = load1();
  log(`1-minute load ${loadBefore} on ${cores} cores before timing`);

  // no-tenant-data: the floor, a round trip through the same client and pool as the screens' calls.
  const floor = await measure("floor: SELECT 1 through the same pool", () => getDb().$queryRaw`SELECT 1`);
  const list = screens(ctx, customer.id);
  const pages: Partial<Record<Screen["key"], Stats>> = {};
  for (const screen of list) {
    pages[screen.key] = await measure(`${screen.label} (the page's data calls)`, screen.page);
    await measure(`  ${screen.main.label}`, screen.main.run);
  }
  for (const part of overviewParts(ctx)) await measure(`  ${part.label}`, part.run);

  let http: Awaited<ReturnType<typeof timeHttp>> | null = null;
  let httpNote: string | null = args["no-http"] ? "skipped (--no-http)" : null;
  if (!args["no-http"]) {
    try {
      http = await timeHttp(brand.slug, brand.email, brand.password, customer.id);
    } catch (error) {
      httpNote = `HTTP not measured: ${error instanceof Error ? error.message : String(error)}`;
      log(httpNote);
    }
  }
  const loadAfter = load1();

  if (args.explain) {
    await disconnectDb();
    explainEveryStatement();
    const sections = [];
    for (const screen of list) sections.push({ title: screen.label, plans: await capturePlans(screen.page) });
    writePlans(
      PLANS_DOC,
      `Captured by \`npm run bench:screens -- --explain\` on ${new Date().toISOString().slice(0, 10)} (${counts.rows[0]!.mentions} mentions, ` +
        `${counts.rows[0]!.customers} customers, ${counts.rows[0]!.entries} ledger entries; busiest customer: ${customer.mentions} mentions, ` +
        `${customer.entries} ledger entries). Each screen's statements as the data layer ran them, slowest first.`,
      sections,
    );
    log(`plans written to ${PLANS_DOC}`);
  }
  await disconnectDb();

  const httpP95 = http ? Math.max(...Object.values(http.perPage).map((s) => s.p95)) : null;
  const result = {
    bench: "screens",
    size,
    runs: RUNS,
    warmup: WARMUP,
    inboxP95Ms: pages.inbox!.p95,
    inboxSearchP95Ms: pages.inboxSearch!.p95,
    overviewP95Ms: pages.overview!.p95,
    customerP95Ms: pages.customer!.p95,
    advocatesP95Ms: pages.advocates!.p95,
    /** The slowest page's p95 over HTTP (each page's below); null when HTTP was not measured. */
    httpP95Ms: httpP95,
    httpPagesP95Ms: http ? Object.fromEntries(Object.entries(http.perPage).map(([k, s]) => [k, s.p95])) : null,
    httpNote,
    floorP95Ms: floor.p95,
    httpFloorP95Ms: http?.floor.p95 ?? null,
    withinBars:
      pages.inbox!.p95 <= BARS.inbox &&
      pages.inboxSearch!.p95 <= BARS.inboxSearch &&
      pages.overview!.p95 <= BARS.overview &&
      pages.customer!.p95 <= BARS.customer &&
      pages.advocates!.p95 <= BARS.advocates &&
      httpP95 !== null &&
      httpP95 <= BARS.http,
    rollupsAgree: agree,
    loadAvg1Before: loadBefore,
    loadAvg1After: loadAfter,
    cores,
    // Quiet when other work left the machine under a quarter of its cores as timing began (the
    // 1-minute figure after the run includes the bench's own queries and app).
    quiet: loadBefore < cores / 4,
  };
  console.log(JSON.stringify(result));
}

await main();
