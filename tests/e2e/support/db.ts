import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../../../src/server/auth/password";
import { E2E_DATABASE_URL } from "../../../playwright.config";
import { PASSWORD } from "./session";

/**
 * Direct set-up steps the UI does not offer in one click (a second membership, a viewer
 * account), written to the e2e database the way the domain code writes them.
 */
export async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function addMembership(email: string, tenantSlug: string, role: "OWNER" | "ADMIN" | "MARKETER" | "VIEWER") {
  await withClient((c) =>
    c.query(
      `INSERT INTO "Membership" ("tenantId","userId",role)
       SELECT t.id, u.id, $3::"Role" FROM "Tenant" t, "User" u WHERE t.slug = $1 AND u.email = $2`,
      [tenantSlug, email.toLowerCase(), role],
    ),
  );
}

/** A user who belongs to an existing tenant with the given role; returns the email. */
export async function createMember(tenantSlug: string, role: "ADMIN" | "MARKETER" | "VIEWER"): Promise<string> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@e2e.test`;
  const hash = await hashPassword(PASSWORD);
  await withClient((c) => c.query(`INSERT INTO "User" (email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, now())`, [email, `${role} person`, hash]));
  await addMembership(email, tenantSlug, role);
  return email;
}
