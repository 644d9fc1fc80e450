import { withClient } from "./db";

export interface InboxSeed {
  tenantId: string;
  customerId: string;
  /** The customer's mention paid 30 points (entry `paidEntryId`). */
  paidId: string;
  paidEntryId: string;
  questionId: string;
  prospectId: string;
  rtlId: string;
  hostileId: string;
}

const LONG_NAME = "N".repeat(5_000);
const LONG_HANDLE = "h".repeat(280);

/**
 * A brand's mentions as the pipeline leaves them (written straight to the e2e database: the tier
 * runs no worker): two of a customer, one paid 30 points by a MENTION entry and its balance; a
 * prospect's; a right-to-left question; and a hostile one (5,000-character customer name and
 * unbroken text, a 280-character handle, emoji).
 */
export async function seedInbox(slug: string): Promise<InboxSeed> {
  return withClient(async (c) => {
    const tenantId = (await c.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug])).rows[0]!.id;
    const customer = async (name: string) =>
      (await c.query<{ id: string }>(`INSERT INTO "Customer" ("tenantId","displayName","updatedAt") VALUES ($1,$2,now()) RETURNING id`, [tenantId, name]))
        .rows[0]!.id;
    const customerId = await customer("Ada Fan");
    const hostileCustomer = await customer(LONG_NAME);
    const mention = async (text: string, minutesAgo: number, customer: string | null, handle = "fan", sentiment: string | null = null) =>
      (
        await c.query<{ id: string }>(
          `INSERT INTO "Mention" ("tenantId",network,"externalId","customerId","authorExternalId","authorHandle","authorFollowers",text,
             "postedAt","matchedKeywords","sentimentLabel","sentimentScore",status,"updatedAt")
           VALUES ($1,'TWITTER',gen_random_uuid()::text,$2,'a-' || $3,$3,120,$4,now() - make_interval(mins => $5::int),ARRAY['tasti'],
             $6::"SentimentLabel", CASE WHEN $6::text IS NULL THEN NULL ELSE 0.6 END,
             CASE WHEN $2::text IS NULL THEN 'PROSPECT' ELSE 'CREDITED' END::"MentionStatus", now())
           RETURNING id`,
          [tenantId, customer, handle, text, minutesAgo, sentiment],
        )
      ).rows[0]!.id;
    const paidId = await mention("Loved the ramen at Tasti 🍜", 90, customerId, "ada_fan", "PROMOTER");
    const questionId = await mention("Great RAMEN bowls, what time do you close?", 60, customerId, "ada_fan");
    const prospectId = await mention("ramen was cold tonight", 50, null, "stranger");
    const rtlId = await mention("هل تفتحون يوم الجمعة؟ ‏رامن 🍜", 40, null, "عربي");
    const hostileId = await mention(`ramen ${"🍜".repeat(40)} ${"W".repeat(5_000)}`, 30, hostileCustomer, LONG_HANDLE);
    await c.query("BEGIN");
    const entry = await c.query<{ id: string }>(
      `INSERT INTO "LedgerEntry" ("tenantId","customerId",amount,source,"idempotencyKey","mentionId",explanation)
       VALUES ($1,$2,30,'MENTION','mention:e2e:' || $3,$3,jsonb_build_object('formula','30')) RETURNING id`,
      [tenantId, customerId, paidId],
    );
    await c.query(`INSERT INTO "PointBalance" ("tenantId","customerId",balance,"lifetimeEarned","updatedAt") VALUES ($1,$2,30,30,now())`, [
      tenantId,
      customerId,
    ]);
    await c.query("COMMIT");
    return { tenantId, customerId, paidId, paidEntryId: entry.rows[0]!.id, questionId, prospectId, rtlId, hostileId };
  });
}

/** What the inbox should show for a filter, straight from the database, newest first. */
export async function mentionIdsWhere(tenantId: string, where: string, params: unknown[] = []): Promise<string[]> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM "Mention" WHERE "tenantId" = $1 AND (${where}) ORDER BY "postedAt" DESC, id DESC`, [
      tenantId,
      ...params,
    ]);
    return rows.map((r) => r.id);
  });
}

export async function mentionState(tenantId: string, id: string): Promise<{ status: string; triage: string }> {
  return withClient(async (c) => (await c.query(`SELECT status::text, triage::text FROM "Mention" WHERE "tenantId" = $1 AND id = $2`, [tenantId, id])).rows[0]);
}

export async function reversalsOf(tenantId: string, entryId: string): Promise<{ amount: number }[]> {
  return withClient(
    async (c) =>
      (await c.query(`SELECT amount FROM "LedgerEntry" WHERE "tenantId" = $1 AND "reversesId" = $2 AND source = 'REVERSAL'`, [tenantId, entryId])).rows,
  );
}

export async function balanceOf(tenantId: string, customerId: string): Promise<number> {
  return withClient(
    async (c) =>
      (await c.query(`SELECT balance FROM "PointBalance" WHERE "tenantId" = $1 AND "customerId" = $2`, [tenantId, customerId])).rows[0]?.balance ?? 0,
  );
}

export async function bonusesOf(tenantId: string, mentionId: string): Promise<{ amount: number; customerId: string; note: string }[]> {
  return withClient(
    async (c) =>
      (
        await c.query(
          `SELECT amount, "customerId", explanation->>'note' AS note FROM "LedgerEntry" WHERE "tenantId" = $1 AND "mentionId" = $2 AND source = 'ADJUSTMENT'`,
          [tenantId, mentionId],
        )
      ).rows,
  );
}

export async function sentimentOf(tenantId: string, id: string): Promise<{ label: string | null; model: string | null; overridden: boolean }> {
  return withClient(
    async (c) =>
      (
        await c.query(
          `SELECT "sentimentLabel"::text AS label, "sentimentModelLabel"::text AS model, "sentimentOverriddenAt" IS NOT NULL AS overridden
           FROM "Mention" WHERE "tenantId" = $1 AND id = $2`,
          [tenantId, id],
        )
      ).rows[0],
  );
}

/** The saved views of the brand's members: name and stored filters. */
export async function inboxViewsOf(tenantId: string): Promise<{ name: string; filters: unknown }[]> {
  return withClient(async (c) => (await c.query(`SELECT name, filters FROM "InboxView" WHERE "tenantId" = $1 ORDER BY name`, [tenantId])).rows);
}

/** A prospect's mention collected now, as the worker would store it while an inbox page is open. */
export async function collectMention(tenantId: string, text: string): Promise<string> {
  return withClient(
    async (c) =>
      (
        await c.query<{ id: string }>(
          `INSERT INTO "Mention" ("tenantId",network,"externalId","authorExternalId","authorHandle","authorFollowers",text,"postedAt","matchedKeywords",status,"updatedAt")
           VALUES ($1,'TWITTER',gen_random_uuid()::text,'a-late','late_fan',50,$2,now(),ARRAY['tasti'],'PROSPECT',now()) RETURNING id`,
          [tenantId, text],
        )
      ).rows[0]!.id,
  );
}

export async function tagsOf(tenantId: string, mentionId: string): Promise<string[]> {
  return withClient(async (c) =>
    (await c.query<{ tag: string }>(`SELECT tag FROM "MentionTag" WHERE "tenantId" = $1 AND "mentionId" = $2 ORDER BY tag`, [tenantId, mentionId])).rows.map(
      (r) => r.tag,
    ),
  );
}

/**
 * A segment of LOYAL customers (its filter stored as the segments screen stores it) and the
 * customer made LOYAL, so the segment holds that customer's mentions and no one else's.
 */
export async function seedLoyalSegment(tenantId: string, customerId: string): Promise<string> {
  const filter = {
    lifecycleStages: ["LOYAL"],
    sentimentLabels: [],
    search: null,
    npsClasses: [],
    minFollowers: null,
    minPoints: null,
    minLifetimeEarned: null,
    tierId: null,
  };
  return withClient(async (c) => {
    await c.query(`UPDATE "Customer" SET "lifecycleStage" = 'LOYAL' WHERE "tenantId" = $1 AND id = $2`, [tenantId, customerId]);
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO "Segment" ("tenantId", name, filter, "updatedAt") VALUES ($1, 'Loyal fans', $2, now()) RETURNING id`,
      [tenantId, JSON.stringify(filter)],
    );
    return rows[0]!.id;
  });
}

/** The brand's mentions carrying a tag, newest first. */
export async function mentionsTagged(tenantId: string, tag: string): Promise<string[]> {
  return mentionIdsWhere(tenantId, `id IN (SELECT "mentionId" FROM "MentionTag" WHERE "tenantId" = $1 AND tag = $2)`, [tag]);
}
