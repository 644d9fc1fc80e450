import pg from "pg";

export interface FloorRow {
  externalId: string;
  authorExternalId: string;
  handle: string;
  followers: number;
  text: string;
  postedAt: Date;
}

/**
 * The floor: the same rows written with plain batched SQL on one connection — a mention insert
 * plus a ledger entry and a balance upsert per linked row, 1,000 rows per transaction — with no
 * fetching, attribution or scoring. Returns rows per second.
 */
export async function measureRawSqlFloor(url: string, tenantId: string, rows: FloorRow[], customerByAuthor: Map<string, string>): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Mention" ("tenantId", network, "externalId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", "matchedKeywords", status, "updatedAt")
       SELECT $1, 'TWITTER', * , ARRAY[]::text[], 'NEW', now() FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamp[])
       ON CONFLICT DO NOTHING`,
      [
        tenantId,
        batch.map((r) => `floor-${r.externalId}`),
        batch.map((r) => r.authorExternalId),
        batch.map((r) => r.handle),
        batch.map((r) => r.followers),
        batch.map((r) => r.text),
        batch.map((r) => r.postedAt.toISOString()),
      ],
    );
    const linked = batch.filter((r) => customerByAuthor.has(r.authorExternalId));
    await client.query(
      `WITH e AS (
         INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation)
         SELECT $1, c, 10, 'MENTION', k, '{}'::jsonb FROM unnest($2::text[], $3::text[]) AS u(c, k)
         ON CONFLICT DO NOTHING RETURNING "customerId", amount)
       INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
       SELECT $1, "customerId", sum(amount), sum(amount), now() FROM e GROUP BY "customerId"
       ON CONFLICT ("tenantId", "customerId") DO UPDATE SET balance = "PointBalance".balance + EXCLUDED.balance`,
      [tenantId, linked.map((r) => customerByAuthor.get(r.authorExternalId)!), linked.map((r) => `floor:${r.externalId}`)],
    );
    await client.query("COMMIT");
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return rows.length / seconds;
}
