import pg from "pg";

/**
 * Every row one tenant owns, read straight from Postgres: the tenant itself and each row of every
 * table with a "tenantId" column (found from the catalogue, so a new tenant-owned table is
 * covered without a change here). Two snapshots are equal only if nothing of the tenant was
 * created, changed (updatedAt included) or deleted in between, audit entries included.
 */
export async function snapshotTenant(databaseUrl: string, tenantId: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'tenantId' ORDER BY table_name`,
    );
    const snapshot: Record<string, unknown[]> = {};
    const tenant = await client.query(`SELECT to_jsonb(t) AS row FROM "Tenant" t WHERE id = $1`, [tenantId]);
    snapshot.Tenant = tenant.rows.map((r: { row: unknown }) => r.row);
    for (const { table_name: table } of tables.rows) {
      const rows = await client.query(`SELECT to_jsonb(t) AS row FROM "${table.replaceAll('"', '""')}" t WHERE "tenantId" = $1 ORDER BY to_jsonb(t)::text`, [
        tenantId,
      ]);
      snapshot[table] = rows.rows.map((r: { row: unknown }) => r.row);
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
