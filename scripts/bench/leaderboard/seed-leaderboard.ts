import type pg from "pg";

/**
 * Seeds one brand with `customers` customers and `entries` ledger entries, in SQL (generate_series),
 * so 10M rows take minutes on 2 cores instead of hours through the application:
 *   - earning entries (MENTION, some CHECKIN and positive ADJUSTMENT) skewed toward a few heavy
 *     advocates (customer index ~ N·u², u uniform), spread over the last 18 months, 1–50 points;
 *   - 1% of them reversed, 1 in 50 customers opted out, 1 in 3 with a chosen leaderboard name.
 * Foreign-key triggers are off while loading (session_replication_role = replica): the rows are
 * built from the customers just inserted, and this is a throwaway _bench database.
 */
export async function seedLeaderboardBrand(client: pg.Client, opts: { customers: number; entries: number; log: (m: string) => void }) {
  const { customers, entries, log } = opts;
  const [{ id: tenantId, slug }] = (
    await client.query<{ id: string; slug: string }>(
      `INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ('leaderboard-bench', 'Leaderboard bench', now()) RETURNING id, slug`,
    )
  ).rows as [{ id: string; slug: string }];
  await client.query("SET session_replication_role = replica");
  let t = performance.now();
  // Ids keep the app's shape (prefix + 12 hex of time + 20 hex); customer g gets a readable, ordered id.
  await client.query(
    `INSERT INTO "Customer" (id, "tenantId", "displayName", "leaderboardName", "leaderboardOptOut", "createdAt", "updatedAt")
     SELECT 'cus_' || lpad(to_hex(g), 32, '0'), $1, 'Customer ' || g,
            CASE WHEN g % 3 = 0 THEN 'Advocate ' || g END, g % 50 = 0, now(), now()
     FROM generate_series(1, $2::int) g`,
    [tenantId, customers],
  );
  log(`  ${customers.toLocaleString("en")} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const batch = 1_000_000;
  for (let from = 1; from <= entries; from += batch) {
    const to = Math.min(entries, from + batch - 1);
    await client.query(
      `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation, "createdAt")
       SELECT $1, 'cus_' || lpad(to_hex(1 + floor($2::int * r1 * r1)::int), 32, '0'),
              1 + floor(r2 * 50)::int,
              (CASE WHEN g % 20 = 0 THEN 'CHECKIN' WHEN g % 97 = 0 THEN 'ADJUSTMENT' ELSE 'MENTION' END)::"LedgerSource",
              'bench:' || g, '{}'::jsonb,
              (now() AT TIME ZONE 'UTC') - r3 * interval '540 days'
       FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3 FROM generate_series($3::int, $4::int) g) s`,
      [tenantId, customers, from, to],
    );
    log(`  ledger ${to.toLocaleString("en")} / ${entries.toLocaleString("en")} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  const reversals = await client.query(
    `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "reversesId", explanation, "createdAt")
     SELECT "tenantId", "customerId", -amount, 'REVERSAL', 'reversal:' || id, id, '{}'::jsonb, "createdAt" + interval '1 day'
     FROM "LedgerEntry" TABLESAMPLE BERNOULLI (1) WHERE "tenantId" = $1 AND source <> 'REVERSAL'`,
    [tenantId],
  );
  log(`  ${reversals.rowCount?.toLocaleString("en")} reversals; ledger loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await client.query("SET session_replication_role = DEFAULT");
  t = performance.now();
  await client.query(`ANALYZE "Customer"`);
  await client.query(`ANALYZE "LedgerEntry"`);
  log(`  analyzed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { tenantId, slug };
}
