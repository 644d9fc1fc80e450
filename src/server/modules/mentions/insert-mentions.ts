import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import type { FetchedMention } from "../../social/social-provider";
import type { SentimentResult } from "../scoring/sentiment";

export interface MentionToStore {
  mention: FetchedMention;
  sentiment: SentimentResult;
  matchedKeywords: string[];
}

export interface InsertedMention {
  id: string;
  externalId: string;
  /** Set when the author is a linked customer (attribution happens in the same statement). */
  customerId: string | null;
}

/**
 * Stores a page of mentions in one statement and attributes them on the way in: an author whose
 * social profile (this tenant and network) is linked to a live customer — linking records
 * consent — gets that customer; everyone else is kept as a prospect. A mention already stored
 * (same tenant, network, external id) is left as it is and not returned, so a redelivered page
 * changes nothing.
 */
export async function insertMentions(
  tx: DbTx,
  tenantId: string,
  network: Network,
  sourceId: string | null,
  items: MentionToStore[],
): Promise<InsertedMention[]> {
  if (items.length === 0) return [];
  const col = <T>(pick: (item: MentionToStore) => T) => items.map(pick);
  return tx.$queryRaw<InsertedMention[]>(Prisma.sql`
    INSERT INTO "Mention" ("tenantId", network, "externalId", "sourceId", "customerId", "socialProfileId",
      "authorExternalId", "authorHandle", "authorFollowers", text, url, lang, "postedAt", "matchedKeywords",
      metrics, "isRetweet", "isReply", "sentimentScore", "sentimentLabel", status, "locationId", "updatedAt")
    SELECT ${tenantId}, ${network}::"Network", u."externalId", ${sourceId}, link."customerId", link.id,
      u."authorExternalId", u."authorHandle", u."authorFollowers", u.text, u.url, u.lang, u."postedAt",
      ARRAY(SELECT jsonb_array_elements_text(u.matched)), u.metrics, u."isRetweet", u."isReply",
      u."sentimentScore", u."sentimentLabel"::"SentimentLabel",
      (CASE WHEN link."customerId" IS NULL THEN 'PROSPECT' ELSE 'NEW' END)::"MentionStatus", venue.id, now()
    FROM unnest(
      ${col((i) => i.mention.externalId)}::text[], ${col((i) => i.mention.author.externalId)}::text[],
      ${col((i) => i.mention.author.handle)}::text[], ${col((i) => i.mention.author.followers)}::int[],
      ${col((i) => i.mention.text)}::text[], ${col((i) => i.mention.url)}::text[], ${col((i) => i.mention.lang)}::text[],
      ${col((i) => i.mention.postedAt.toISOString())}::timestamp[], ${col((i) => JSON.stringify(i.matchedKeywords))}::jsonb[],
      ${col((i) => JSON.stringify(i.mention.metrics))}::jsonb[], ${col((i) => i.mention.isRetweet)}::boolean[],
      ${col((i) => i.mention.isReply)}::boolean[], ${col((i) => i.sentiment.score)}::float8[],
      ${col((i) => i.sentiment.label)}::text[], ${col((i) => i.mention.venueExternalId ?? null)}::text[]
    ) AS u("externalId", "authorExternalId", "authorHandle", "authorFollowers",
           text, url, lang, "postedAt", matched, metrics, "isRetweet", "isReply", "sentimentScore", "sentimentLabel", "venueId")
    LEFT JOIN LATERAL (
      SELECT sp.id, sp."customerId" FROM "SocialProfile" sp
      JOIN "Customer" c ON c.id = sp."customerId" AND c."tenantId" = ${tenantId} AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
      WHERE sp."tenantId" = ${tenantId} AND sp.network = ${network}::"Network" AND sp."externalUserId" = u."authorExternalId"
        AND sp.status <> 'REVOKED'
    ) link ON true
    LEFT JOIN "Location" venue ON venue."tenantId" = ${tenantId} AND venue."foursquareVenueId" = u."venueId"
    ORDER BY u."externalId"
    ON CONFLICT ("tenantId", network, "externalId") DO NOTHING
    RETURNING id, "externalId", "customerId"
  `);
}
