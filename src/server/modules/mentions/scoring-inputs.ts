import type { TenantContext } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { SqlRunner } from "../../db/raw-sql";
import { getEnv } from "../../env";
import type { Network, RuleAction } from "../../db/generated/enums";
import { CAMPAIGN_SELECT, toScoringCampaign } from "../campaigns/campaign.mapper";
import type { ScoringCampaign, ScoringRule } from "../scoring/score-mention";
import { awardedKey } from "./plan-awards";
import { loadSegmentRefs, type SegmentRef } from "../segments/segment-membership";
import { POINT_RULE_SCORING_SELECT } from "../rules/point-rule.mapper";

/** The enabled rules that pay for `action` on `network`, stable order. */
export async function loadRules(tx: Db | DbTx, ctx: TenantContext, network: Network, action: RuleAction): Promise<ScoringRule[]> {
  return tx.pointRule.findMany({
    where: { tenantId: ctx.tenantId, network, action, enabled: true },
    select: POINT_RULE_SCORING_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

export interface ScoringContext {
  rules: ScoringRule[];
  /** Campaigns that may cover any mention still inside the search window; scoreAward picks per mention. */
  campaigns: ScoringCampaign[];
  /** The filters of the segments those campaigns target (membership is checked per batch). */
  segments: SegmentRef[];
  /** Whether any customer of the tenant could have awards shared (a linked profile holding a token). */
  sharingPossible: boolean;
}

const SEARCH_WINDOW_MS = 8 * 24 * 3600 * 1000;
const cache = new Map<string, { loadedAt: number; value: ScoringContext }>();

/**
 * Rules and campaigns for one tenant, network and action. Every page of every source needs them
 * and they change rarely, so each process keeps them for SCORING_CONTEXT_CACHE_MS (2 s by
 * default): a rule change applies to mentions ingested a moment later.
 */
export async function loadScoringContext(
  tx: Db | DbTx,
  ctx: TenantContext,
  network: Network,
  action: RuleAction,
  now: Date,
  span: { from: Date; to: Date },
): Promise<ScoringContext> {
  // Mentions older than the search window (a prospect credited when they link, weeks later)
  // need the campaigns of their own time: load those directly, uncached.
  if (span.from.getTime() < now.getTime() - SEARCH_WINDOW_MS || span.to.getTime() > now.getTime() + SEARCH_WINDOW_MS) {
    return loadContext(tx, ctx, network, action, span);
  }
  const ttl = getEnv().SCORING_CONTEXT_CACHE_MS;
  const key = `${ctx.tenantId}|${network}|${action}`;
  const hit = cache.get(key);
  if (hit && ttl > 0 && Date.now() - hit.loadedAt < ttl) return hit.value;
  const window = { from: new Date(now.getTime() - SEARCH_WINDOW_MS), to: new Date(now.getTime() + SEARCH_WINDOW_MS) };
  const value = await loadContext(tx, ctx, network, action, window);
  if (ttl > 0) cache.set(key, { loadedAt: Date.now(), value });
  return value;
}

async function loadContext(tx: Db | DbTx, ctx: TenantContext, network: Network, action: RuleAction, span: { from: Date; to: Date }): Promise<ScoringContext> {
  const [rules, campaigns, sharingPossible] = await Promise.all([
    loadRules(tx, ctx, network, action),
    loadCampaigns(tx, ctx, network, span.from, span.to),
    hasShareableProfiles(tx, ctx),
  ]);
  const segments = await loadSegmentRefs(
    tx,
    ctx,
    campaigns.flatMap((c) => (c.segmentId ? [c.segmentId] : [])),
  );
  return { rules, campaigns, segments, sharingPossible };
}

/** Cheap gate for the share step: most tenants' pages need no consent lookups at all. */
async function hasShareableProfiles(tx: Db | DbTx, ctx: TenantContext): Promise<boolean> {
  const found = await tx.socialProfile.findFirst({
    where: { tenantId: ctx.tenantId, status: "ACTIVE", customerId: { not: null }, accessTokenCiphertext: { not: null } },
    select: { id: true },
  });
  return found !== null;
}

/** Campaigns that overlap a time span. */
export async function loadCampaigns(tx: Db | DbTx, ctx: TenantContext, network: Network, from: Date, to: Date): Promise<ScoringCampaign[]> {
  const rows = await tx.campaign.findMany({
    where: { tenantId: ctx.tenantId, startsAt: { lte: to }, endsAt: { gt: from }, OR: [{ network: null }, { network }] },
    select: CAMPAIGN_SELECT,
  });
  return rows.map(toScoringCampaign);
}

/** Points each customer already earned today (UTC) under each rule: the daily cap's base. */
export async function loadAwardedToday(run: SqlRunner, ctx: TenantContext, customerIds: string[], ruleIds: string[], now: Date): Promise<Map<string, number>> {
  if (customerIds.length === 0 || ruleIds.length === 0) return new Map();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = await run<{ customerId: string; ruleId: string; total: number }>(Prisma.sql`
    SELECT "customerId", "ruleId", sum(amount)::int AS total FROM "LedgerEntry"
    WHERE "tenantId" = ${ctx.tenantId} AND "customerId" = ANY(${customerIds}::text[]) AND "ruleId" = ANY(${ruleIds}::text[])
      AND "createdAt" >= ${dayStart} AND amount > 0
    GROUP BY "customerId", "ruleId"`);
  return new Map(rows.map((r) => [awardedKey(r.customerId, r.ruleId), r.total]));
}
