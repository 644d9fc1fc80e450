import type { TenantContext } from "../../auth/tenant-context";
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
  ctx: TenantContext,
  page: { network: Network; action: Extract<RuleAction, "MENTION" | "CHECKIN">; sourceId: string | null; matchedKeywords: string[]; fetchedAt: Date },
  rows: readonly MentionRow[],
  awards: readonly PlannedAward[],
  shares: readonly PlannedShare[],
): Promise<StoredPage> {
  if (rows.length === 0) return { stored: 0, prospects: 0, credited: 0, pointsAwarded: 0, shareIds: [] };
  const shareBy = new Map(shares.map((s) => [s.idempotencyKey, s]));
  // Rows travel as one JSON document each way in: JSON.stringify is native and fast, where
  // escaping seventeen text arrays element by element in the driver cost more than the insert.
  const mentionsJson = JSON.stringify(
    rows.map((r) => ({
      externalId: r.mention.externalId,
      authorExternalId: r.mention.author.externalId,
      authorHandle: storable(r.mention.author.handle),
      authorFollowers: r.mention.author.followers,
      text: storable(r.mention.text),
      url: storable(r.mention.url),
      lang: r.mention.lang,
      postedAt: r.mention.postedAt.toISOString(),
      metrics: r.mention.metrics,
      isRetweet: r.mention.isRetweet,
      isReply: r.mention.isReply,
      sentimentScore: r.sentiment.score,
      sentimentLabel: r.sentiment.label,
      customerId: r.customerId,
      socialProfileId: r.socialProfileId,
      status: r.status,
      venueId: r.mention.venueExternalId ?? null,
    })),
  );
  const awardsJson = JSON.stringify(
    awards.map((e) => ({
      externalId: e.externalId,
      customerId: e.customerId,
      amount: e.amount,
      idempotencyKey: e.idempotencyKey,
      ruleId: e.ruleId ?? null,
      campaignId: e.campaignId ?? null,
      explanation: e.explanation,
      shareProfileId: shareBy.get(e.idempotencyKey)?.socialProfileId ?? null,
      shareText: shareBy.get(e.idempotencyKey)?.text ?? null,
    })),
  );
  const [result] = await run<StoredPage>(Prisma.sql`
    WITH m_in AS (
      SELECT * FROM json_to_recordset(${mentionsJson}::json) AS u("externalId" text, "authorExternalId" text,
        "authorHandle" text, "authorFollowers" int, text text, url text, lang text, "postedAt" timestamp, metrics jsonb,
        "isRetweet" boolean, "isReply" boolean, "sentimentScore" float8, "sentimentLabel" text, "customerId" text,
        "socialProfileId" text, status text, "venueId" text)
    ),
    m_ins AS (
      INSERT INTO "Mention" ("tenantId", network, "externalId", "sourceId", "customerId", "socialProfileId",
        "authorExternalId", "authorHandle", "authorFollowers", text, url, lang, "postedAt", "matchedKeywords",
        metrics, "isRetweet", "isReply", "sentimentScore", "sentimentLabel", status, "locationId", "fetchedAt", "updatedAt")
      SELECT ${ctx.tenantId}, ${page.network}::"Network", u."externalId", ${page.sourceId}, u."customerId", u."socialProfileId",
        u."authorExternalId", u."authorHandle", u."authorFollowers", u.text, u.url, u.lang, u."postedAt",
        ${page.matchedKeywords}::text[], u.metrics, u."isRetweet", u."isReply", u."sentimentScore",
        u."sentimentLabel"::"SentimentLabel", u.status::"MentionStatus", venue.id, ${page.fetchedAt.toISOString()}::timestamp, now()
      FROM m_in u
      LEFT JOIN "Location" venue ON venue."tenantId" = ${ctx.tenantId} AND venue."foursquareVenueId" = u."venueId"
      -- One key order for every writer, so concurrent pages wait on each other instead of deadlocking.
      ORDER BY u."externalId"
      ON CONFLICT ("tenantId", network, "externalId") DO NOTHING
      RETURNING id, "externalId", "customerId"
    ),
    e_in AS (
      SELECT * FROM json_to_recordset(${awardsJson}::json) AS e("externalId" text, "customerId" text, amount int,
        "idempotencyKey" text, "ruleId" text, "campaignId" text, explanation jsonb, "shareProfileId" text, "shareText" text)
    ),
    led AS (
      -- createdAt is the clock when the row is written (now() would be the statement's start).
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "ruleId", "mentionId", "campaignId", explanation, "createdAt")
      SELECT ${ctx.tenantId}, e."customerId", e.amount, ${page.action}::"LedgerSource", e."idempotencyKey", e."ruleId", m.id, e."campaignId", e.explanation, clock_timestamp()
      FROM e_in e JOIN m_ins m ON m."externalId" = e."externalId"
      ORDER BY e."idempotencyKey"
      ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
      RETURNING id, "customerId", amount, "idempotencyKey", "mentionId"
    ),
    deltas AS (SELECT "customerId", sum(amount)::int AS delta FROM led GROUP BY "customerId"),
    -- Runs although nothing reads it: Postgres executes every data-modifying WITH exactly once.
    balances AS (
      -- Awards are positive and all count as earned.
      INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt")
      SELECT ${ctx.tenantId}, "customerId", delta, delta, now() FROM deltas ORDER BY "customerId"
      ON CONFLICT ("tenantId", "customerId") DO UPDATE SET
        balance = "PointBalance".balance + EXCLUDED.balance,
        "lifetimeEarned" = "PointBalance"."lifetimeEarned" + EXCLUDED."lifetimeEarned",
        "updatedAt" = now()
    ),
    shared AS (
      INSERT INTO "SharePost" ("tenantId", "customerId", "socialProfileId", "ledgerEntryId", text, "updatedAt")
      SELECT ${ctx.tenantId}, l."customerId", e."shareProfileId", l.id, e."shareText", now()
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
      coalesce((SELECT array_agg(id) FROM shared), '{}') AS "shareIds"
  `);
  return { stored: result!.stored, prospects: result!.prospects, credited: result!.credited, pointsAwarded: result!.pointsAwarded, shareIds: result!.shareIds };
}

/**
 * A post another source already stored matched this page's source too: record the match (the
 * source that stored it is the mention's own sourceId, so it is not repeated) and add the term to
 * the mention's terms, so it counts under every source it matched. Nothing else changes (no second
 * award: awards hang off mentions a page inserted). Runs after the page's insert, as its own
 * statement: the insert waited for any concurrent page that stored the same post to commit, and
 * this statement's fresh snapshot sees that row.
 */
export async function recordLaterMatches(
  run: SqlRunner,
  ctx: TenantContext,
  page: { network: Network; sourceId: string; matchedKeywords: string[] },
  externalIds: readonly string[],
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const [result] = await run<{ added: number }>(Prisma.sql`
    WITH matched AS (
      INSERT INTO "MentionMatch" ("tenantId", "mentionId", "sourceId")
      SELECT m."tenantId", m.id, s.id FROM "Mention" m
      JOIN "ListeningSource" s ON s."tenantId" = ${ctx.tenantId} AND s.id = ${page.sourceId}
      WHERE m."tenantId" = ${ctx.tenantId} AND m.network = ${page.network}::"Network" AND m."externalId" = ANY(${[...externalIds]}::text[])
        AND m."sourceId" IS DISTINCT FROM s.id
      ORDER BY m.id
      ON CONFLICT DO NOTHING
      RETURNING "mentionId"
    ),
    terms AS (
      UPDATE "Mention" m SET "matchedKeywords" = m."matchedKeywords" || ARRAY(SELECT k FROM unnest(${page.matchedKeywords}::text[]) k WHERE k <> ALL(m."matchedKeywords"))
      FROM matched WHERE m."tenantId" = ${ctx.tenantId} AND m.id = matched."mentionId" AND NOT (m."matchedKeywords" @> ${page.matchedKeywords}::text[])
      RETURNING m.id
    )
    SELECT (SELECT count(*) FROM matched)::int AS added`);
  return result?.added ?? 0;
}

/**
 * Postgres text holds neither NUL nor half of a surrogate pair, and one such character in a post
 * would otherwise fail its whole page on every retry. Both are dropped or replaced (U+FFFD).
 */
export function storable(text: string): string {
  return text.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
