import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../../src/server/env";
import { createTenantWithMember, makeCustomer } from "./support/factories";

/** The database itself, not the application, refuses to rewrite history. */
describe("ledger append-only guarantees in Postgres", () => {
  let client: pg.Client;
  let tenantId: string;
  let customerId: string;

  beforeAll(async () => {
    const { ctx } = await createTenantWithMember();
    tenantId = ctx.tenantId;
    customerId = (await makeCustomer(ctx)).id;
    client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  async function insertEntry(key: string, amount: number, reversesId: string | null = null): Promise<string> {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "LedgerEntry" ("tenantId","customerId",amount,source,"idempotencyKey","reversesId",explanation)
       VALUES ($1,$2,$3,'ADJUSTMENT',$4,$5,'{}') RETURNING id`,
      [tenantId, customerId, amount, key, reversesId],
    );
    return rows[0]!.id;
  }

  it("refuses UPDATE, DELETE and TRUNCATE of ledger rows", async () => {
    const id = await insertEntry("k-1", 50);
    await expect(client.query(`UPDATE "LedgerEntry" SET amount = 5000 WHERE id = $1`, [id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(client.query(`DELETE FROM "LedgerEntry" WHERE id = $1`, [id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(client.query(`TRUNCATE "LedgerEntry" CASCADE`)).rejects.toThrow(/TRUNCATE refused/);
    const { rows } = await client.query(`SELECT amount FROM "LedgerEntry" WHERE id = $1`, [id]);
    expect(rows[0].amount).toBe(50);
  });

  it("pays an idempotency key once and reverses an entry at most once", async () => {
    const id = await insertEntry("k-2", 20);
    await expect(insertEntry("k-2", 20)).rejects.toThrow(/duplicate key/);
    await insertEntry("k-2:reversal", -20, id);
    await expect(insertEntry("k-2:reversal-again", -20, id)).rejects.toThrow(/duplicate key/);
    await expect(insertEntry("k-zero", 0)).rejects.toThrow(/LedgerEntry_amount_nonzero/);
  });

  it("keeps a cached balance from going below zero", async () => {
    await client.query(`INSERT INTO "PointBalance" ("tenantId","customerId",balance) VALUES ($1,$2,100)`, [tenantId, customerId]);
    const spent = await client.query(`UPDATE "PointBalance" SET balance = balance - 80 WHERE "tenantId" = $1 AND "customerId" = $2 AND balance >= 80`, [
      tenantId,
      customerId,
    ]);
    expect(spent.rowCount).toBe(1);
    await expect(
      client.query(`UPDATE "PointBalance" SET balance = balance - 80 WHERE "tenantId" = $1 AND "customerId" = $2`, [tenantId, customerId]),
    ).rejects.toThrow(/PointBalance_balance_nonnegative/);
  });
});
