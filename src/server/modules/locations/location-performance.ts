import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import type { LocationFigures, LocationPerformanceRow, LocationPeriod, LocationWeek } from "./location-performance.schemas";

const DAY_MS = 24 * 3600 * 1000;

interface FigureRow {
  checkins: bigint;
  mentions: bigint;
  points: bigint | null;
  answers: bigint;
  promoters: bigint;
  detractors: bigint;
}

// A mention counts while it stands: deleted upstream or disqualified ones earned nothing (or were reversed).
const LIVE = Prisma.sql`m.status NOT IN ('DELETED', 'DISQUALIFIED')`;

/**
 * Each of the brand's locations over the last `days`: check-ins (Foursquare mentions tied to the
 * venue), other mentions tied to it, net points of the ledger entries paid for those (posted in
 * the period, reversals included), and NPS of the feedback answers given about it. Served by
 * Mention(tenantId, locationId, postedAt), FeedbackResponse(tenantId, locationId, createdAt) and
 * LedgerEntry(tenantId, mentionId).
 */
export async function listLocationPerformance(ctx: TenantContext, days: LocationPeriod, now = new Date()): Promise<LocationPerformanceRow[]> {
  assertCan(ctx, "mentions:read");
  const { tenantId } = ctx;
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  const rows = await getDb().$queryRaw<(FigureRow & { id: string; name: string; city: string | null })[]>(Prisma.sql`
    SELECT l.id, l.name, l.city, mm.checkins, mm.mentions, pts.points, fb.answers, fb.promoters, fb.detractors
    FROM "Location" l
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.network = 'FOURSQUARE') AS checkins, count(*) FILTER (WHERE m.network <> 'FOURSQUARE') AS mentions
      FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND m."locationId" = l.id AND m."postedAt" >= ${since}::timestamp AND ${LIVE}) mm
    CROSS JOIN LATERAL (
      SELECT sum(e.amount) AS points
      FROM "Mention" m JOIN "LedgerEntry" e ON e."tenantId" = ${tenantId} AND e."mentionId" = m.id
      WHERE m."tenantId" = ${tenantId} AND m."locationId" = l.id AND e."createdAt" >= ${since}::timestamp) pts
    CROSS JOIN LATERAL (
      SELECT count(*) AS answers, count(*) FILTER (WHERE f."npsClass" = 'PROMOTER') AS promoters, count(*) FILTER (WHERE f."npsClass" = 'DETRACTOR') AS detractors
      FROM "FeedbackResponse" f
      WHERE f."tenantId" = ${tenantId} AND f."locationId" = l.id AND f."createdAt" >= ${since}::timestamp) fb
    WHERE l."tenantId" = ${tenantId}
    ORDER BY l.name, l.id`);
  return rows.map((r) => ({ id: r.id, name: r.name, city: r.city, ...figures(r) }));
}

/** One location's figures over the period, and the same per week (Monday-based, UTC) for the trend chart. */
export async function getLocationPerformance(
  ctx: TenantContext,
  locationId: string,
  days: LocationPeriod,
  now = new Date(),
): Promise<{ location: { id: string; name: string; address: string | null; city: string | null }; weeks: LocationWeek[]; total: LocationFigures }> {
  assertCan(ctx, "mentions:read");
  const { tenantId } = ctx;
  const location = await getDb().location.findFirst({ where: { tenantId, id: locationId }, select: { id: true, name: true, address: true, city: true } });
  if (!location) throw AppError.notFound("location");
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  const weeks = await getDb().$queryRaw<(FigureRow & { week: Date })[]>(Prisma.sql`
    WITH weeks AS (
      SELECT generate_series(date_trunc('week', ${since}::timestamp), date_trunc('week', ${now.toISOString()}::timestamp), interval '1 week') AS week
    ), mm AS (
      SELECT date_trunc('week', m."postedAt") AS week,
             count(*) FILTER (WHERE m.network = 'FOURSQUARE') AS checkins, count(*) FILTER (WHERE m.network <> 'FOURSQUARE') AS mentions
      FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND m."locationId" = ${locationId} AND m."postedAt" >= ${since}::timestamp AND ${LIVE}
      GROUP BY 1
    ), pts AS (
      SELECT date_trunc('week', e."createdAt") AS week, sum(e.amount) AS points
      FROM "Mention" m JOIN "LedgerEntry" e ON e."tenantId" = ${tenantId} AND e."mentionId" = m.id
      WHERE m."tenantId" = ${tenantId} AND m."locationId" = ${locationId} AND e."createdAt" >= ${since}::timestamp
      GROUP BY 1
    ), fb AS (
      SELECT date_trunc('week', f."createdAt") AS week, count(*) AS answers,
             count(*) FILTER (WHERE f."npsClass" = 'PROMOTER') AS promoters, count(*) FILTER (WHERE f."npsClass" = 'DETRACTOR') AS detractors
      FROM "FeedbackResponse" f
      WHERE f."tenantId" = ${tenantId} AND f."locationId" = ${locationId} AND f."createdAt" >= ${since}::timestamp
      GROUP BY 1
    )
    SELECT w.week, coalesce(mm.checkins, 0) AS checkins, coalesce(mm.mentions, 0) AS mentions, pts.points,
           coalesce(fb.answers, 0) AS answers, coalesce(fb.promoters, 0) AS promoters, coalesce(fb.detractors, 0) AS detractors
    FROM weeks w LEFT JOIN mm USING (week) LEFT JOIN pts USING (week) LEFT JOIN fb USING (week)
    ORDER BY w.week`);
  const sum = (k: keyof FigureRow) => weeks.reduce((acc, w) => acc + BigInt(w[k] ?? 0n), 0n);
  const total = figures({
    checkins: sum("checkins"),
    mentions: sum("mentions"),
    points: sum("points"),
    answers: sum("answers"),
    promoters: sum("promoters"),
    detractors: sum("detractors"),
  });
  return { location, weeks: weeks.map((w) => ({ weekStart: w.week, ...figures(w) })), total };
}

function figures(r: FigureRow): LocationFigures {
  const answers = Number(r.answers);
  return {
    checkins: Number(r.checkins),
    mentions: Number(r.mentions),
    points: Number(r.points ?? 0),
    feedbackAnswers: answers,
    nps: answers === 0 ? null : Math.round(((Number(r.promoters) - Number(r.detractors)) / answers) * 100),
  };
}
