import type { Network, RuleAction } from "../../db/generated/enums";
import type { NewLedgerEntry } from "../ledger/ledger.types";
import { scoreAward, type ScoringCampaign, type ScoringRule } from "../scoring/score-mention";
import type { SentimentResult } from "../scoring/sentiment";

/** A stored (or about to be stored) post of a customer that may earn points. */
export interface AwardCandidate {
  externalId: string;
  customerId: string;
  followers: number;
  sentiment: SentimentResult;
  postedAt: Date;
  /** Known when the mention is already stored; the ingest statement fills it in on insert. */
  mentionId?: string | null;
}

export interface PlannedAward extends NewLedgerEntry {
  externalId: string;
}

export interface AwardPlanInput {
  network: Network;
  action: Extract<RuleAction, "MENTION" | "CHECKIN">;
  rules: readonly ScoringRule[];
  campaigns: readonly ScoringCampaign[];
  /** Points each customer already earned today per rule (keys from awardedKey). */
  awardedToday: ReadonlyMap<string, number>;
  /** Segment membership of the candidates' customers (campaigns may target a segment). */
  inSegment?: (customerId: string, segmentId: string) => boolean;
}

/** The idempotency key of a mention award: one payment per post and rule, ever. */
export function mentionAwardKey(network: Network, externalId: string, ruleId: string): string {
  return `mention:${network}:${externalId}:${ruleId}`;
}

export function awardedKey(customerId: string, ruleId: string): string {
  return `${customerId}|${ruleId}`;
}

/**
 * Scores candidates under every rule, in posting order so one customer's posts in a batch count
 * toward the daily cap one after another. Pure: the caller loads the inputs and writes the result.
 */
export function planAwards(input: AwardPlanInput, candidates: readonly AwardCandidate[]): PlannedAward[] {
  const awardedToday = new Map(input.awardedToday);
  const planned: PlannedAward[] = [];
  const ordered = [...candidates].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  for (const candidate of ordered) {
    const inSegment = input.inSegment ? (segmentId: string) => input.inSegment!(candidate.customerId, segmentId) : undefined;
    for (const rule of input.rules) {
      const key = awardedKey(candidate.customerId, rule.id);
      const result = scoreAward({
        rule,
        followers: candidate.followers,
        sentiment: candidate.sentiment,
        at: candidate.postedAt,
        campaigns: input.campaigns,
        inSegment,
        awardedTodayForRule: awardedToday.get(key) ?? 0,
      });
      if (result.points <= 0) continue;
      awardedToday.set(key, (awardedToday.get(key) ?? 0) + result.points);
      planned.push({
        externalId: candidate.externalId,
        customerId: candidate.customerId,
        amount: result.points,
        source: input.action,
        idempotencyKey: mentionAwardKey(input.network, candidate.externalId, rule.id),
        ruleId: rule.id,
        mentionId: candidate.mentionId ?? null,
        campaignId: result.explanation.campaign?.id ?? null,
        explanation: result.explanation,
      });
    }
  }
  return planned;
}
