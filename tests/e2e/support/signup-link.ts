import pg from "pg";
import { newEmailedToken as newSignUpToken } from "../../../src/server/crypto/emailed-token";
import { E2E_DATABASE_URL } from "../../../playwright.config";

/**
 * The e2e tier runs no worker, so confirmation emails are never delivered, and the database
 * holds only the hash of the emailed token. Like a second email, this gives the newest pending
 * sign-up of `email` a fresh token (the emailed one stops working) and returns its link.
 */
export async function freshConfirmationPath(email: string): Promise<string> {
  const { token, tokenHash } = newSignUpToken();
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE "PendingSignUp" SET "tokenHash" = $2
       WHERE id = (SELECT id FROM "PendingSignUp" WHERE email = $1 AND "confirmedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1)`,
      [email.toLowerCase(), tokenHash],
    );
    if (rowCount !== 1) throw new Error(`no pending sign-up for ${email}`);
  } finally {
    await client.end();
  }
  return `/signup/confirm/${token}`;
}
