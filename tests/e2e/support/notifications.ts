import { randomUUID } from "node:crypto";
import { withClient } from "./db";

/** A brand with one customer (with an email) who earned points today from a post, written as the pipeline writes it. */
export async function brandWithEarningCustomer(): Promise<{ slug: string; tenantId: string; customerId: string; email: string; brand: string }> {
  const id = randomUUID().slice(0, 8);
  const slug = `nt-${id}`;
  const brand = `Notify ${id}`;
  const email = `fan-${id}@e2e.test`;
  return withClient(async (c) => {
    const tenant = await c.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [slug, brand]);
    const tenantId = tenant.rows[0]!.id;
    const customer = await c.query<{ id: string }>(
      `INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, 'Ann Lee', now()) RETURNING id`,
      [tenantId],
    );
    const customerId = customer.rows[0]!.id;
    await c.query(`INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") VALUES ($1, $2, $3, true)`, [tenantId, customerId, email]);
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "LedgerEntry" ("tenantId","customerId",amount,source,"idempotencyKey",explanation)
       VALUES ($1, $2, 25, 'MENTION', 'e2e:' || gen_random_uuid(), '{"formula":"25","rule":{"id":"r","name":"Posts","network":"TWITTER","action":"MENTION","basePoints":25}}'::jsonb)`,
      [tenantId, customerId],
    );
    await c.query(`INSERT INTO "PointBalance" ("tenantId","customerId",balance,"lifetimeEarned","updatedAt") VALUES ($1, $2, 25, 25, now())`, [
      tenantId,
      customerId,
    ]);
    await c.query("COMMIT");
    return { slug, tenantId, customerId, email, brand };
  });
}

export async function preferencesOf(customerId: string): Promise<{ digest: boolean; affordable: boolean; cap: boolean } | null> {
  return withClient(
    async (c) => (await c.query(`SELECT digest, affordable, cap FROM "NotificationPreference" WHERE "customerId" = $1`, [customerId])).rows[0] ?? null,
  );
}

/** The delivery log's row of a customer's digest: what was sent, as the log keeps it. */
export async function deliveredMail(dedupeKey: string): Promise<{ text: string; html: string | null; subject: string } | null> {
  return withClient(async (c) => (await c.query(`SELECT text, html, subject FROM "MailMessage" WHERE "dedupeKey" = $1`, [dedupeKey])).rows[0] ?? null);
}
