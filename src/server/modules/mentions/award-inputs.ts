import type { TenantContext } from "../../auth/tenant-context";
import { Prisma } from "../../db/generated/client";
import type { SqlRunner } from "../../db/raw-sql";
import { loadSegmentMembership } from "../segments/segment-membership";
import { loadAwardedToday, type ScoringContext } from "./scoring-inputs";

export interface AwardInputs {
  awardedToday: Map<string, number>;
  inSegment?: (customerId: string, segmentId: string) => boolean;
}

/**
 * What scoring needs to know about the customers of a batch beyond the cached rules and
 * campaigns: today's points under capped rules, and membership of the segments campaigns
 * target (as of now). Each query runs only when a rule or campaign needs it, so the common page
 * costs no extra round trip.
 *
 * With a capped rule, the caller MUST be inside a transaction that also writes the awards: the
 * customers are locked first (lockCustomersForCaps), so two pages of one customer committing
 * together cannot both spend what is left of the same day's cap.
 */
export async function loadAwardInputs(run: SqlRunner, ctx: TenantContext, context: ScoringContext, customerIds: string[], now: Date): Promise<AwardInputs> {
  const capped = context.rules.filter((r) => r.dailyCap !== null).map((r) => r.id);
  if (capped.length) await lockCustomersForCaps(run, ctx, customerIds);
  const awardedToday = capped.length ? await loadAwardedToday(run, ctx, customerIds, capped, now) : new Map<string, number>();
  if (context.segments.length === 0) return { awardedToday };
  const membership = await loadSegmentMembership(run, ctx, context.segments, customerIds);
  return { awardedToday, inSegment: (customerId, segmentId) => membership.get(segmentId)?.has(customerId) ?? false };
}

/** Whether awards under these rules need loadAwardInputs to run inside the writing transaction. */
export function capsNeedTransaction(context: ScoringContext): boolean {
  return context.rules.some((r) => r.dailyCap !== null);
}

/**
 * Transaction-scoped advisory locks, one per customer, taken in one order by every writer (so no
 * deadlock): a second page of the same customer waits for the first to commit, then reads today's
 * totals afresh. Held until the caller's transaction ends.
 */
export async function lockCustomersForCaps(run: SqlRunner, ctx: TenantContext, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  // no-tenant-data: advisory locks only (their keys are tenant-qualified), no table is read
  await run(Prisma.sql`
    SELECT count(pg_advisory_xact_lock(${CAP_LOCK_NAMESPACE}::int, k))::int AS locked
    FROM (SELECT DISTINCT hashtext(${ctx.tenantId} || ':' || c) AS k FROM unnest(${customerIds}::text[]) AS c ORDER BY k) locks`);
}

/** First key of the two-key advisory locks (the second is the customer's hash): daily caps. */
const CAP_LOCK_NAMESPACE = 4_242_001;
