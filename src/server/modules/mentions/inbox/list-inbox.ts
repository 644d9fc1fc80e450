import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { loadMentionPoints, safeHttpUrl } from "../moderation/mention.mapper";
import type { MentionDto } from "../moderation/mention.schemas";
import { segmentCondition } from "./inbox-segment-condition";
import { encodeInboxCursor, ZInboxQuery, type InboxFilters, type InboxItem, type InboxPage, type InboxQueryInput, type TriageStep } from "./inbox.schemas";

interface InboxRow {
  id: string;
  network: MentionDto["network"];
  externalId: string;
  status: MentionDto["status"];
  triage: TriageStep;
  customerId: string | null;
  customerName: string | null;
  locationId: string | null;
  locationName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  authorExternalId: string;
  authorHandle: string;
  authorFollowers: number;
  text: string;
  url: string | null;
  lang: string | null;
  postedAt: Date;
  createdAt: Date;
  deletedUpstreamAt: Date | null;
  matchedKeywords: string[] | null;
  sentimentScore: number | null;
  sentimentLabel: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
  isRetweet: boolean;
  isReply: boolean;
  isQuestion: boolean | null;
  sentimentOverriddenAt: Date | null;
  sentimentModelLabel: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
}

const OUT = Prisma.sql`('DISQUALIFIED', 'DELETED')`;

/**
 * The filters that read only the mention's own columns and keys, each as one SQL condition on `m`;
 * every subquery names the tenant too. Not exported: the segment and the search need lookups, and
 * a caller that skipped them would act on more mentions than the list shows (inboxConditions).
 */
function filterConditions(filters: InboxFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.network) where.push(Prisma.sql`m.network = ${filters.network}::"Network"`);
  if (filters.source) {
    // A post found by several terms counts under each: the first in sourceId, the rest in MentionMatch.
    where.push(Prisma.sql`(m."sourceId" = ${filters.source} OR EXISTS (
      SELECT 1 FROM "MentionMatch" mm WHERE mm."tenantId" = m."tenantId" AND mm."mentionId" = m.id AND mm."sourceId" = ${filters.source}))`);
  }
  if (filters.sentiment === "UNLABELLED") where.push(Prisma.sql`m."sentimentLabel" IS NULL`);
  else if (filters.sentiment) where.push(Prisma.sql`m."sentimentLabel" = ${filters.sentiment}::"SentimentLabel"`);
  if (filters.author === "customer") where.push(Prisma.sql`m."customerId" IS NOT NULL`);
  if (filters.author === "prospect") where.push(Prisma.sql`m."customerId" IS NULL`);
  if (filters.location) where.push(Prisma.sql`m."locationId" = ${filters.location}`);
  if (filters.campaign) {
    // Mentions carry no campaign: a campaign's mentions are those it multiplied an award of.
    where.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "LedgerEntry" le WHERE le."tenantId" = m."tenantId" AND le."mentionId" = m.id AND le."campaignId" = ${filters.campaign})`);
  }
  switch (filters.status) {
    case undefined:
      break;
    case "disqualified":
      where.push(Prisma.sql`m.status = 'DISQUALIFIED'`);
      break;
    case "new":
    case "in_progress":
    case "done":
      where.push(Prisma.sql`m.triage = ${filters.status.toUpperCase()}::"MentionTriage" AND m.status NOT IN ${OUT}`);
      break;
    default:
      filters.status satisfies never;
  }
  if (filters.question) where.push(Prisma.sql`m."isQuestion"`);
  if (filters.tag) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "MentionTag" mt WHERE mt."tenantId" = m."tenantId" AND mt."mentionId" = m.id AND mt.tag = ${filters.tag})`);
  }
  if (filters.from) where.push(Prisma.sql`m."postedAt" >= ${filters.from}::date`);
  // `to` is a whole day, inclusive.
  if (filters.to) where.push(Prisma.sql`m."postedAt" < (${filters.to}::date + 1)`);
  return where;
}

/** Rare terms are searched through the GIN index first: at most this many hits are collected. */
export const SEARCH_PREFETCH = 1_000;

/**
 * The search predicate. Postgres cannot estimate a term it has no statistics for (a rare name, a
 * typo) and then walks the whole (postedAt, id) index looking for it: seconds at a million
 * mentions. So the GIN index is asked first, capped: up to `prefetch` hits become an id list (a
 * primary-key lookup and a small sort); more hits mean a common term, which the newest-first walk
 * finds at once, so the predicate is then left to it.
 */
export async function searchCondition(ctx: TenantContext, q: string, prefetch: number): Promise<Prisma.Sql> {
  const hits = await getDb().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT id FROM "Mention"
    WHERE "tenantId" = ${ctx.tenantId} AND "searchVector" @@ websearch_to_tsquery('simple', ${q})
    LIMIT ${prefetch + 1}`);
  if (hits.length <= prefetch) return Prisma.sql`m.id = ANY(${hits.map((h) => h.id)}::text[])`;
  return Prisma.sql`m."searchVector" @@ websearch_to_tsquery('simple', ${q})`;
}

/**
 * Every condition the inbox's filters put on `m`, the one builder the list, the arrivals poll and
 * the "all matching" actions share, so each acts on exactly what the list shows. Throws
 * VALIDATION_FAILED (path "segment") for a segment that is not the brand's.
 */
export async function inboxConditions(ctx: TenantContext, filters: InboxFilters, searchPrefetch = SEARCH_PREFETCH): Promise<Prisma.Sql[]> {
  const [segment, search] = await Promise.all([
    filters.segment ? segmentCondition(ctx, filters.segment) : null,
    filters.q ? searchCondition(ctx, filters.q, searchPrefetch) : null,
  ]);
  return [...filterConditions(filters), ...(segment ? [segment] : []), ...(search ? [search] : [])];
}

/**
 * The inbox: every mention of the brand (customers' and prospects'), newest post first, filtered
 * as the URL says, a page at a time by keyset on (postedAt, id) so page 1,000 costs what page 1
 * does (the (tenantId, postedAt DESC, id DESC) index).
 */
export async function listInbox(ctx: TenantContext, raw: InboxQueryInput, tuning = { searchPrefetch: SEARCH_PREFETCH }): Promise<InboxPage> {
  assertCan(ctx, "mentions:read");
  const query = ZInboxQuery.parse(raw);
  const conditions = await inboxConditions(ctx, query.filters, tuning.searchPrefetch);
  if (query.after) conditions.push(Prisma.sql`(m."postedAt", m.id) < (${query.after.postedAt}, ${query.after.id})`);
  const extra = conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const db = getDb();
  const rows = await db.$queryRaw<InboxRow[]>(Prisma.sql`
    SELECT m.id, m.network::text AS network, m."externalId", m.status::text AS status, m.triage::text AS triage,
           m."customerId", c."displayName" AS "customerName", m."locationId", l.name AS "locationName",
           m."assigneeId", u.name AS "assigneeName", m."authorExternalId", m."authorHandle", m."authorFollowers",
           m.text, m.url, m.lang, m."postedAt", m."createdAt", m."deletedUpstreamAt", m."matchedKeywords",
           m."sentimentScore", m."sentimentLabel"::text AS "sentimentLabel", m."isRetweet", m."isReply", m."isQuestion",
           m."sentimentOverriddenAt", m."sentimentModelLabel"::text AS "sentimentModelLabel"
    FROM "Mention" m
    LEFT JOIN "Customer" c ON c."tenantId" = m."tenantId" AND c.id = m."customerId"
    LEFT JOIN "Location" l ON l."tenantId" = m."tenantId" AND l.id = m."locationId"
    LEFT JOIN "Membership" ms ON ms."tenantId" = m."tenantId" AND ms.id = m."assigneeId"
    LEFT JOIN "User" u ON u.id = ms."userId"
    WHERE m."tenantId" = ${ctx.tenantId} ${extra}
    ORDER BY m."postedAt" DESC, m.id DESC
    LIMIT ${query.pageSize + 1}`);
  const page = rows.slice(0, query.pageSize);
  const ids = page.map((r) => r.id);
  const [points, notes, tags] = await Promise.all([
    loadMentionPoints(db, ctx, ids),
    ids.length
      ? db.mentionNote.findMany({
          where: { tenantId: ctx.tenantId, mentionId: { in: ids } },
          select: { id: true, mentionId: true, body: true, createdAt: true, author: { select: { name: true } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        })
      : [],
    ids.length
      ? db.mentionTag.findMany({ where: { tenantId: ctx.tenantId, mentionId: { in: ids } }, select: { mentionId: true, tag: true }, orderBy: { tag: "asc" } })
      : [],
  ]);
  const items = page.map((row): InboxItem => ({
    ...toItem(row),
    points: points.get(row.id) ?? { paid: 0, reversed: 0, net: 0 },
    notes: notes
      .filter((n) => n.mentionId === row.id)
      .map((n) => ({ id: n.id, body: n.body, author: n.author?.name ?? null, createdAt: n.createdAt.toISOString() })),
    tags: tags.filter((t) => t.mentionId === row.id).map((t) => t.tag),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.pageSize && last ? encodeInboxCursor(last.postedAt.toISOString(), last.id) : null };
}

function inboxStatus(row: InboxRow): InboxItem["inboxStatus"] {
  if (row.status === "DISQUALIFIED") return "disqualified";
  if (row.status === "DELETED") return "deleted";
  return row.triage === "NEW" ? "new" : row.triage === "IN_PROGRESS" ? "in_progress" : "done";
}

function toItem(row: InboxRow): Omit<InboxItem, "points" | "notes" | "tags"> {
  return {
    id: row.id,
    network: row.network,
    externalId: row.externalId,
    status: row.status,
    triage: row.triage,
    inboxStatus: inboxStatus(row),
    customerId: row.customerId,
    customer: row.customerId && row.customerName !== null ? { id: row.customerId, displayName: row.customerName } : null,
    location: row.locationId && row.locationName !== null ? { id: row.locationId, name: row.locationName } : null,
    assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    author: { externalId: row.authorExternalId, handle: row.authorHandle, followers: row.authorFollowers },
    text: row.text,
    url: safeHttpUrl(row.url),
    lang: row.lang,
    postedAt: row.postedAt.toISOString(),
    collectedAt: row.createdAt.toISOString(),
    deletedUpstreamAt: row.deletedUpstreamAt?.toISOString() ?? null,
    matchedKeywords: [...(row.matchedKeywords ?? [])],
    sentiment: row.sentimentScore !== null && row.sentimentLabel !== null ? { score: row.sentimentScore, label: row.sentimentLabel } : null,
    isRetweet: row.isRetweet,
    isReply: row.isReply,
    isQuestion: row.isQuestion === true,
    sentimentOverride: row.sentimentOverriddenAt ? { at: row.sentimentOverriddenAt.toISOString(), modelLabel: row.sentimentModelLabel } : null,
  };
}
