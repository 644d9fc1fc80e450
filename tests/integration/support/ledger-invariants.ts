import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { Prisma } from "../../../src/server/db/generated/client";
import { EARNING_SOURCES } from "../../../src/server/modules/ledger/ledger-batch";

/**
 * The ledger's promises (shared/docs/QUALITY.md, Reliability), checked with raw SQL over the
 * whole database or one tenant. Call it after any test that writes points:
 *
 *   await assertLedgerInvariants();          // every tenant
 *   await assertLedgerInvariants(tenantId);  // one tenant
 *
 * Throws one error listing every violation found (at most 20 rows per check).
 */
export async function assertLedgerInvariants(tenantId?: string): Promise<void> {
  const violations = await findLedgerViolations(tenantId);
  if (violations.length) throw new Error(`ledger invariants violated:\n- ${violations.join("\n- ")}`);
}

interface Check {
  name: string;
  sql: Prisma.Sql;
}

export async function findLedgerViolations(tenantId?: string): Promise<string[]> {
  const t = tenantId ?? null;
  // `scope(alias)` limits a check to one tenant when asked, or looks at all of them.
  const scope = (alias: string) => Prisma.sql`(${t}::text IS NULL OR ${Prisma.raw(`${alias}."tenantId"`)} = ${t})`;
  const checks: Check[] = [
    {
      name: "balance differs from the sum of its entries",
      sql: Prisma.sql`
        WITH sums AS (
          SELECT "tenantId", "customerId", sum(amount)::bigint AS total FROM "LedgerEntry" e WHERE ${scope("e")}
          GROUP BY 1, 2
        )
        SELECT coalesce(b."customerId", s."customerId") AS customer, b.balance AS cached, s.total AS entries
        FROM (SELECT * FROM "PointBalance" pb WHERE ${scope("pb")}) b
        FULL JOIN sums s ON s."tenantId" = b."tenantId" AND s."customerId" = b."customerId"
        WHERE coalesce(b.balance, 0) <> coalesce(s.total, 0)
        LIMIT 20`,
    },
    {
      name: "lifetimeEarned differs from the sum of positive earning entries",
      sql: Prisma.sql`
        WITH earned AS (
          SELECT "tenantId", "customerId", sum(amount)::bigint AS total FROM "LedgerEntry" e
          WHERE ${scope("e")} AND amount > 0 AND source::text = ANY(${EARNING_SOURCES}::text[])
          GROUP BY 1, 2
        )
        SELECT b."customerId" AS customer, b."lifetimeEarned" AS cached, coalesce(x.total, 0) AS entries
        FROM "PointBalance" b LEFT JOIN earned x ON x."tenantId" = b."tenantId" AND x."customerId" = b."customerId"
        WHERE ${scope("b")} AND b."lifetimeEarned" <> coalesce(x.total, 0)
        LIMIT 20`,
    },
    {
      name: "balance below zero",
      sql: Prisma.sql`SELECT "customerId" AS customer, balance FROM "PointBalance" b WHERE ${scope("b")} AND balance < 0 LIMIT 20`,
    },
    {
      // A reversal lands on the entry's customer, or on the survivor that customer was merged into
      // (following merges of survivors): the merged-away record holds no points any more.
      name: "reversal that points at a missing entry, another tenant's or customer's entry, or another reversal",
      sql: Prisma.sql`
        WITH RECURSIVE holders AS (
          SELECT c."tenantId", c.id AS "customerId", c.id AS holder FROM "Customer" c WHERE ${scope("c")}
          UNION
          SELECT h."tenantId", h."customerId", c."mergedIntoId" FROM holders h
          JOIN "Customer" c ON c."tenantId" = h."tenantId" AND c.id = h.holder AND c."mergedIntoId" IS NOT NULL
        )
        SELECT r.id AS reversal, r."reversesId" AS original, o."tenantId" AS "originalTenant", o."customerId" AS "originalCustomer"
        FROM "LedgerEntry" r LEFT JOIN "LedgerEntry" o ON o.id = r."reversesId"
        WHERE ${scope("r")} AND (r.source = 'REVERSAL' OR r."reversesId" IS NOT NULL)
          AND (r."reversesId" IS NULL OR r.source <> 'REVERSAL' OR o.id IS NULL OR o."tenantId" <> r."tenantId"
               OR NOT EXISTS (SELECT 1 FROM holders h WHERE h."tenantId" = o."tenantId" AND h."customerId" = o."customerId" AND h.holder = r."customerId")
               OR o."reversesId" IS NOT NULL OR o.source = 'REVERSAL')
        LIMIT 20`,
    },
    {
      // A merge moves a whole balance: the merged-away record ends at 0 and the survivor gains the same amount.
      name: "MERGE entries that do not pair up (out of the merged customer, into its survivor, same amount)",
      sql: Prisma.sql`
        SELECT c.id AS merged, c."mergedIntoId" AS survivor, coalesce(sum(e.amount) FILTER (WHERE e."customerId" = c.id), 0)::int AS "out",
               coalesce(sum(e.amount) FILTER (WHERE e."customerId" = c."mergedIntoId"), 0)::int AS "in"
        FROM "LedgerEntry" e JOIN "Customer" c ON c."tenantId" = e."tenantId" AND e."idempotencyKey" IN ('merge-out:' || c.id, 'merge-in:' || c.id)
        WHERE ${scope("e")} AND e.source = 'MERGE'
        GROUP BY c.id, c."mergedIntoId"
        HAVING c."mergedIntoId" IS NULL OR count(*) <> 2
          OR coalesce(sum(e.amount) FILTER (WHERE e."customerId" = c.id), 0) >= 0
          OR sum(e.amount) <> 0
        LIMIT 20`,
    },
    {
      name: "reversal with the wrong sign or larger than the entry it reverses",
      sql: Prisma.sql`
        SELECT r.id AS reversal, r.amount, o.amount AS "originalAmount"
        FROM "LedgerEntry" r JOIN "LedgerEntry" o ON o.id = r."reversesId"
        WHERE ${scope("r")} AND (sign(r.amount) = sign(o.amount) OR abs(r.amount) > abs(o.amount))
        LIMIT 20`,
    },
    {
      name: "entry reversed more than once",
      sql: Prisma.sql`
        SELECT "reversesId" AS original, count(*)::int AS reversals FROM "LedgerEntry" r
        WHERE ${scope("r")} AND "reversesId" IS NOT NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 20`,
    },
    {
      // Staff bonuses on a mention (ADJUSTMENT, one per bonus form) are not rule awards.
      name: "mention credited more than once under one rule",
      sql: Prisma.sql`
        SELECT "tenantId", "mentionId", "ruleId", count(*)::int AS entries FROM "LedgerEntry" e
        WHERE ${scope("e")} AND "mentionId" IS NOT NULL AND source NOT IN ('REVERSAL', 'ADJUSTMENT') AND amount > 0
        GROUP BY 1, 2, 3 HAVING count(*) > 1 LIMIT 20`,
    },
    {
      name: "redemption without exactly one REDEMPTION entry of minus its cost",
      sql: Prisma.sql`
        SELECT d.id AS redemption, d.cost, count(e.id)::int AS entries, min(e.amount) AS amount
        FROM "Redemption" d LEFT JOIN "LedgerEntry" e
          ON e."tenantId" = d."tenantId" AND e."redemptionId" = d.id AND e.source = 'REDEMPTION'
        WHERE ${scope("d")}
        GROUP BY d.id, d.cost HAVING count(e.id) <> 1 OR min(e.amount) <> -d.cost
        LIMIT 20`,
    },
    {
      // A spend on a reward comes back only by cancelling the redemption: a refund (a reversal
      // of a REDEMPTION entry) pairs with a cancelled redemption, and a cancelled one has its refund.
      name: "refund without a cancelled redemption, or cancelled redemption without exactly one refund",
      sql: Prisma.sql`
        SELECT d.id AS redemption, d.status, count(r.id)::int AS refunds
        FROM "Redemption" d
        JOIN "LedgerEntry" e ON e."tenantId" = d."tenantId" AND e."redemptionId" = d.id AND e.source = 'REDEMPTION'
        LEFT JOIN "LedgerEntry" r ON r."tenantId" = e."tenantId" AND r."reversesId" = e.id
        WHERE ${scope("d")}
        GROUP BY d.id, d.status
        HAVING (d.status = 'CANCELLED') <> (count(r.id) = 1) OR count(r.id) > 1
        LIMIT 20`,
    },
    {
      name: "code-pool reward whose stock is not its unclaimed codes",
      sql: Prisma.sql`
        SELECT w.id AS reward, w.stock, count(c.id)::int AS unclaimed
        FROM "Reward" w LEFT JOIN "RewardCode" c
          ON c."tenantId" = w."tenantId" AND c."rewardId" = w.id AND c."redemptionId" IS NULL AND c."voidedAt" IS NULL
        WHERE ${scope("w")} AND w.fulfilment = 'CODE_POOL'
        GROUP BY w.id, w.stock HAVING w.stock IS DISTINCT FROM count(c.id)::int
        LIMIT 20`,
    },
    {
      name: "pool code claimed by a redemption of another reward or showing another code",
      sql: Prisma.sql`
        SELECT c.id AS "rewardCode", c."redemptionId" AS redemption
        FROM "RewardCode" c JOIN "Redemption" d ON d."tenantId" = c."tenantId" AND d.id = c."redemptionId"
        WHERE ${scope("c")} AND (d."rewardId" <> c."rewardId" OR d.code IS DISTINCT FROM c.code)
        LIMIT 20`,
    },
    {
      name: "reward with negative stock",
      sql: Prisma.sql`SELECT id AS reward, stock FROM "Reward" w WHERE ${scope("w")} AND stock < 0 LIMIT 20`,
    },
  ];

  const db = unsafeCrossTenantDb();
  const found: string[] = [];
  for (const check of checks) {
    const rows = await db.$queryRaw<Record<string, unknown>[]>(check.sql);
    for (const row of rows) found.push(`${check.name}: ${JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))}`);
  }
  return found;
}
