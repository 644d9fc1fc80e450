import pg from "pg";
import { DEV_BEARER_TOKEN } from "../../../src/sandbox/start-sandbox";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";

/**
 * One tenant with `customers` customers, each linked to one of the sandbox's authors, an X
 * connection, one keyword source per brand keyword and a MENTION rule. Customers and profiles
 * go in with set-based SQL (100k rows in seconds); the rest through the domain services.
 */
export async function seedBenchTenant(
  url: string,
  authors: { id: string; username: string }[],
  keywords: string[],
  dailyCap: number | null = null,
): Promise<TenantContext> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tenant = await client.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ('bench', 'Bench Brand', now()) RETURNING id`);
  const tenantId = tenant.rows[0]!.id;
  const user = await client.query<{ id: string }>(
    `INSERT INTO "User" (email, name, "passwordHash", "updatedAt") VALUES ('bench@bench.local', 'Bench', 'x', now()) RETURNING id`,
  );
  await client.query(`INSERT INTO "Membership" ("tenantId", "userId", role) VALUES ($1, $2, 'OWNER')`, [tenantId, user.rows[0]!.id]);
  const chunk = 20_000;
  for (let i = 0; i < authors.length; i += chunk) {
    const slice = authors.slice(i, i + chunk);
    await client.query(
      `WITH a AS (SELECT * FROM unnest($2::text[], $3::text[]) AS t(ext, handle)),
            c AS (INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt")
                  SELECT $1, 'Customer ' || handle, now() FROM a RETURNING id, "displayName")
       INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "linkedAt", "updatedAt")
       SELECT $1, c.id, 'TWITTER', a.ext, a.handle, now(), now() FROM a JOIN c ON c."displayName" = 'Customer ' || a.handle`,
      [tenantId, slice.map((s) => s.id), slice.map((s) => s.username)],
    );
  }
  // Fresh bulk loads have no planner statistics yet; autovacuum would gather them a little later.
  await client.query(`ANALYZE "Customer"; ANALYZE "SocialProfile"`);
  await client.end();
  const ctx: TenantContext = { tenantId, tenantSlug: "bench", role: "OWNER", actor: { type: "SYSTEM", id: null } };
  await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  for (const keyword of keywords) await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: keyword });
  await createPointRule(ctx, {
    network: "TWITTER",
    action: "MENTION",
    name: "Mentions",
    basePoints: 10,
    influenceCurve: "LOG",
    influenceFactor: 0.5,
    maxMultiplier: 3,
    dailyCap,
    minSentiment: null,
    enabled: true,
  });
  return ctx;
}
