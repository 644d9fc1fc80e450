import { createHmac, randomInt } from "node:crypto";
import { newEmailedToken } from "../../../src/server/crypto/emailed-token";
import { withClient } from "./db";

/** The e2e server's NEXTAUTH_SECRET (playwright.config.ts), which keys sign-in code hashes. */
const E2E_SECRET = "e2e-only-nextauth-secret-0123456789abcdef";

/**
 * The e2e tier runs no worker, so portal sign-in emails are never delivered and the database holds
 * only hashes. Like a second email, this gives the newest open sign-in of `email` at the brand a
 * fresh link token and code (the emailed ones stop working) and returns them.
 */
export async function freshPortalSignIn(slug: string, email: string): Promise<{ path: string; code: string }> {
  const { token, tokenHash } = newEmailedToken();
  const code = Array.from({ length: 8 }, () => randomInt(10)).join("");
  const rows = await withClient(async (c) => {
    const open = await c.query<{ id: string }>(
      `SELECT s.id FROM "CustomerSignIn" s JOIN "Tenant" t ON t.id = s."tenantId"
       WHERE t.slug = $1 AND s.email = $2 AND s."usedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1`,
      [slug, email.toLowerCase()],
    );
    const id = open.rows[0]?.id;
    if (!id) return 0;
    const codeHash = createHmac("sha256", E2E_SECRET).update(`portal-sign-in-code:${id}:${code}`).digest("hex");
    return (await c.query(`UPDATE "CustomerSignIn" SET "tokenHash" = $2, "codeHash" = $3 WHERE id = $1`, [id, tokenHash, codeHash])).rowCount;
  });
  if (rows !== 1) throw new Error(`no open portal sign-in for ${email} at ${slug}`);
  return { path: `/r/${slug}/sign-in/${token}`, code };
}

export interface PortalCustomerState {
  customerId: string;
  displayName: string;
  balance: number;
  lifetimeEarned: number;
  consents: { scopes: string[]; policyVersion: string }[];
  liveSessions: number;
}

/** What the database holds for the customer with this email at the brand (null: no such customer). */
export async function portalCustomer(slug: string, email: string): Promise<PortalCustomerState | null> {
  return withClient(async (c) => {
    const found = await c.query<{ id: string; displayName: string; tenantId: string }>(
      `SELECT cu.id, cu."displayName", cu."tenantId" FROM "CustomerEmail" e JOIN "Customer" cu ON cu.id = e."customerId" JOIN "Tenant" t ON t.id = e."tenantId"
       WHERE t.slug = $1 AND e.email = $2`,
      [slug, email.toLowerCase()],
    );
    const row = found.rows[0];
    if (!row) return null;
    const balance = await c.query<{ balance: number; lifetimeEarned: number }>(
      `SELECT balance, "lifetimeEarned" FROM "PointBalance" WHERE "tenantId" = $1 AND "customerId" = $2`,
      [row.tenantId, row.id],
    );
    const consents = await c.query<{ scopes: string[]; policyVersion: string }>(
      `SELECT scopes, "policyVersion" FROM "ConsentRecord" WHERE "tenantId" = $1 AND "customerId" = $2`,
      [row.tenantId, row.id],
    );
    const sessions = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM "CustomerSession" WHERE "tenantId" = $1 AND "customerId" = $2 AND "endedAt" IS NULL`,
      [row.tenantId, row.id],
    );
    return {
      customerId: row.id,
      displayName: row.displayName,
      balance: balance.rows[0]?.balance ?? 0,
      lifetimeEarned: balance.rows[0]?.lifetimeEarned ?? 0,
      consents: consents.rows,
      liveSessions: Number(sessions.rows[0]!.n),
    };
  });
}

/**
 * Staff have no points-adjustment screen yet, so this posts an ADJUSTMENT exactly as
 * adjust-points.ts writes it: one ledger entry with its explanation and the balance row, in one
 * transaction. Returns the entry id.
 */
export async function grantPoints(slug: string, customerId: string, amount: number, note: string): Promise<string> {
  return withClient(async (c) => {
    await c.query("BEGIN");
    try {
      const entry = await c.query<{ id: string }>(
        `INSERT INTO "LedgerEntry" ("tenantId","customerId",amount,source,"idempotencyKey",explanation)
         SELECT t.id, $2, $3::int, 'ADJUSTMENT', 'adjustment:' || gen_random_uuid(), jsonb_build_object('formula', $3::int::text || ' set by staff', 'note', $4::text)
         FROM "Tenant" t WHERE t.slug = $1 RETURNING id`,
        [slug, customerId, amount, note],
      );
      await c.query(
        `INSERT INTO "PointBalance" ("tenantId","customerId",balance,"lifetimeEarned","updatedAt")
         SELECT t.id, $2, $3::int, GREATEST($3::int, 0), now() FROM "Tenant" t WHERE t.slug = $1
         ON CONFLICT ("tenantId","customerId") DO UPDATE SET balance = "PointBalance".balance + $3::int,
           "lifetimeEarned" = "PointBalance"."lifetimeEarned" + GREATEST($3::int, 0), "updatedAt" = now()`,
        [slug, customerId, amount],
      );
      await c.query("COMMIT");
      return entry.rows[0]!.id;
    } catch (error) {
      await c.query("ROLLBACK");
      throw error;
    }
  });
}

/** An erased customer as the brand keeps it: the anonymous row and its balance. */
export async function erasedCustomer(customerId: string): Promise<{ displayName: string; erased: boolean; balance: number }> {
  return withClient(async (c) => {
    const row = await c.query<{ displayName: string; erasedAt: Date | null; balance: number | null }>(
      `SELECT cu."displayName", cu."erasedAt", b.balance FROM "Customer" cu LEFT JOIN "PointBalance" b ON b."tenantId" = cu."tenantId" AND b."customerId" = cu.id WHERE cu.id = $1`,
      [customerId],
    );
    const found = row.rows[0]!;
    return { displayName: found.displayName, erased: found.erasedAt !== null, balance: found.balance ?? 0 };
  });
}

/** A reward with generated codes, written as the staff Rewards screen writes one. */
export async function createGeneratedCodeReward(slug: string, name: string, cost: number, stock: number): Promise<string> {
  return withClient(async (c) => {
    const row = await c.query<{ id: string }>(
      `INSERT INTO "Reward" ("tenantId", name, cost, stock, fulfilment, "updatedAt") SELECT t.id, $2, $3, $4, 'GENERATED_CODE', now() FROM "Tenant" t WHERE t.slug = $1 RETURNING id`,
      [slug, name, cost, stock],
    );
    return row.rows[0]!.id;
  });
}

/** A customer's redemptions as the database holds them. */
export async function redemptionsOf(customerId: string): Promise<{ id: string; code: string | null; status: string; cost: number }[]> {
  return withClient(
    async (c) => (await c.query(`SELECT id, code, status::text, cost FROM "Redemption" WHERE "customerId" = $1 ORDER BY "createdAt"`, [customerId])).rows,
  );
}
