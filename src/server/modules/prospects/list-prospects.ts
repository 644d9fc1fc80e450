import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { PROSPECT_PAGE_SIZE, ZProspectListQuery, type ProspectListQuery, type ProspectMentionDto, type ProspectRow } from "./prospect.schemas";

/** Mentions shown under each prospect of a page. */
const MENTIONS_PER_PROSPECT = 5;

interface Aggregate {
  network: ProspectRow["network"];
  authorExternalId: string;
  handle: string;
  reach: number;
  positive: bigint;
  mentions: bigint;
  score: bigint;
  lastPostedAt: Date;
  lastInvitedAt: Date | null;
  total: bigint;
}

/**
 * Authors who mention the brand but are not customers: PROSPECT mentions (the ingest stores a
 * post whose author is linked to no customer that way), grouped by network and author, less the
 * authors staff already made customers (ProspectConversion) and accounts linked to a customer.
 * Ranked by reach (the largest follower snapshot) × positive (PROMOTER) mentions, ties by
 * network and author id so pages never reshuffle.
 */
export async function listProspects(
  ctx: TenantContext,
  raw: Partial<ProspectListQuery> = {},
): Promise<{ rows: ProspectRow[]; total: number; page: number; pageSize: number }> {
  assertCan(ctx, "mentions:read");
  const query = ZProspectListQuery.parse(raw);
  const { tenantId } = ctx;
  const networkFilter = query.network ? Prisma.sql`AND m.network = ${query.network}::"Network"` : Prisma.empty;
  const offset = (query.page - 1) * PROSPECT_PAGE_SIZE;
  const aggregates = await getDb().$queryRaw<Aggregate[]>(Prisma.sql`
    WITH authors AS (
      SELECT m.network, m."authorExternalId",
             max(m."authorFollowers") AS reach,
             count(*) FILTER (WHERE m."sentimentLabel" = 'PROMOTER') AS positive,
             count(*) AS mentions,
             max(m."postedAt") AS "lastPostedAt",
             (array_agg(m."authorHandle" ORDER BY m."postedAt" DESC, m.id DESC))[1] AS handle
      FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND m.status = 'PROSPECT' AND m."deletedUpstreamAt" IS NULL ${networkFilter}
      GROUP BY m.network, m."authorExternalId"
    )
    SELECT a.network, a."authorExternalId", a.handle, a.reach, a.positive, a.mentions, a."lastPostedAt",
           a.reach::bigint * a.positive AS score,
           (SELECT max(i."createdAt") FROM "ProspectInvitation" i
             WHERE i."tenantId" = ${tenantId} AND i.network = a.network AND i."authorExternalId" = a."authorExternalId") AS "lastInvitedAt",
           count(*) OVER () AS total
    FROM authors a
    WHERE a.reach >= ${query.minFollowers ?? 0}
      AND NOT EXISTS (SELECT 1 FROM "ProspectConversion" pc
                      WHERE pc."tenantId" = ${tenantId} AND pc.network = a.network AND pc."authorExternalId" = a."authorExternalId")
      AND NOT EXISTS (SELECT 1 FROM "SocialProfile" sp
                      WHERE sp."tenantId" = ${tenantId} AND sp.network = a.network AND sp."externalUserId" = a."authorExternalId" AND sp."customerId" IS NOT NULL)
    ORDER BY score DESC, a.network, a."authorExternalId"
    LIMIT ${PROSPECT_PAGE_SIZE} OFFSET ${offset}`);
  const mentions = await recentMentions(ctx, aggregates);
  return {
    rows: aggregates.map((a) => ({
      network: a.network,
      authorExternalId: a.authorExternalId,
      handle: a.handle,
      reach: a.reach,
      positiveMentions: Number(a.positive),
      mentions: Number(a.mentions),
      score: Number(a.score),
      lastPostedAt: a.lastPostedAt,
      lastInvitedAt: a.lastInvitedAt,
      recentMentions: mentions.get(`${a.network}:${a.authorExternalId}`) ?? [],
    })),
    total: Number(aggregates[0]?.total ?? 0),
    page: query.page,
    pageSize: PROSPECT_PAGE_SIZE,
  };
}

/** The newest prospect mentions of each author on the page, in one query. */
async function recentMentions(ctx: TenantContext, authors: readonly Aggregate[]): Promise<Map<string, ProspectMentionDto[]>> {
  const byAuthor = new Map<string, ProspectMentionDto[]>();
  if (authors.length === 0) return byAuthor;
  const rows = await getDb().mention.findMany({
    where: {
      tenantId: ctx.tenantId,
      status: "PROSPECT",
      deletedUpstreamAt: null,
      OR: authors.map((a) => ({ network: a.network, authorExternalId: a.authorExternalId })),
    },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    select: { id: true, network: true, authorExternalId: true, text: true, url: true, postedAt: true, sentimentLabel: true, authorFollowers: true },
  });
  for (const r of rows) {
    const key = `${r.network}:${r.authorExternalId}`;
    const list = byAuthor.get(key) ?? [];
    if (list.length < MENTIONS_PER_PROSPECT) {
      list.push({ id: r.id, text: r.text, url: r.url, postedAt: r.postedAt, sentimentLabel: r.sentimentLabel, followers: r.authorFollowers });
    }
    byAuthor.set(key, list);
  }
  return byAuthor;
}
