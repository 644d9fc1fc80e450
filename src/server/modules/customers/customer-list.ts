import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { earnedJoin, tenantPeriodUntilNow } from "../tiers/earned-in-period";
import { customerTierStatuses } from "../tiers/tier-status";
import { CUSTOMER_SELECT, toCustomerDto } from "./customer.mapper";
import { balanceSql, customerSearchSql, maxFollowersSql } from "./customer-search";
import { AppError } from "../../errors";
import { afterCursorSql, decodeCustomerCursor, encodeCustomerCursor, ZCustomerPageQuery, type CustomerPageQuery } from "./customer-cursor";
import { ZCustomerListQuery, type CustomerDto, type CustomerListQuery, type CustomerSort } from "./customer.schemas";

export interface CustomerListRow {
  customer: CustomerDto;
  points: number;
  /** The tier the customer's points earned in the brand's period reach; null below the lowest (or no tiers). */
  tier: string | null;
  npsClass: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
  /** Their newest ledger entry, mention or feedback answer; null when there is none. */
  lastActivityAt: string | null;
}

export interface CustomerListPage<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  sort: CustomerSort;
  dir: "asc" | "desc";
  /** After this page, in the same order; null on the last page. */
  nextCursor: string | null;
}

/** Text columns read best A→Z; figures and dates biggest or newest first. */
const DEFAULT_DIR: Record<CustomerSort, "asc" | "desc"> = {
  name: "asc",
  email: "asc",
  stage: "desc",
  sentiment: "asc",
  nps: "asc",
  points: "desc",
  tier: "desc",
  activity: "desc",
  added: "desc",
};

/** The customer's newest activity: each max is one backwards step on a (tenantId, customerId, time) index. */
function lastActivitySql(tenantId: string): Prisma.Sql {
  return Prisma.sql`GREATEST(
    (SELECT max(e."createdAt") FROM "LedgerEntry" e WHERE e."tenantId" = ${tenantId} AND e."customerId" = c.id),
    (SELECT max(m."postedAt") FROM "Mention" m WHERE m."tenantId" = ${tenantId} AND m."customerId" = c.id),
    (SELECT max(f."createdAt") FROM "FeedbackResponse" f WHERE f."tenantId" = ${tenantId} AND f."customerId" = c.id)
  )`;
}

/** What to join and order by for a sort column; joins are added only for the column that needs them. */
function sortOf(ctx: TenantContext, sort: CustomerSort): { join: Prisma.Sql; expr: Prisma.Sql; type: Prisma.Sql } {
  const tenantId = ctx.tenantId;
  const none = Prisma.empty;
  const text = Prisma.raw("text");
  const int = Prisma.raw("integer");
  const time = Prisma.raw("timestamp(3)");
  switch (sort) {
    case "name":
      // People read "bob" between "Ann" and "Cat", whatever the database's collation.
      return { join: none, expr: Prisma.sql`lower(c."displayName")`, type: text };
    case "email":
      return {
        join: none,
        expr: Prisma.sql`(SELECT min(ce.email) FROM "CustomerEmail" ce WHERE ce."tenantId" = ${tenantId} AND ce."customerId" = c.id AND ce."isPrimary")`,
        type: text,
      };
    case "stage":
      return { join: none, expr: Prisma.sql`c."lifecycleStage"`, type: Prisma.raw(`"LifecycleStage"`) };
    case "sentiment":
      return { join: none, expr: Prisma.sql`c."sentimentLabel"`, type: Prisma.raw(`"SentimentLabel"`) };
    case "nps":
      return { join: none, expr: Prisma.sql`c."npsClass"`, type: Prisma.raw(`"NpsClass"`) };
    case "points":
      return {
        join: Prisma.sql`LEFT JOIN "PointBalance" pb ON pb."tenantId" = ${tenantId} AND pb."customerId" = c.id`,
        expr: Prisma.sql`coalesce(pb.balance, 0)`,
        type: int,
      };
    case "tier":
      // A tier is a threshold on points earned in the brand's period: ordering by those points orders by tier.
      return { join: earnedJoin(ctx, tenantPeriodUntilNow(ctx), "grouped"), expr: Prisma.sql`coalesce(earned.earned, 0)`, type: int };
    case "activity":
      return { join: none, expr: lastActivitySql(tenantId), type: time };
    case "added":
      return { join: none, expr: Prisma.sql`c."createdAt"`, type: time };
    default: {
      const unreachable: never = sort;
      throw new Error(`unknown sort ${String(unreachable)}`);
    }
  }
}

/** The list's filters as SQL on `c` (also the customers export's, customer-export.ts). */
export function customerFilterSql(ctx: TenantContext, query: ReturnType<typeof ZCustomerListQuery.parse>): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (query.stage) parts.push(Prisma.sql`AND c."lifecycleStage" = ${query.stage}::"LifecycleStage"`);
  if (query.sentiment === "UNLABELLED") parts.push(Prisma.sql`AND c."sentimentLabel" IS NULL`);
  else if (query.sentiment) parts.push(Prisma.sql`AND c."sentimentLabel" = ${query.sentiment}::"SentimentLabel"`);
  // The overview's "new linked customers": the day the customer linked a first account.
  if (query.linkedFrom) parts.push(Prisma.sql`AND c."firstLinkedAt" >= ${query.linkedFrom}::date`);
  if (query.linkedTo) parts.push(Prisma.sql`AND c."firstLinkedAt" < (${query.linkedTo}::date + 1)`);
  if (query.q) parts.push(Prisma.sql`AND ${customerSearchSql(ctx, query.q, "c")}`);
  if (query.minFollowers !== undefined) parts.push(Prisma.sql`AND ${maxFollowersSql(ctx, "c")} >= ${query.minFollowers}::int`);
  if (query.minPoints !== undefined) parts.push(Prisma.sql`AND ${balanceSql(ctx, "c")} >= ${query.minPoints}::int`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/**
 * One page of live customers (merged-away and erased ones are history, not list entries), filtered
 * and sorted by any column on the server, with the total: by `page` (offset, like the page before
 * it) or after a `cursor` (keyset on the sort key and the id, customer-cursor.ts). `nextCursor`
 * continues after this page, null on the last one.
 */
export async function findCustomerPage(
  ctx: TenantContext,
  rawQuery: CustomerPageQuery,
): Promise<CustomerListPage<CustomerDto & { npsClass: CustomerListRow["npsClass"] }>> {
  assertCan(ctx, "customers:read");
  const query = ZCustomerPageQuery.parse(rawQuery);
  const sort = query.sort ?? "added";
  const dir = query.dir ?? DEFAULT_DIR[sort];
  const { join, expr, type } = sortOf(ctx, sort);
  const filters = customerFilterSql(ctx, query);
  const order = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  const live = Prisma.sql`c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`;
  const cursor = query.cursor === undefined ? null : decodeCustomerCursor(query.cursor);
  if (cursor && (cursor.sort !== sort || cursor.dir !== dir)) {
    throw new AppError("VALIDATION_FAILED", "the cursor belongs to another order", {
      issues: [{ path: "cursor", message: `it continues sort=${cursor.sort}&dir=${cursor.dir}: send those with it` }],
    });
  }
  const after = cursor ? afterCursorSql(cursor, expr, type) : Prisma.empty;
  const offset = cursor ? 0 : (query.page - 1) * query.pageSize;
  const db = getDb();
  const [keyRows, countRows] = await Promise.all([
    // One row more than the page: whether a next page exists.
    db.$queryRaw<{ id: string; sortKey: string | null }[]>(Prisma.sql`
      SELECT c.id, (${expr})::text AS "sortKey" FROM "Customer" c ${join}
      WHERE c."tenantId" = ${ctx.tenantId} AND ${live} ${filters} ${after}
      ORDER BY ${expr} ${order} NULLS LAST, c.id ${order}
      OFFSET ${offset} LIMIT ${query.pageSize + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "Customer" c WHERE c."tenantId" = ${ctx.tenantId} AND ${live} ${filters}`),
  ]);
  const pageRows = keyRows.slice(0, query.pageSize);
  const ids = pageRows.map((r) => r.id);
  const rows = ids.length
    ? await db.customer.findMany({ where: { tenantId: ctx.tenantId, id: { in: ids } }, select: { ...CUSTOMER_SELECT, npsClass: true } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...toCustomerDto(row), npsClass: row.npsClass }] : [];
  });
  const last = pageRows.at(-1);
  const nextCursor = keyRows.length > query.pageSize && last ? encodeCustomerCursor({ sort, dir, key: last.sortKey, id: last.id }) : null;
  return { items, total: countRows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize, sort, dir, nextCursor };
}

/** The customers list with its figures: points, tier, NPS class and last activity, read for the page's customers only. */
export async function listCustomerRows(ctx: TenantContext, rawQuery: CustomerListQuery, now = new Date()): Promise<CustomerListPage<CustomerListRow>> {
  assertCan(ctx, "ledger:read");
  const page = await findCustomerPage(ctx, rawQuery);
  const ids = page.items.map((c) => c.id);
  if (ids.length === 0) return { ...page, items: [] };
  const db = getDb();
  const [balances, tiers, activity] = await Promise.all([
    db.pointBalance.findMany({ where: { tenantId: ctx.tenantId, customerId: { in: ids } }, select: { customerId: true, balance: true } }),
    customerTierStatuses(ctx, ids, now),
    db.$queryRaw<{ id: string; lastActivity: Date | null }[]>(Prisma.sql`
      SELECT c.id, ${lastActivitySql(ctx.tenantId)} AS "lastActivity"
      FROM "Customer" c WHERE c."tenantId" = ${ctx.tenantId} AND c.id = ANY(${ids}::text[])`),
  ]);
  const points = new Map(balances.map((b) => [b.customerId, b.balance]));
  const last = new Map(activity.map((a) => [a.id, a.lastActivity]));
  return {
    ...page,
    items: page.items.map(({ npsClass, ...customer }) => ({
      customer,
      points: points.get(customer.id) ?? 0,
      tier: tiers.get(customer.id)?.tier?.name ?? null,
      npsClass,
      lastActivityAt: last.get(customer.id)?.toISOString() ?? null,
    })),
  };
}
