import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { ZInboxArrivalsQuery, type InboxArrivalsQuery } from "./inbox.schemas";
import { inboxConditions } from "./list-inbox";

/** Counted up to this many: the banner says "99+" past it, and an open inbox never counts a flood. */
export const ARRIVALS_CAP = 99;
/**
 * Only posts made at most this long before the page was drawn are looked at, so each poll reads a
 * narrow slice of the (tenantId, postedAt) index. A post the network hands over later than that is
 * still listed; it is just not announced.
 */
const POSTED_WINDOW_MS = 24 * 3_600_000;

/**
 * How many mentions matching the inbox's filters were collected since the page was drawn: what
 * an open inbox polls for, to offer "N new mentions" without a reload.
 */
export async function countInboxArrivals(ctx: TenantContext, raw: InboxArrivalsQuery): Promise<{ newer: number; capped: boolean }> {
  assertCan(ctx, "mentions:read");
  const { since: sinceText, ...filters } = ZInboxArrivalsQuery.parse(raw);
  const since = new Date(sinceText);
  const conditions = await inboxConditions(ctx, filters);
  const extra = conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const [row] = await getDb().$queryRaw<{ newer: number }[]>(Prisma.sql`
    SELECT count(*)::int AS newer FROM (
      SELECT 1 FROM "Mention" m
      WHERE m."tenantId" = ${ctx.tenantId} AND m."postedAt" > ${new Date(since.getTime() - POSTED_WINDOW_MS)} AND m."createdAt" > ${since} ${extra}
      LIMIT ${ARRIVALS_CAP + 1}
    ) arrivals`);
  const newer = row?.newer ?? 0;
  return { newer: Math.min(newer, ARRIVALS_CAP), capped: newer > ARRIVALS_CAP };
}
