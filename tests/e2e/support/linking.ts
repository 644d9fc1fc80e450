import pg from "pg";
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

/** The brand's link rule for a network, as staff would set it on the rules screen (the e2e tier tests linking, not that screen). */
export async function addLinkRule(slug: string, points: number, network: "TWITTER" | "FOURSQUARE" = "TWITTER"): Promise<void> {
  await withClient((c) =>
    c.query(
      `INSERT INTO "PointRule" ("tenantId", network, action, name, "basePoints", "influenceCurve", "updatedAt")
       SELECT id, $3::"Network", 'LINK_ACCOUNT', 'Link your account', $2, 'NONE', now() FROM "Tenant" WHERE slug = $1`,
      [slug, points, network],
    ),
  );
}

export interface LinkingState {
  profiles: { handle: string; customerId: string | null; status: string; hasToken: boolean }[];
  consents: { allowPosting: boolean; revoked: boolean }[];
  linkEntries: number[];
}

/** What the database holds about the accounts linked (or once linked) at the brand. */
export async function linkingState(slug: string): Promise<LinkingState> {
  return withClient(async (c) => {
    const tenant = (await c.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug])).rows[0]!.id;
    const profiles = await c.query<{ handle: string; customerId: string | null; status: string; hasToken: boolean }>(
      `SELECT handle, "customerId", status::text AS status, "accessTokenCiphertext" IS NOT NULL AS "hasToken" FROM "SocialProfile" WHERE "tenantId" = $1 ORDER BY "createdAt"`,
      [tenant],
    );
    const consents = await c.query<{ allowPosting: boolean; revoked: boolean }>(
      `SELECT "allowPosting", "revokedAt" IS NOT NULL AS revoked FROM "ConsentRecord" WHERE "tenantId" = $1 AND "socialProfileId" IS NOT NULL ORDER BY "grantedAt"`,
      [tenant],
    );
    const entries = await c.query<{ amount: number }>(
      `SELECT amount FROM "LedgerEntry" WHERE "tenantId" = $1 AND source = 'LINK_ACCOUNT' ORDER BY "createdAt"`,
      [tenant],
    );
    return { profiles: profiles.rows, consents: consents.rows, linkEntries: entries.rows.map((r) => r.amount) };
  });
}
