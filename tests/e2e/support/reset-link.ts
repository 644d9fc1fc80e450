import pg from "pg";
import { newEmailedToken } from "../../../src/server/crypto/emailed-token";
import { E2E_DATABASE_URL } from "../../../playwright.config";

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The e2e tier runs no worker, so reset emails are never delivered and the database holds only
 * the token's hash. Like a second email, this gives the newest open reset of `email` a fresh
 * token and returns its link (the emailed one stops working).
 */
export async function freshResetPath(email: string): Promise<string> {
  const { token, tokenHash } = newEmailedToken();
  const { rowCount } = await withClient((c) =>
    c.query(
      `UPDATE "PasswordResetToken" SET "tokenHash" = $2
       WHERE id = (SELECT r.id FROM "PasswordResetToken" r JOIN "User" u ON u.id = r."userId"
                   WHERE u.email = $1 AND r."usedAt" IS NULL AND r."revokedAt" IS NULL ORDER BY r."createdAt" DESC LIMIT 1)`,
      [email.toLowerCase(), tokenHash],
    ),
  );
  if (rowCount !== 1) throw new Error(`no open password reset for ${email}`);
  return `/reset-password/${token}`;
}

/** The user's reset rows and password hash, as the database holds them. */
export async function resetState(email: string): Promise<{ open: number; used: number; passwordHash: string | null }> {
  return withClient(async (c) => {
    const user = await c.query<{ id: string; passwordHash: string }>(`SELECT id, "passwordHash" FROM "User" WHERE email = $1`, [email.toLowerCase()]);
    const id = user.rows[0]?.id ?? "";
    const counts = await c.query<{ open: string; used: string }>(
      `SELECT count(*) FILTER (WHERE "usedAt" IS NULL AND "revokedAt" IS NULL) AS open, count(*) FILTER (WHERE "usedAt" IS NOT NULL) AS used
       FROM "PasswordResetToken" WHERE "userId" = $1`,
      [id],
    );
    return { open: Number(counts.rows[0]!.open), used: Number(counts.rows[0]!.used), passwordHash: user.rows[0]?.passwordHash ?? null };
  });
}
