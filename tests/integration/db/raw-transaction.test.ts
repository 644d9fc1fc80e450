import { describe, expect, it } from "vitest";
import { getPgPool } from "../../../src/server/db/client";
import { Prisma } from "../../../src/server/db/generated/client";
import { withRawTransaction } from "../../../src/server/db/raw-sql";

// The raw transaction the redemption runs on: what it commits, what it rolls back, and that the
// connection it hands back to the pool is never left inside a transaction.

const slug = (name: string) => `raw-tx-${name}-${Date.now()}`;

async function tenantExists(s: string): Promise<boolean> {
  const { rows } = await getPgPool().query(`SELECT 1 FROM "Tenant" WHERE slug = $1`, [s]);
  return rows.length === 1;
}

const insertTenant = (s: string) => Prisma.sql`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES (${s}, 'Raw tx', now()) RETURNING slug`;

describe("withRawTransaction", () => {
  it("commits the statements before the last one together with it", async () => {
    const [a, b] = [slug("a"), slug("b")];
    const rows = await withRawTransaction(async (tx) => {
      await tx.run(insertTenant(a));
      // Not visible outside before the commit.
      expect(await tenantExists(a)).toBe(false);
      return tx.runAndCommit<{ slug: string }>(insertTenant(b));
    });
    expect(rows).toEqual([{ slug: b }]);
    expect(await tenantExists(a)).toBe(true);
    expect(await tenantExists(b)).toBe(true);
  });

  it("rolls everything back when the last statement fails, and throws its error", async () => {
    const a = slug("c");
    const failing = withRawTransaction(async (tx) => {
      await tx.run(insertTenant(a));
      // The same slug again: a unique violation in the statement sent with COMMIT.
      return tx.runAndCommit(insertTenant(a));
    });
    await expect(failing).rejects.toMatchObject({ code: "23505" });
    expect(await tenantExists(a)).toBe(false);
  });

  it("rolls back when the work throws or returns without committing", async () => {
    const [a, b] = [slug("d"), slug("e")];
    await expect(
      withRawTransaction(async (tx) => {
        await tx.run(insertTenant(a));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await withRawTransaction(async (tx) => {
      await tx.run(insertTenant(b));
    });
    expect(await tenantExists(a)).toBe(false);
    expect(await tenantExists(b)).toBe(false);
  });

  it("hands back connections that are outside any transaction", async () => {
    const pool = getPgPool();
    const rounds = pool.options.max ?? 10;
    for (let i = 0; i < rounds; i++) {
      await withRawTransaction(async (tx) => {
        await tx.run(Prisma.sql`SELECT 1`);
        if (i % 2 === 0) throw new Error("refused");
      }).catch(() => undefined);
    }
    const clients = await Promise.all(Array.from({ length: rounds }, () => pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ state: string }>(`SELECT CASE WHEN now() = statement_timestamp() THEN 'idle' ELSE 'in-transaction' END AS state`);
        expect(rows[0]!.state).toBe("idle");
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});
