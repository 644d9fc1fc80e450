import { withClient } from "./db";

/** The brand's X share rule and one location, as staff would set them on the rules and listening screens. */
export async function feedbackSetup(slug: string, sharePoints: number, locationName: string): Promise<{ locationId: string }> {
  return withClient(async (c) => {
    await c.query(
      `INSERT INTO "PointRule" ("tenantId", network, action, name, "basePoints", "influenceCurve", "updatedAt")
       SELECT id, 'TWITTER', 'SHARE', 'Share on X', $2, 'NONE', now() FROM "Tenant" WHERE slug = $1`,
      [slug, sharePoints],
    );
    const row = await c.query<{ id: string }>(
      `INSERT INTO "Location" ("tenantId", name, "updatedAt") SELECT id, $2, now() FROM "Tenant" WHERE slug = $1 RETURNING id`,
      [slug, locationName],
    );
    return { locationId: row.rows[0]!.id };
  });
}

export interface FeedbackState {
  answers: {
    id: string;
    customerId: string;
    score: number;
    npsClass: string;
    comment: string | null;
    locationId: string | null;
    status: string;
    handledById: string | null;
  }[];
  shares: { id: string; customerId: string; feedbackResponseId: string | null; text: string; status: string; externalPostId: string | null }[];
  entries: { customerId: string; source: string; amount: number; idempotencyKey: string }[];
  classes: Record<string, string | null>;
}

/** What the database holds about the brand's feedback, shares and ledger. */
export async function feedbackState(slug: string): Promise<FeedbackState> {
  return withClient(async (c) => {
    const tenant = (await c.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug])).rows[0]!.id;
    const answers = await c.query<FeedbackState["answers"][number]>(
      `SELECT id, "customerId", score, "npsClass"::text AS "npsClass", comment, "locationId", status::text AS status, "handledById" FROM "FeedbackResponse" WHERE "tenantId" = $1 ORDER BY "createdAt"`,
      [tenant],
    );
    const shares = await c.query<FeedbackState["shares"][number]>(
      `SELECT id, "customerId", "feedbackResponseId", text, status::text AS status, "externalPostId" FROM "SharePost" WHERE "tenantId" = $1 ORDER BY "createdAt"`,
      [tenant],
    );
    const entries = await c.query<FeedbackState["entries"][number]>(
      `SELECT "customerId", source::text AS source, amount, "idempotencyKey" FROM "LedgerEntry" WHERE "tenantId" = $1 ORDER BY "createdAt"`,
      [tenant],
    );
    const classes = await c.query<{ id: string; npsClass: string | null }>(`SELECT id, "npsClass"::text AS "npsClass" FROM "Customer" WHERE "tenantId" = $1`, [
      tenant,
    ]);
    return {
      answers: answers.rows,
      shares: shares.rows,
      entries: entries.rows,
      classes: Object.fromEntries(classes.rows.map((r) => [r.id, r.npsClass])),
    };
  });
}
