import type { TenantContext } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { prismaRunner, type SqlRunner } from "../../db/raw-sql";
import { customerSearchSql } from "../customers/customer-search";
import { earnedJoin, tenantPeriodUntilNow } from "../tiers/earned-in-period";
import { ZSegmentFilter, type SegmentFilter } from "./segment.schemas";

/**
 * Who is in a segment, decided in SQL. A customer is a member when they are live (not erased,
 * not merged away) and meet every condition of the filter:
 *   - lifecycle stage among `lifecycleStages` (empty: any);
 *   - sentiment label among `sentimentLabels` (empty: any; UNLABELLED: no label, i.e. no recent mention);
 *   - name, email, phone or external id containing `search` (the customers list's own predicate);
 *   - NPS class among `npsClasses` (their latest feedback answer; empty: any; never answered matches none);
 *   - followers ≥ `minFollowers`: the most followers on any of their linked, non-revoked social
 *     profiles (0 without one);
 *   - points balance ≥ `minPoints`, lifetime points ≥ `minLifetimeEarned` (0 without a balance);
 *   - in tier `tierId` now: the highest of the brand's tiers whose threshold their points earned in
 *     the brand's period reach (tiers/earned-in-period.ts, as of the statement's clock).
 *
 * Every lookup is by the customer's key: Customer by id, PointBalance by its primary key
 * (tenantId, customerId), SocialProfile by (tenantId, customerId). One statement answers for a
 * whole batch of customers and several segments.
 */

/** A segment as the scorer holds it: its id and its filter as stored (Segment.filter) or parsed. */
export interface SegmentRef {
  id: string;
  filter: unknown;
}

interface ParsedSegment {
  id: string;
  filter: SegmentFilter;
}

/** Parses stored filters; one that does not validate (never written by this code) matches no one. */
function parseSegments(segments: readonly SegmentRef[]): ParsedSegment[] {
  const seen = new Set<string>();
  const parsed: ParsedSegment[] = [];
  for (const s of segments) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const filter = ZSegmentFilter.safeParse(s.filter);
    if (filter.success) parsed.push({ id: s.id, filter: filter.data });
  }
  return parsed;
}

// no-tenant-data: an empty result, no table is read
const EMPTY = Prisma.sql`SELECT NULL::text AS "segmentId", NULL::text AS "customerId" WHERE false`;

/**
 * "In tier X": earned reaches X's threshold and no tier of the brand lies above X and at or
 * below earned. An unknown tier (deleted, or another tenant's id) matches no one.
 */
function inTier(tenantId: string, tierId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Tier" t WHERE t."tenantId" = ${tenantId} AND t.id = ${tierId} AND m.earned >= t.threshold
      AND NOT EXISTS (SELECT 1 FROM "Tier" up WHERE up."tenantId" = ${tenantId} AND up.threshold > t.threshold AND up.threshold <= m.earned))`;
}

/** The conditions of one filter over the columns of `member` (see memberRows). */
function filterPredicate(ctx: TenantContext, f: SegmentFilter): Prisma.Sql {
  const tenantId = ctx.tenantId;
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (f.lifecycleStages.length) parts.push(Prisma.sql`m.stage = ANY(${f.lifecycleStages}::text[]::"LifecycleStage"[])`);
  if (f.sentimentLabels.length) {
    const labels = f.sentimentLabels.filter((l) => l !== "UNLABELLED");
    const unlabelled = f.sentimentLabels.includes("UNLABELLED") ? Prisma.sql` OR m.label IS NULL` : Prisma.empty;
    parts.push(Prisma.sql`(m.label = ANY(${labels}::text[]::"SentimentLabel"[])${unlabelled})`);
  }
  if (f.search !== null) parts.push(customerSearchSql(ctx, f.search, "m"));
  if (f.npsClasses.length) parts.push(Prisma.sql`m.nps = ANY(${f.npsClasses}::text[]::"NpsClass"[])`);
  if (f.minFollowers !== null) parts.push(Prisma.sql`m.followers >= ${f.minFollowers}::int`);
  if (f.minPoints !== null) parts.push(Prisma.sql`m.balance >= ${f.minPoints}::int`);
  if (f.minLifetimeEarned !== null) parts.push(Prisma.sql`m.lifetime >= ${f.minLifetimeEarned}::int`);
  if (f.tierId !== null) parts.push(inTier(tenantId, f.tierId));
  return Prisma.join(parts, " AND ");
}

type Scope = { kind: "customers"; ids: string[] } | { kind: "tenant"; followersVia: "lateral" | "grouped" };

/**
 * Live customers with the columns filters read: id, "createdAt", "displayName", stage, label,
 * followers, balance, lifetime. Balances and followers are joined only when a filter needs them
 * (`needs`). Followers are one index probe per customer (LATERAL: a batch of ids, or a page that
 * stops at its limit) or one grouped pass over the tenant's profiles (counting everyone).
 */
function memberRows(ctx: TenantContext, scope: Scope, needs: { followers: boolean; balance: boolean; earned: boolean }): Prisma.Sql {
  const tenantId = ctx.tenantId;
  const balanceJoin = needs.balance ? Prisma.sql`LEFT JOIN "PointBalance" pb ON pb."tenantId" = ${tenantId} AND pb."customerId" = c.id` : Prisma.empty;
  let followersJoin = Prisma.empty;
  if (needs.followers) {
    followersJoin =
      scope.kind === "customers" || scope.followersVia === "lateral"
        ? Prisma.sql`LEFT JOIN LATERAL (
            SELECT max(sp."followersCount") AS followers FROM "SocialProfile" sp
            WHERE sp."tenantId" = ${tenantId} AND sp."customerId" = c.id AND sp.status <> 'REVOKED'
          ) f ON true`
        : Prisma.sql`LEFT JOIN (
            SELECT sp."customerId", max(sp."followersCount") AS followers FROM "SocialProfile" sp
            WHERE sp."tenantId" = ${tenantId} AND sp."customerId" IS NOT NULL AND sp.status <> 'REVOKED'
            GROUP BY sp."customerId"
          ) f ON f."customerId" = c.id`;
  }
  const earnedJoinSql = needs.earned
    ? earnedJoin(ctx, tenantPeriodUntilNow(ctx), scope.kind === "customers" || scope.followersVia === "lateral" ? "lateral" : "grouped")
    : Prisma.empty;
  const inScope = scope.kind === "customers" ? Prisma.sql`AND c.id = ANY(${scope.ids}::text[])` : Prisma.empty;
  return Prisma.sql`
    SELECT c.id, c."createdAt", c."displayName", c."externalId", c.phone, c."lifecycleStage" AS stage, c."sentimentLabel" AS label, c."npsClass" AS nps,
           ${needs.followers ? Prisma.sql`coalesce(f.followers, 0)` : Prisma.sql`0`}::int AS followers,
           ${needs.balance ? Prisma.sql`coalesce(pb.balance, 0)` : Prisma.sql`0`}::int AS balance,
           ${needs.balance ? Prisma.sql`coalesce(pb."lifetimeEarned", 0)` : Prisma.sql`0`}::int AS lifetime,
           ${needs.earned ? Prisma.sql`coalesce(earned.earned, 0)` : Prisma.sql`0`}::int AS earned
    FROM "Customer" c
    ${balanceJoin}
    ${followersJoin}
    ${earnedJoinSql}
    WHERE c."tenantId" = ${tenantId} AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL ${inScope}`;
}

function needsOf(filters: readonly SegmentFilter[]) {
  return {
    followers: filters.some((f) => f.minFollowers !== null),
    balance: filters.some((f) => f.minPoints !== null || f.minLifetimeEarned !== null),
    earned: filters.some((f) => f.tierId !== null),
  };
}

/**
 * ONE statement returning rows `{ segmentId, customerId }`: for each given segment, which of the
 * given customers are in it. The customers are read once (a CTE), then each segment's
 * conditions select from them. Customers of another tenant, unknown, erased or merged ids are in
 * no segment; a segment whose stored filter does not validate has no members.
 */
export function segmentMembershipSql(ctx: TenantContext, segments: readonly SegmentRef[], customerIds: readonly string[]): Prisma.Sql {
  const parsed = parseSegments(segments);
  const ids = [...new Set(customerIds)];
  if (parsed.length === 0 || ids.length === 0) return EMPTY;
  const rows = memberRows(ctx, { kind: "customers", ids }, needsOf(parsed.map((s) => s.filter)));
  const selects = parsed.map(
    // tenant-predicate-in: memberRows (the member CTE these select from)
    (s) => Prisma.sql`SELECT ${s.id}::text AS "segmentId", m.id AS "customerId" FROM member m WHERE ${filterPredicate(ctx, s.filter)}`,
  );
  // tenant-predicate-in: memberRows
  return Prisma.sql`WITH member AS MATERIALIZED (${rows})
    ${Prisma.join(selects, " UNION ALL ")}`;
}

/**
 * Runs segmentMembershipSql (one round trip, none when there is nothing to ask) and answers
 * segment id → ids of its members among `customerIds`. Every given segment has an entry.
 */
export async function loadSegmentMembership(
  db: Db | DbTx | SqlRunner,
  ctx: TenantContext,
  segments: readonly SegmentRef[],
  customerIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const membership = new Map<string, Set<string>>(segments.map((s) => [s.id, new Set<string>()]));
  if (segments.length === 0 || customerIds.length === 0) return membership;
  const run = typeof db === "function" ? db : prismaRunner(db);
  const rows = await run<{ segmentId: string; customerId: string }>(segmentMembershipSql(ctx, segments, customerIds));
  for (const row of rows) membership.get(row.segmentId)?.add(row.customerId);
  return membership;
}

/** The stored filters of some segments of a tenant (ids of other tenants are ignored). */
export async function loadSegmentRefs(db: Db | DbTx, ctx: TenantContext, segmentIds: readonly string[]): Promise<SegmentRef[]> {
  const ids = [...new Set(segmentIds)];
  if (ids.length === 0) return [];
  return db.segment.findMany({ where: { tenantId: ctx.tenantId, id: { in: ids } }, select: { id: true, filter: true } });
}

/** Member counts of several segments over the whole tenant, in one statement (one pass over its customers). */
export function segmentMemberCountsSql(ctx: TenantContext, segments: readonly SegmentRef[]): Prisma.Sql {
  const parsed = parseSegments(segments);
  // no-tenant-data: an empty result, no table is read
  if (parsed.length === 0) return Prisma.sql`SELECT NULL::text AS "segmentId", 0::int AS members WHERE false`;
  const rows = memberRows(ctx, { kind: "tenant", followersVia: "grouped" }, needsOf(parsed.map((s) => s.filter)));
  const selects = parsed.map(
    // tenant-predicate-in: memberRows (the member CTE these select from)
    (s) => Prisma.sql`SELECT ${s.id}::text AS "segmentId", count(*)::int AS members FROM member m WHERE ${filterPredicate(ctx, s.filter)}`,
  );
  // tenant-predicate-in: memberRows
  return Prisma.sql`WITH member AS MATERIALIZED (${rows})
    ${Prisma.join(selects, " UNION ALL ")}`;
}

/**
 * The ids of a segment's members now, as a subquery for another statement (the inbox's segment
 * filter: `m."customerId" IN (…)`). The planner may read it as a semi-join: the members first,
 * then their mentions by (tenantId, customerId), or a hashed list checked along another index.
 * Its alias `m` is its own: it shadows any outer `m` inside the parentheses only.
 */
export function segmentMemberIdsSql(ctx: TenantContext, segment: SegmentRef): Prisma.Sql {
  const [parsed] = parseSegments([segment]);
  // no-tenant-data: a stored filter that does not validate has no members, no table is read
  if (!parsed) return Prisma.sql`SELECT NULL::text AS id WHERE false`;
  const rows = memberRows(ctx, { kind: "tenant", followersVia: "grouped" }, needsOf([parsed.filter]));
  // tenant-predicate-in: memberRows
  return Prisma.sql`SELECT m.id FROM (${rows}) m WHERE ${filterPredicate(ctx, parsed.filter)}`;
}

export interface SegmentMemberRow {
  id: string;
  displayName: string;
  stage: string;
  label: string | null;
  followers: number;
  balance: number;
  lifetime: number;
}

/** One page of a segment's members, newest customers first; the single-segment query is left to the planner (not materialized). */
export function segmentMembersPageSql(ctx: TenantContext, filter: SegmentFilter, page: { limit: number; offset: number }): Prisma.Sql {
  const rows = memberRows(ctx, { kind: "tenant", followersVia: "lateral" }, { followers: true, balance: true, earned: filter.tierId !== null });
  // tenant-predicate-in: memberRows
  return Prisma.sql`SELECT m.id, m."displayName", m.stage::text AS stage, m.label::text AS label, m.followers, m.balance, m.lifetime
    FROM (${rows}) m
    WHERE ${filterPredicate(ctx, filter)}
    ORDER BY m."createdAt" DESC, m.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
}
