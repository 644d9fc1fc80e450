import { Prisma } from "../../db/generated/client";
import type { MentionStatus, Network, RuleAction } from "../../db/generated/enums";
import type { SqlRunner } from "../../db/raw-sql";
import type { FetchedMention } from "../../social/social-provider";
import type { SentimentResult } from "../scoring/sentiment";
import type { PlannedAward } from "./plan-awards";

/** A post of the page with everything decided before writing: its customer, status and awards. */
export interface MentionRow {
  mention: FetchedMention;
  sentiment: SentimentResult;
  customerId: string | null;
  socialProfileId: string | null;
  status: Extract<MentionStatus, "PROSPECT" | "NEW" | "CREDITED">;
}

/** An award to share on the customer's behalf once it is paid (text rendered from the tenant's template). */
export interface PlannedShare {
  idempotencyKey: string;
  socialProfileId: string;
  text: string;
}

export interface StoredPage {
  stored: number;
  prospects: number;
  credited: number;
  pointsAwarded: number;
  shareIds: string[];
}

/**
 * Writes a page in ONE statement: the mentions (a post already stored is skipped: ON CONFLICT),
 * the awards of the mentions this statement inserted (an idempotency key already paid is
 * skipped), the balances those awards move, and the share rows of the awards that took effect.
 * Awards hang off the mentions actually inserted, so a redelivered page pays nothing, and only
 * inserted entries move balances or get shared. Customers come from the tenant-scoped attribution
 * read of the same transaction; the foreign key keeps them real.
 */
export async function storeMentionPage(
  run: SqlRunner,
  tenantId: string,
  page: { network: Network; action: Extract<RuleAction, "MENTION" | "CHECKIN">; sourceId: string | null; matchedKeywords: string[] },
  rows: readonly MentionRow[],
  awards: readonly PlannedAward[],
  shares: readonly PlannedShare[],
): Promise<StoredPage> {
  if (rows.length === 0) return { stored: 0, prospects: 0, credited: 0, pointsAwarded: 0, shareIds: [] };
  const m = <T>(pick: (row: MentionRow) => T) => rows.map(pick);
  const a = <T>(pick: (award: PlannedAward) => T) => awards.map(pick);
  const shareBy = new Map(shares.map((s) => [s.idempotencyKey, s]));
  const [result] = await run<StoredPage>(Prisma.sql`
    WITH m_in AS (
      SELECT * FROM unnest(
        ${m((r) => r.mention.externalId)}::text[], ${m((r) => r.mention.author.externalId)}::text[],
        ${m((r) => r.mention.author.handle)}::text[], ${m((r) => r.mention.author.followers)}::int[],
        ${m((r) => r.mention.text)}::text[], ${m((r) => r.mention.url)}::text[], ${m((r) => r.mention.lang)}::text[],
        ${m((r) => r.mention.postedAt.toISOString())}::timestamp[], ${m((r) => JSON.stringify(r.mention.metrics))}::jsonb[],
        ${m((r) => r.mention.isRetweet)}::boolean[], ${m((r) => r.mention.isReply)}::boolean[],
        ${m((r) => r.sentiment.score)}::float8[], ${m((r) => r.sentiment.label)}::text[],
        ${m((r) => r.customerId)}::text[], ${m((r) => r.socialProfileId)}::text[], ${m((r) => r.status)}::text[],
        ${m((r) => r.mention.venueExternalId ?? null)}::text[]
      ) AS u("externalId", "authorExternalId", "authorHandle", "authorFollowers", text, url, lang, "postedAt",
             metrics, "isRetweet", "isReply", "sentimentScore", "sentimentLabel", "customerId", "socialProfileId",
             status, "venueId")
    ),
    m_ins AS (
      INSERT INTO "Mention" ("tenantId", network, "externalId", "sourceId", "customerId", "socialProfileId",
        "authorExternalId", "authorHandle", "authorFollowers", text, url, lang, "postedAt", "matchedKeywords",
        metrics, "isRetweet", "isReply", "sentimentScore", "sentimentLabel", status, "locationId", "updatedAt")
      SELECT ${tenantId}, ${page.network}::"Network", u."externalId", ${page.sourceId}, u."customerId", u."socialProfileId",
        u."authorExternalId", u."authorHandle", u."authorFollowers", u.text, u.url, u.lang, u."postedAt",
        ${page.matchedKeywords}::text[], u.metrics, u."isRetweet", u."isReply", u."sentimentScore",
        u."sentimentLabel"::"SentimentLabel", u.status::"MentionStatus", venue.id, now()
      FROM m_in u
      LEFT JOIN "Location" venue ON venue."tenantId" = ${tenantId} AND venue."foursquareVenueId" = u."venueId"
      -- One key order for every writer, so concurrent pages wait on each other instead of deadlocking.
      ORDER BY u."externalId"
      ON CONFLICT ("tenantId", network, "externalId") DO NOTHING
      RETURNING id, "externalId", "customerId"
    ),
    e_in AS (
      SELECT * FROM unnest(
        ${a((e) => e.externalId)}::text[], ${a((e) => e.customerId)}::text[], ${a((e) => e.amount)}::int[],
        ${a((e) => e.idempotencyKey)}::text[], ${a((e) => e.ruleId ?? null)}::text[], ${a((e) => e.campaignId ?? null)}::text[],
        ${a((e) => JSON.stringify(e.explanation))}::jsonb[],
        ${a((e) => shareBy.get(e.idempotencyKey)?.socialProfileId ?? null)}::text[],
        ${a((e) => shareBy.get(e.idempotencyKey)?.text ?? null)}::text[]
      ) AS e("externalId", "customerId", amount, "idempotencyKey", "ruleId", "campaignId", explanation, "shareProfileId", "shareText")
    ),
    led AS (
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "ruleId", "mentionId", "campaignId", explanation)
      SELECT ${tenantId}, e."customerId", e.amount, ${page.action}::"LedgerSource", e."idempotencyKey", e."ruleId", m.id, e."campaignId", e.explanation
      FROM e_in e JOIN m_ins m ON m."externalId" = e."externalId"
      ORDER BY e."idempotencyKey"
      ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
      RETURNING id, "customerId", amount, "idempotencyKey", "mentionId"
    ),
    deltas AS (SELECT "customerId", sum(amount)::int AS delta FROM led GROUP BY "customerId"),
    balances AS (
      -- Awards are positive and all count as earned.
      INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
      SELECT ${tenantId}, "customerId", delta, delta, now() FROM deltas ORDER BY "customerId"
      ON CONFLICT ("tenantId", "customerId") DO UPDATE SET
        balance = "PointBalance".balance + EXCLUDED.balance,
        "lifetimeEarned" = "PointBalance"."lifetimeEarned" + EXCLUDED."lifetimeEarned",
        "updatedAt" = now()
      RETURNING 1
    ),
    shared AS (
      INSERT INTO "SharePost" ("tenantId", "customerId", "socialProfileId", "ledgerEntryId", text, "updatedAt")
      SELECT ${tenantId}, l."customerId", e."shareProfileId", l.id, e."shareText", now()
      FROM led l JOIN e_in e ON e."idempotencyKey" = l."idempotencyKey"
      WHERE e."shareProfileId" IS NOT NULL
      ORDER BY l.id
      ON CONFLICT ("tenantId", "ledgerEntryId") DO NOTHING
      RETURNING id
    )
    SELECT
      (SELECT count(*) FROM m_ins)::int AS stored,
      (SELECT count(*) FROM m_ins WHERE "customerId" IS NULL)::int AS prospects,
      (SELECT count(DISTINCT "mentionId") FROM led)::int AS credited,
      (SELECT coalesce(sum(amount), 0) FROM led)::int AS "pointsAwarded",
      (SELECT count(*) FROM balances)::int AS "balancesMoved",
      coalesce((SELECT array_agg(id) FROM shared), '{}') AS "shareIds"
  `);
  return { stored: result!.stored, prospects: result!.prospects, credited: result!.credited, pointsAwarded: result!.pointsAwarded, shareIds: result!.shareIds };
}
