import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/server/db/migrations/migrate";
import { MIGRATIONS_DIR, readMigrationsList } from "../../src/server/db/migrations/migrations-folder";
import { getEnv } from "../../src/server/env";
import { assertTestDatabase } from "./support/local-only";
import { countRows, PRE_TENANT_KEYS_FIXTURE } from "./support/pre-tenant-keys-fixture";

// The migration that made every foreign key between tenant tables composite (issue 10, item 3).
const MIGRATION = "20261203080400_tenant_composite_keys";
// The migration that gave the reference columns without any foreign key a composite one.
const REFERENCE_KEYS = "20261203095915_tenant_reference_keys";
// The migration that left a mention's first source in Mention."sourceId" only.
const FIRST_MATCH = "20261203113132_first_match_on_mention";
// The migration that gave the ledger's rule, mention, redemption and campaign ids (and a customer's merge) composite keys.
const LEDGER_KEYS = "20261203115014_ledger_reference_keys";
const scratch: string[] = [];

/** A scratch database next to the test database, migrated up to just before `migration`. */
async function databaseBeforeTenantKeys(suffix: string, migration = MIGRATION): Promise<{ url: string; client: pg.Client }> {
  const base = new URL(getEnv().DATABASE_URL);
  const name = `${base.pathname.slice(1).replace(/_test$/, "")}_${suffix}_test`;
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  assertTestDatabase(url.toString());
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  scratch.push(name);
  const all = readMigrationsList();
  const before = { ...all, migrationDirectories: all.migrationDirectories.filter((d) => d.path < migration) };
  expect(before.migrationDirectories.length).toBeLessThan(all.migrationDirectories.length);
  await applyMigrations(url.toString(), before);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return { url: url.toString(), client };
}

async function withAdmin(work: (admin: pg.Client) => Promise<void>) {
  const url = new URL(getEnv().DATABASE_URL);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

afterAll(async () => {
  await withAdmin(async (admin) => {
    for (const name of scratch) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe("the tenant composite keys migration on a database with data", () => {
  it("keeps every row, records each stored mention's source as its first match, then refuses cross-tenant references", async () => {
    const { url, client } = await databaseBeforeTenantKeys("keys");
    try {
      await client.query(PRE_TENANT_KEYS_FIXTURE);
      const before = await countRows(client);
      expect(before.LedgerEntry).toBe(2);

      const applied = await applyMigrations(url);
      expect(applied[0]).toBe(MIGRATION);
      expect(await countRows(client)).toEqual(before);

      // Each mention keeps its first source in Mention."sourceId"; the backfilled first matches were
      // moved out of MentionMatch again by the later first_match_on_mention migration.
      const mentions = await client.query(`SELECT id, "sourceId" FROM "Mention" ORDER BY id`);
      expect(mentions.rows).toContainEqual({ id: "men_fx_1", sourceId: "src_fx_1" });
      const matches = await client.query(`SELECT "tenantId", "mentionId", "sourceId" FROM "MentionMatch" ORDER BY "mentionId"`);
      expect(matches.rows).toEqual([]);

      // Tenant A's ledger entry for tenant B's customer: refused by the database itself.
      await expect(
        client.query(
          `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation) VALUES ('ten_fx_a', 'cus_fx_b', 5, 'ADJUSTMENT', 'cross', '{}')`,
        ),
      ).rejects.toMatchObject({ code: "23503", constraint: "LedgerEntry_tenantId_customerId_fkey" });
      // The ledger is still append-only, and its reversal link survived.
      await expect(client.query(`UPDATE "LedgerEntry" SET amount = 1 WHERE id = 'led_fx_1'`)).rejects.toThrow(/append-only/);
      const reversal = await client.query(`SELECT "reversesId" FROM "LedgerEntry" WHERE id = 'led_fx_2'`);
      expect(reversal.rows[0].reversesId).toBe("led_fx_1");

      // Optional references clear only their own column on delete: tenantId stays.
      await client.query(`DELETE FROM "Location" WHERE id = 'loc_fx'`);
      await client.query(`DELETE FROM "Segment" WHERE id = 'seg_fx'`);
      const mention = await client.query(`SELECT "tenantId", "locationId" FROM "Mention" WHERE id = 'men_fx_1'`);
      expect(mention.rows[0]).toEqual({ tenantId: "ten_fx_a", locationId: null });
      const campaign = await client.query(`SELECT "tenantId", "segmentId" FROM "Campaign" WHERE id = 'cmp_fx'`);
      expect(campaign.rows[0]).toEqual({ tenantId: "ten_fx_a", segmentId: null });
    } finally {
      await client.end();
    }
  }, 120_000);

  it("stops, naming the rows, when the data already holds a cross-tenant reference", async () => {
    const { url, client } = await databaseBeforeTenantKeys("keys_bad");
    try {
      await client.query(PRE_TENANT_KEYS_FIXTURE);
      await client.query(
        `INSERT INTO "LedgerEntry" (id, "tenantId", "customerId", amount, source, "idempotencyKey", explanation) VALUES ('led_fx_x', 'ten_fx_b', 'cus_fx_a', 5, 'ADJUSTMENT', 'cross', '{}')`,
      );
      const before = await countRows(client);
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(MIGRATION));
      const failed = await client.query(`SELECT finished_at FROM _prisma_migrations WHERE migration_name = $1`, [MIGRATION]);
      expect(failed.rows[0].finished_at).toBeNull();
      expect(await countRows(client)).toEqual(before);
      const table = await client.query(`SELECT to_regclass('"MentionMatch"') AS t`);
      expect(table.rows[0].t).toBeNull();
      // The engine's error does not carry the database's message; the SQL run directly shows it.
      const sql = readFileSync(join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
      await expect(client.query(sql)).rejects.toThrow(/cross-tenant references found.*LedgerEntry\.customerId: 1 row/);
    } finally {
      await client.end();
    }
  }, 120_000);
});

describe("the tenant reference keys migration on a database with data", () => {
  it("keeps every row, clears optional references to no row of the same tenant, then refuses cross-tenant ones", async () => {
    const { url, client } = await databaseBeforeTenantKeys("refs", REFERENCE_KEYS);
    try {
      await client.query(PRE_TENANT_KEYS_FIXTURE);
      // Dangling optional references from before the keys: a mention whose profile is gone, a consent
      // record whose profile is another tenant's (men_fx_2's source was deleted in the fixture already).
      await client.query(`UPDATE "Mention" SET "socialProfileId" = 'sp_gone' WHERE id = 'men_fx_2'`);
      await client.query(
        `INSERT INTO "SocialProfile" (id, "tenantId", network, "externalUserId", handle, "updatedAt") VALUES ('sp_fx_b', 'ten_fx_b', 'TWITTER', 'u2', 'bob', now())`,
      );
      await client.query(
        `INSERT INTO "ConsentRecord" (id, "tenantId", "customerId", "socialProfileId", "policyVersion") VALUES ('con_fx_2', 'ten_fx_a', 'cus_fx_a', 'sp_fx_b', 'v1')`,
      );
      const before = await countRows(client);

      const applied = await applyMigrations(url);
      // Later migrations follow; these three come first, in order.
      expect(applied.slice(0, 3)).toEqual([REFERENCE_KEYS, FIRST_MATCH, LEDGER_KEYS]);
      expect(await countRows(client)).toEqual(before);

      const mentions = await client.query(`SELECT id, "sourceId", "socialProfileId" FROM "Mention" WHERE "tenantId" = 'ten_fx_a' ORDER BY id`);
      expect(mentions.rows).toEqual([
        { id: "men_fx_1", sourceId: "src_fx_1", socialProfileId: "sp_fx" },
        { id: "men_fx_2", sourceId: null, socialProfileId: null },
      ]);
      const consents = await client.query(`SELECT id, "socialProfileId" FROM "ConsentRecord" ORDER BY id`);
      expect(consents.rows).toEqual([
        { id: "con_fx", socialProfileId: "sp_fx" },
        { id: "con_fx_2", socialProfileId: null },
      ]);

      // Tenant A's share post for tenant B's customer: refused by the database itself.
      await expect(
        client.query(
          `INSERT INTO "SharePost" (id, "tenantId", "customerId", "socialProfileId", "ledgerEntryId", text, "updatedAt") VALUES ('shp_x', 'ten_fx_a', 'cus_fx_b', 'sp_fx', 'led_fx_2', 'x', now())`,
        ),
      ).rejects.toMatchObject({ code: "23503", constraint: "SharePost_tenantId_customerId_fkey" });
      // Deleting a source clears only the mention's sourceId: tenantId stays.
      await client.query(`DELETE FROM "ListeningSource" WHERE id = 'src_fx_1'`);
      const mention = await client.query(`SELECT "tenantId", "sourceId" FROM "Mention" WHERE id = 'men_fx_1'`);
      expect(mention.rows[0]).toEqual({ tenantId: "ten_fx_a", sourceId: null });
    } finally {
      await client.end();
    }
  }, 120_000);

  it("stops, naming the rows, when a required reference points at no row of its tenant", async () => {
    const { url, client } = await databaseBeforeTenantKeys("refs_bad", REFERENCE_KEYS);
    try {
      await client.query(PRE_TENANT_KEYS_FIXTURE);
      await client.query(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ('ten_fx_b', 'cus_fx_a', 0, 0)`);
      const before = await countRows(client);
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(REFERENCE_KEYS));
      expect(await countRows(client)).toEqual(before);
      const sql = readFileSync(join(MIGRATIONS_DIR, REFERENCE_KEYS, "migration.sql"), "utf8");
      await expect(client.query(sql)).rejects.toThrow(/references to no row of the same tenant found.*PointBalance\.customerId: 1 row/);
      const fk = await client.query(`SELECT 1 FROM pg_constraint WHERE conname = 'PointBalance_tenantId_customerId_fkey'`);
      expect(fk.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  }, 120_000);
});

describe("the first-match migration on a database with data", () => {
  it("removes the matches that repeat a mention's own source and keeps the later ones", async () => {
    const { url, client } = await databaseBeforeTenantKeys("first_match", FIRST_MATCH);
    try {
      // By now a mention's source is a foreign key: the fixture's deleted source becomes no source.
      await client.query(PRE_TENANT_KEYS_FIXTURE.replace("'src_fx_gone'", "NULL"));
      await client.query(`INSERT INTO "MentionMatch" ("tenantId", "mentionId", "sourceId") VALUES ('ten_fx_a', 'men_fx_1', 'src_fx_1')`);
      await client.query(
        `INSERT INTO "ListeningSource" (id, "tenantId", network, kind, value, "updatedAt") VALUES ('src_fx_later', 'ten_fx_a', 'TWITTER', 'KEYWORD', 'later term', now())`,
      );
      await client.query(`INSERT INTO "MentionMatch" ("tenantId", "mentionId", "sourceId") VALUES ('ten_fx_a', 'men_fx_1', 'src_fx_later')`);
      const before = await countRows(client);

      expect((await applyMigrations(url)).slice(0, 2)).toEqual([FIRST_MATCH, LEDGER_KEYS]);
      expect(await countRows(client)).toEqual(before);
      const matches = await client.query(`SELECT "mentionId", "sourceId" FROM "MentionMatch" ORDER BY "sourceId"`);
      expect(matches.rows).toEqual([{ mentionId: "men_fx_1", sourceId: "src_fx_later" }]);
      const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'Mention_tenantId_sourceId_idx'`);
      expect(index.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }, 120_000);
});

describe("the ledger reference keys migration on a database with data", () => {
  it("keeps every row when the ledger names real rows, and stops, naming them, when it does not", async () => {
    const { url, client } = await databaseBeforeTenantKeys("ledger_keys", LEDGER_KEYS);
    try {
      await client.query(PRE_TENANT_KEYS_FIXTURE.replace("'src_fx_gone'", "NULL"));
      // An entry naming a rule of no row (the ledger cannot be changed to repair it): the migration stops.
      await client.query(
        `INSERT INTO "LedgerEntry" (id, "tenantId", "customerId", amount, source, "idempotencyKey", "ruleId", explanation) VALUES ('led_fx_x', 'ten_fx_a', 'cus_fx_a', 5, 'MENTION', 'fx-x', 'rule_gone', '{}')`,
      );
      const before = await countRows(client);
      await expect(applyMigrations(url)).rejects.toThrow(new RegExp(LEDGER_KEYS));
      expect(await countRows(client)).toEqual(before);
      const sql = readFileSync(join(MIGRATIONS_DIR, LEDGER_KEYS, "migration.sql"), "utf8");
      await expect(client.query(sql)).rejects.toThrow(/references to no row of the same tenant found.*LedgerEntry\.ruleId: 1 row/);

      // With the rule there (as a brand's rules always are), it applies and keeps every row.
      await client.query(
        `INSERT INTO "PointRule" (id, "tenantId", network, action, name, "basePoints", "updatedAt") VALUES ('rule_gone', 'ten_fx_a', 'TWITTER', 'MENTION', 'Restored', 1, now())`,
      );
      await client.query(`DELETE FROM _prisma_migrations WHERE migration_name = $1`, [LEDGER_KEYS]);
      const withRule = await countRows(client);
      expect((await applyMigrations(url))[0]).toBe(LEDGER_KEYS);
      expect(await countRows(client)).toEqual(withRule);
      const keys = await client.query(
        `SELECT conname FROM pg_constraint WHERE conname LIKE 'LedgerEntry_tenantId_%_fkey' OR conname = 'Customer_tenantId_mergedIntoId_fkey' ORDER BY conname`,
      );
      expect(keys.rows.map((r: { conname: string }) => r.conname)).toEqual([
        "Customer_tenantId_mergedIntoId_fkey",
        "LedgerEntry_tenantId_campaignId_fkey",
        "LedgerEntry_tenantId_customerId_fkey",
        "LedgerEntry_tenantId_redemptionId_fkey",
        "LedgerEntry_tenantId_reversesId_fkey",
        "LedgerEntry_tenantId_ruleId_fkey",
      ]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
