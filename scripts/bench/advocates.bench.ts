// npm run bench:advocates [-- --customers 20000 --mentions 1000000 --entries 300000 --reuse-db]
// One brand with 1M mentions over two years (80% attributed to 20k customers) and 300k ledger
// earnings, seeded in SQL into its own database (megaphone_advocates_bench, loopback only), then
// the Advocates page's data calls timed: rankAdvocates for 7/30/90 days and all time (score,
// page 1 and a deep page), lifecycleFunnel, and applyStageRules. Prints the median of 5 runs each.
import { parseArgs } from "node:util";
import pg from "pg";
import { systemContext } from "../../src/server/auth/tenant-context";
import { disconnectDb, getDb } from "../../src/server/db/client";
import { Prisma } from "../../src/server/db/generated/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { advocateRankingSql, rankAdvocates } from "../../src/server/modules/advocates/advocate-leaderboard";
import { ZAdvocateLeaderboardQuery } from "../../src/server/modules/advocates/advocates.schemas";
import { applyStageRules } from "../../src/server/modules/advocates/apply-stage-rules";
import { lifecycleFunnel } from "../../src/server/modules/advocates/lifecycle-funnel";
import { recreateBenchDatabase } from "./ingest/bench-database";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "20000" },
    mentions: { type: "string", default: "1000000" },
    entries: { type: "string", default: "300000" },
    "reuse-db": { type: "boolean", default: false },
  },
});
const BENCH_DB = process.env.ADVOCATES_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_advocates_bench";
process.env.DATABASE_URL = BENCH_DB;
process.env.LOG_LEVEL = "warn";
resetEnvCache();
getEnv();

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function seed(client: pg.Client): Promise<string> {
  const existing = await client.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = 'advocates-bench'`);
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ('advocates-bench', 'Advocates bench', now()) RETURNING id`,
  );
  const tenantId = rows[0]!.id;
  log("seeding customers");
  await client.query(
    `INSERT INTO "Customer" ("tenantId", "displayName", "npsClass", "updatedAt")
     SELECT $1, 'Customer ' || g, (ARRAY['PROMOTER','PASSIVE','DETRACTOR',NULL])[1 + g % 4]::"NpsClass", now() FROM generate_series(1, $2::int) g`,
    [tenantId, Number(args.customers)],
  );
  log("seeding mentions");
  await client.query(
    `WITH ids AS (SELECT array_agg(id) AS a FROM "Customer" WHERE "tenantId" = $1)
     INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                            text, "postedAt", metrics, "sentimentScore", "sentimentLabel", status, "updatedAt")
     SELECT $1, 'TWITTER', 'bench-' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE ids.a[1 + (g::bigint * 7919) % cardinality(ids.a)] END,
            'author-' || g % 50000, 'author_' || g % 50000, (g::bigint * 31) % 100000, 'bench post',
            now() - make_interval(secs => (g::float8 / $2) * 730 * 86400),
            jsonb_build_object('likes', g % 40, 'reposts', g % 7, 'replies', g % 3),
            ((g % 21) - 10) / 10.0, CASE WHEN g % 21 >= 12 THEN 'PROMOTER' WHEN g % 21 <= 8 THEN 'DETRACTOR' ELSE 'PASSIVE' END::"SentimentLabel",
            'CREDITED', now()
     FROM generate_series(1, $2::int) g, ids`,
    [tenantId, Number(args.mentions)],
  );
  log("seeding ledger earnings");
  await client.query(
    `WITH ids AS (SELECT array_agg(id) AS a FROM "Customer" WHERE "tenantId" = $1)
     INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation, "createdAt")
     SELECT $1, ids.a[1 + (g::bigint * 104729) % cardinality(ids.a)], 1 + g % 20, 'MENTION', 'bench-' || g, '{}'::jsonb,
            now() - make_interval(secs => (g::float8 / $2) * 730 * 86400)
     FROM generate_series(1, $2::int) g, ids`,
    [tenantId, Number(args.entries)],
  );
  await client.query(`INSERT INTO "StageRuleSet" ("tenantId", "updatedAt") VALUES ($1, now())`, [tenantId]);
  await client.query(`VACUUM ANALYZE`);
  return tenantId;
}

async function median(label: string, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  log(`${label}: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`);
}

async function main() {
  if (!args["reuse-db"]) await recreateBenchDatabase(BENCH_DB);
  const client = new pg.Client({ connectionString: BENCH_DB });
  await client.connect();
  const tenantId = await seed(client);
  await client.end();
  const ctx = { ...systemContext(tenantId), role: "VIEWER" as const };
  for (const period of ["7d", "30d", "90d", "all"] as const) {
    await median(`rankAdvocates ${period} by score, page 1`, () => rankAdvocates(ctx, { period }));
  }
  await median("rankAdvocates 90d by points, page 200", () => rankAdvocates(ctx, { period: "90d", by: "points", page: 200 }));
  await median("lifecycleFunnel", () => lifecycleFunnel(ctx));
  await median("applyStageRules (defaults)", () => applyStageRules(systemContext(tenantId)));
  if (process.env.ADVOCATES_BENCH_EXPLAIN) {
    for (const period of ["90d", "all"] as const) {
      const plan = await getDb().$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${advocateRankingSql(ctx, ZAdvocateLeaderboardQuery.parse({ period }), new Date())}`,
      );
      log(`plan ${period}:\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }
  await disconnectDb();
}

await main();
