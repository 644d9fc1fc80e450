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
 */
export async function loadAwardInputs(run: SqlRunner, tenantId: string, context: ScoringContext, customerIds: string[], now: Date): Promise<AwardInputs> {
  const capped = context.rules.filter((r) => r.dailyCap !== null).map((r) => r.id);
  const awardedToday = capped.length ? await loadAwardedToday(run, tenantId, customerIds, capped, now) : new Map<string, number>();
  if (context.segments.length === 0) return { awardedToday };
  const membership = await loadSegmentMembership(run, tenantId, context.segments, customerIds);
  return { awardedToday, inSegment: (customerId, segmentId) => membership.get(segmentId)?.has(customerId) ?? false };
}
