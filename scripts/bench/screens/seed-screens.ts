import type pg from "pg";
import { hashPassword } from "../../../src/server/auth/password";

/*
 * One brand for bench:screens, written with set-based INSERTs (generate_series): customers with
 * one linked X account each, mentions over two years (80% by customers, the rest by prospects),
 * ledger entries over the same two years (mention awards tied to their mention and its author,
 * check-ins, shares, adjustments) and the balances they add up to.
 *
 * Shaped like the app's own rows where the screens depend on it:
 * - ids are time-ordered like megaphone_id() (12 hex of milliseconds, then 20 hex), from the row's
 *   own creation time: the ledger's day ranges are also ranges of its (tenantId, id) key;
 * - the rollup triggers stay on, so the overview's daily rollups are counted by the database as
 *   the pipeline's writes would count them (one statement per table: one grouped upsert each);
 * - activity is skewed (customer i's share falls like 1/sqrt(i)), so the busiest customer has
 *   thousands of mentions and ledger entries, as a brand's top fan would.
 * Only the notification outbox trigger is off while the ledger is written: the worker drains that
 * table, so a live brand holds a handful of rows there, not millions.
 */

export interface ScreensSize {
  customers: number;
  mentions: number;
  entries: number;
}

export interface SeededBrand {
  tenantId: string;
  slug: string;
  userId: string;
  email: string;
  password: string;
}

export const BENCH_SLUG = "screens-bench";
export const BENCH_EMAIL = "owner@screens-bench.test";
/** A loopback-only bench account: the database is recreated by every run without --reuse-db. */
export const BENCH_PASSWORD = "screens bench correct horse";

const LEDGER_CHUNK = 1_000_000;

// pg_temp functions: the same expressions for a row and for every row that points at it.
const HELPERS = [
  // megaphone_id()'s shape with a chosen time and a counter for the 20 random hex.
  `CREATE FUNCTION pg_temp.bench_id(prefix text, at timestamp, n bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
     SELECT prefix || '_' || lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || lpad(to_hex(n), 20, '0') $$`,
  // Customer i joined (c - i) / c of 1,000 days ago.
  `CREATE FUNCTION pg_temp.customer_at(i bigint, c bigint, anchor timestamp) RETURNS timestamp IMMUTABLE LANGUAGE sql AS $$
     SELECT anchor - make_interval(secs => ((c - i)::float8 / c) * 1000 * 86400) $$`,
  `CREATE FUNCTION pg_temp.customer_id(i bigint, c bigint, anchor timestamp) RETURNS text IMMUTABLE LANGUAGE sql AS $$
     SELECT pg_temp.bench_id('cus', pg_temp.customer_at(i, c, anchor), i) $$`,
  `CREATE FUNCTION pg_temp.profile_id(i bigint, c bigint, anchor timestamp) RETURNS text IMMUTABLE LANGUAGE sql AS $$
     SELECT pg_temp.bench_id('sp', pg_temp.customer_at(i, c, anchor) + interval '1 hour', i) $$`,
  // A well-spread hash of x squared: customer 1 is the busiest, then 2, … (P(i <= k) = sqrt(k / c)).
  `CREATE FUNCTION pg_temp.skewed(x bigint, c bigint) RETURNS bigint IMMUTABLE LANGUAGE sql AS $$
     SELECT least(c, 1 + floor(c * power(((x * 2654435761) % 4294967296)::float8 / 4294967296.0, 2))::bigint) $$`,
  // Mention g (of m) was posted (m - g) / m of two years ago: g = m is the newest.
  `CREATE FUNCTION pg_temp.posted_at(g bigint, m bigint, anchor timestamp) RETURNS timestamp IMMUTABLE LANGUAGE sql AS $$
     SELECT anchor - make_interval(secs => ((m - g)::float8 / m) * 730 * 86400) $$`,
  `CREATE FUNCTION pg_temp.mention_id(g bigint, m bigint, anchor timestamp) RETURNS text IMMUTABLE LANGUAGE sql AS $$
     SELECT pg_temp.bench_id('men', pg_temp.posted_at(g, m, anchor) + interval '1 minute', g) $$`,
];

export async function findSeededBrand(client: pg.Client): Promise<SeededBrand | null> {
  const { rows } = await client.query<{ tenantId: string; userId: string }>(
    `SELECT t.id AS "tenantId", u.id AS "userId" FROM "Tenant" t JOIN "Membership" ms ON ms."tenantId" = t.id JOIN "User" u ON u.id = ms."userId"
      WHERE t.slug = $1 AND u.email = $2
        -- Balances are written last: a seed cut short is not reused (its slug then refuses a new one).
        AND EXISTS (SELECT 1 FROM "PointBalance" pb WHERE pb."tenantId" = t.id)`,
    [BENCH_SLUG, BENCH_EMAIL],
  );
  const row = rows[0];
  return row ? { ...row, slug: BENCH_SLUG, email: BENCH_EMAIL, password: BENCH_PASSWORD } : null;
}

export async function seedScreensBrand(client: pg.Client, size: ScreensSize, log: (msg: string) => void): Promise<SeededBrand> {
  const anchor = new Date().toISOString().replace("T", " ").replace("Z", "");
  const { customers: C, mentions: M, entries: E } = size;
  for (const sql of HELPERS) await client.query(sql);

  const tenant = await client.query<{ id: string }>(
    `INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ($1, 'Megaphone Coffee (bench)', now()) RETURNING id`,
    [BENCH_SLUG],
  );
  const tenantId = tenant.rows[0]!.id;
  const user = await client.query<{ id: string }>(
    `INSERT INTO "User" (email, name, "passwordHash", "lastTenantId", "updatedAt") VALUES ($1, 'Bench Owner', $2, $3, now()) RETURNING id`,
    [BENCH_EMAIL, await hashPassword(BENCH_PASSWORD), tenantId],
  );
  const userId = user.rows[0]!.id;
  await client.query(`INSERT INTO "Membership" ("tenantId", "userId", role) VALUES ($1, $2, 'OWNER')`, [tenantId, userId]);
  await client.query(
    `WITH u AS (
       INSERT INTO "User" (email, name, "passwordHash", "updatedAt")
       SELECT 'marketer' || k || '@screens-bench.test', 'Marketer ' || k, 'unusable', now() FROM generate_series(1, 4) k RETURNING id)
     INSERT INTO "Membership" ("tenantId", "userId", role) SELECT $1, u.id, 'MARKETER' FROM u`,
    [tenantId],
  );
  await client.query(
    `INSERT INTO "ListeningSource" ("tenantId", network, kind, value, "updatedAt") VALUES
       ($1, 'TWITTER', 'KEYWORD', 'megaphone coffee', now()), ($1, 'TWITTER', 'HASHTAG', 'megaphonecoffee', now()),
       ($1, 'TWITTER', 'HANDLE', 'megaphone', now()), ($1, 'FOURSQUARE', 'VENUE', 'Megaphone Coffee venues', now())`,
    [tenantId],
  );
  await client.query(
    `INSERT INTO "Location" ("tenantId", name, city, "updatedAt")
     SELECT $1, 'Megaphone Coffee #' || k, (ARRAY['Lisbon','Porto','Madrid','Paris','Berlin'])[1 + k % 5], now() FROM generate_series(1, 40) k`,
    [tenantId],
  );
  await client.query(`INSERT INTO "StageRuleSet" ("tenantId", "updatedAt") VALUES ($1, now())`, [tenantId]);

  log(`seeding ${C} customers and their linked X accounts`);
  await client.query(
    `INSERT INTO "Customer" (id, "tenantId", "displayName", "lifecycleStage", "sentimentLabel", "sentimentScore", "npsClass", "createdAt", "updatedAt")
     SELECT pg_temp.customer_id(i, $2, $3), $1,
            (ARRAY['Ana','Bruno','Chloé','Dmitri','Eva','Farid','Grace','Hiro','Inès','João'])[1 + i % 10] || ' ' ||
              (ARRAY['Silva','Martin','Novak','Okafor','Rossi','Schmidt','Tanaka','Dubois','Costa'])[1 + i % 9] || ' ' || i,
            (ARRAY['CUSTOMER','CUSTOMER','CUSTOMER','LOYAL','LOYAL','ADVOCATE','PROSPECT','CUSTOMER'])[1 + i % 8]::"LifecycleStage",
            (ARRAY['PROMOTER','PASSIVE','DETRACTOR'])[1 + i % 3]::"SentimentLabel", ((i % 21) - 10) / 10.0,
            (ARRAY['PROMOTER','PASSIVE','DETRACTOR',NULL])[1 + i % 4]::"NpsClass",
            pg_temp.customer_at(i, $2, $3), pg_temp.customer_at(i, $2, $3)
       FROM generate_series(1, $2::bigint) i`,
    [tenantId, C, anchor],
  );
  await client.query(
    `INSERT INTO "SocialProfile" (id, "tenantId", "customerId", network, "externalUserId", handle, "displayName", "followersCount",
                                  "followingCount", "refreshedAt", status, "linkedAt", "createdAt", "updatedAt")
     SELECT pg_temp.profile_id(i, $2, $3), $1, pg_temp.customer_id(i, $2, $3), 'TWITTER', 'x' || i, 'fan_' || i, 'Fan ' || i,
            (i * 7919) % 50000, (i * 31) % 900, pg_temp.customer_at(i, $2, $3) + interval '1 hour', 'ACTIVE',
            pg_temp.customer_at(i, $2, $3) + interval '1 hour', pg_temp.customer_at(i, $2, $3) + interval '1 hour', now()
       FROM generate_series(1, $2::bigint) i`,
    [tenantId, C, anchor],
  );

  log(`seeding ${M} mentions`);
  await client.query(
    `WITH src AS (
       SELECT array_agg(id ORDER BY value) FILTER (WHERE network = 'TWITTER') AS tw,
              (array_agg(id) FILTER (WHERE network = 'FOURSQUARE'))[1] AS fsq,
              array_agg(value ORDER BY value) FILTER (WHERE network = 'TWITTER') AS terms
         FROM "ListeningSource" WHERE "tenantId" = $1),
     loc AS (SELECT array_agg(id ORDER BY id) AS a FROM "Location" WHERE "tenantId" = $1),
     mem AS (SELECT array_agg(id ORDER BY id) AS a FROM "Membership" WHERE "tenantId" = $1),
     seq AS (
       SELECT g, pg_temp.posted_at(g, $2, $4) AS posted, g % 5 <> 0 AS attributed, g % 10 = 9 AS checkin,
              pg_temp.skewed(g, $3) AS ci, ((g * 13) % 21 - 10) / 10.0 AS score
         FROM generate_series(1, $2::bigint) g)
     INSERT INTO "Mention" (id, "tenantId", network, "externalId", "sourceId", "customerId", "socialProfileId", "locationId",
                            "authorExternalId", "authorHandle", "authorFollowers", text, url, lang, "postedAt", "matchedKeywords", metrics,
                            "isReply", "sentimentScore", "sentimentLabel", status, "deletedUpstreamAt", "fetchedAt", "deletionCheckAt",
                            triage, "assigneeId", "createdAt", "updatedAt")
     SELECT pg_temp.mention_id(g, $2, $4), $1,
            CASE WHEN checkin THEN 'FOURSQUARE' ELSE 'TWITTER' END::"Network", 'post-' || g,
            CASE WHEN checkin THEN src.fsq ELSE src.tw[1 + g % 3] END,
            CASE WHEN attributed THEN pg_temp.customer_id(ci, $3, $4) END,
            CASE WHEN attributed AND NOT checkin THEN pg_temp.profile_id(ci, $3, $4) END,
            CASE WHEN checkin THEN loc.a[1 + g % cardinality(loc.a)] END,
            CASE WHEN attributed THEN 'x' || ci ELSE 'p' || (g % 40000) END,
            CASE WHEN attributed THEN 'fan_' || ci ELSE 'prospect_' || (g % 40000) END,
            CASE WHEN attributed THEN (ci * 7919) % 50000 ELSE (g * 31) % 5000 END,
            (ARRAY['Loving','Tried','Not impressed by','Great','Why is','Can I get a refund for','Best','Still waiting for'])[1 + g % 8]
              || ' the ' || (ARRAY['latte','flat white','cold brew','croissant','oat milk','espresso','loyalty app','new menu','barista team','delivery'])[1 + (g / 8) % 10]
              || ' at ' || (ARRAY['@megaphone','Megaphone Coffee','#megaphonecoffee'])[1 + (g / 80) % 3]
              || CASE WHEN g % 7 = 0 THEN '?' ELSE ' today' END || ' ' || substr(md5(g::text), 1, 8),
            CASE WHEN checkin THEN NULL ELSE 'https://x.com/i/status/' || g END, 'en', posted,
            ARRAY[CASE WHEN checkin THEN 'Megaphone Coffee venues' ELSE src.terms[1 + g % 3] END],
            jsonb_build_object('likes', g % 40, 'reposts', g % 7, 'replies', g % 3),
            g % 11 = 0,
            CASE WHEN g % 50 = 0 THEN NULL ELSE score END,
            CASE WHEN g % 50 = 0 THEN NULL WHEN score >= 0.2 THEN 'PROMOTER' WHEN score <= -0.2 THEN 'DETRACTOR' ELSE 'PASSIVE' END::"SentimentLabel",
            CASE WHEN NOT attributed THEN 'PROSPECT' WHEN g % 97 = 0 THEN 'DISQUALIFIED' WHEN g % 89 = 0 THEN 'DELETED' ELSE 'CREDITED' END::"MentionStatus",
            CASE WHEN attributed AND g % 97 <> 0 AND g % 89 = 0 THEN posted + interval '2 days' END,
            posted + interval '30 seconds',
            CASE WHEN posted > $4::timestamp - interval '7 days' THEN posted + interval '1 day' END,
            CASE WHEN g > $2 * 0.98 THEN (ARRAY['NEW','NEW','IN_PROGRESS'])[1 + g % 3]
                 ELSE (ARRAY['DONE','DONE','DONE','IN_PROGRESS','NEW'])[1 + g % 5] END::"MentionTriage",
            CASE WHEN g % 6 = 0 THEN mem.a[1 + g % cardinality(mem.a)] END,
            posted + interval '1 minute', posted + interval '1 minute'
       FROM seq, src, loc, mem`,
    [tenantId, M, C, anchor],
  );
  // A post found by a second term too (about one in ten X posts).
  await client.query(
    `WITH src AS (SELECT array_agg(id ORDER BY value) AS tw FROM "ListeningSource" WHERE "tenantId" = $1 AND network = 'TWITTER')
     INSERT INTO "MentionMatch" ("tenantId", "mentionId", "sourceId", "createdAt")
     SELECT $1, pg_temp.mention_id(g, $2, $3), src.tw[1 + (g + 1) % 3], pg_temp.posted_at(g, $2, $3) + interval '5 minutes'
       FROM generate_series(1, $2::bigint) g, src WHERE g % 10 = 1`,
    [tenantId, M, anchor],
  );

  log(`seeding ${E} ledger entries (in statements of ${LEDGER_CHUNK})`);
  await client.query(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_notification_outbox"`);
  for (let lo = 1; lo <= E; lo += LEDGER_CHUNK) {
    const hi = Math.min(E, lo + LEDGER_CHUNK - 1);
    // Entry g (of e) is (e - g) / e of two years old; an award pays the mention posted at about
    // that moment (h), by its author, moved off a prospect's post (h % 5 = 0) to the one before.
    await client.query(
      `WITH seq AS (
         SELECT g, at, slot, CASE WHEN h0 % 5 = 0 THEN h0 - 1 ELSE h0 END AS h FROM (
           SELECT g, $5::timestamp - make_interval(secs => (($2::bigint - g)::float8 / $2::bigint) * 730 * 86400) AS at, g % 20 AS slot,
                  greatest(1, least($3::bigint, round(g::float8 / $2::bigint * $3::bigint)::bigint)) AS h0
             FROM generate_series($6::bigint, $7::bigint) g) x)
       INSERT INTO "LedgerEntry" (id, "tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", explanation, "createdAt")
       SELECT pg_temp.bench_id('led', at, g), $1,
              pg_temp.customer_id(CASE WHEN slot < 8 THEN pg_temp.skewed(h, $4::bigint) ELSE pg_temp.skewed(g + 7777777, $4::bigint) END, $4::bigint, $5),
              CASE WHEN slot < 8 THEN 5 + g % 16 WHEN slot < 13 THEN 10 WHEN slot < 17 THEN 3 ELSE 20 + g % 30 END,
              CASE WHEN slot < 8 THEN 'MENTION' WHEN slot < 13 THEN 'CHECKIN' WHEN slot < 17 THEN 'SHARE' ELSE 'ADJUSTMENT' END::"LedgerSource",
              'seed:' || lpad(g::text, 10, '0'),
              CASE WHEN slot < 8 THEN pg_temp.mention_id(h, $3::bigint, $5) END,
              CASE WHEN slot < 8 THEN jsonb_build_object('formula', (5 + g % 16) || ' points for a mention', 'followers', (g * 7) % 50000)
                   WHEN slot < 17 THEN jsonb_build_object('formula', 'fixed points')
                   ELSE jsonb_build_object('formula', 'manual adjustment', 'note', 'goodwill') END,
              at
         FROM seq`,
      [tenantId, E, M, C, anchor, lo, hi],
    );
    log(`  ledger entries ${lo}–${hi}`);
  }
  await client.query(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_notification_outbox"`);
  log("seeding balances from the ledger");
  await client.query(
    `INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
     SELECT $1, "customerId", SUM(amount), COALESCE(SUM(amount) FILTER (WHERE amount > 0), 0), now()
       FROM "LedgerEntry" WHERE "tenantId" = $1 GROUP BY "customerId"`,
    [tenantId],
  );
  log("VACUUM ANALYZE");
  await client.query(`VACUUM ANALYZE`);
  return { tenantId, slug: BENCH_SLUG, userId, email: BENCH_EMAIL, password: BENCH_PASSWORD };
}
