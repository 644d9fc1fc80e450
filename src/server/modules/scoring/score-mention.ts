import type { InfluenceCurve, Network, RuleAction } from "../../db/generated/enums";
import type { AwardExplanation } from "../ledger/ledger.types";
import { influenceMultiplier } from "./influence";
import type { SentimentResult } from "./sentiment";

/**
 * Pure scoring: how many points one action earns under one rule. No database, no clock — the
 * caller loads the rule, the applicable campaigns and today's points so far, and stores the
 * result (amount + explanation) in the ledger.
 */

/** The rule fields scoring reads; a PointRuleDto satisfies it. */
export interface ScoringRule {
  id: string;
  name: string;
  network: Network;
  action: RuleAction;
  basePoints: number;
  influenceCurve: InfluenceCurve;
  influenceFactor: number;
  maxMultiplier: number;
  dailyCap: number | null;
  minSentiment: number | null;
  enabled: boolean;
}

/** The campaign fields scoring reads; what loadCampaigns (mentions/scoring-inputs.ts) returns. */
export interface ScoringCampaign {
  id: string;
  name: string;
  multiplier: number;
  /** null: every network. */
  network: Network | null;
  startsAt: Date;
  /** Exclusive: a campaign runs while startsAt <= t < endsAt. */
  endsAt: Date;
  /** null: every customer. */
  segmentId: string | null;
}

export interface ScoreAwardInput {
  rule: ScoringRule;
  /** The author's follower count when the mention was collected (snapshot). */
  followers: number;
  /** Of the mention's text; for actions without text pass analyzeSentiment("") (neutral 0). */
  sentiment: SentimentResult;
  /** When the action happened; campaign windows are matched against it. */
  at: Date;
  /**
   * Candidate campaigns (loadCampaigns for the page's time span, so possibly wider). They are
   * filtered again here — window, network, segment — so passing a wider list is safe.
   */
  campaigns: readonly ScoringCampaign[];
  /** Whether the customer is in a segment; campaigns targeting a segment need it. Default: in none. */
  inSegment?: ((segmentId: string) => boolean) | undefined;
  /** Points this customer already earned today under this rule (for the daily cap). */
  awardedTodayForRule: number;
}

export type ScoreAwardResult =
  { points: number; skipped?: undefined; explanation: AwardExplanation } | { points: 0; skipped: string; explanation: AwardExplanation };

/** Numbers in formulas: at most 2 decimals, no trailing zeros ("2.35", "1.5", "10"). */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100 + 0);
}

/** A campaign applies when `at` is inside its window, its network matches (or is all), and the customer is in its segment (if any). */
export function campaignApplies(campaign: ScoringCampaign, at: Date, network: Network, inSegment: (segmentId: string) => boolean = () => false): boolean {
  const t = at.getTime();
  if (!(campaign.startsAt.getTime() <= t && t < campaign.endsAt.getTime())) return false;
  if (campaign.network !== null && campaign.network !== network) return false;
  if (campaign.segmentId !== null && !inSegment(campaign.segmentId)) return false;
  return true;
}

/**
 * The one campaign that counts: campaigns do not stack. The highest multiplier wins; ties go to
 * the campaign that started first, then to the smaller id, so the choice is deterministic.
 */
export function pickCampaign(
  campaigns: readonly ScoringCampaign[],
  at: Date,
  network: Network,
  inSegment?: (segmentId: string) => boolean,
): ScoringCampaign | null {
  let best: ScoringCampaign | null = null;
  for (const c of campaigns) {
    if (!campaignApplies(c, at, network, inSegment)) continue;
    if (
      !best ||
      c.multiplier > best.multiplier ||
      (c.multiplier === best.multiplier &&
        (c.startsAt.getTime() < best.startsAt.getTime() || (c.startsAt.getTime() === best.startsAt.getTime() && c.id < best.id)))
    ) {
      best = c;
    }
  }
  return best;
}

/**
 * The enabled rules for a network and action, in a stable order (name, then id). Each one pays
 * on its own — with its own daily cap — so a caller awards once per returned rule, keyed by
 * mention and rule.
 */
export function selectRule<R extends Pick<ScoringRule, "id" | "name" | "network" | "action" | "enabled">>(
  rules: readonly R[],
  network: Network,
  action: RuleAction,
): R[] {
  return rules
    .filter((r) => r.enabled && r.network === network && r.action === action)
    .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
}

/**
 * points = round(basePoints × influence × campaign), then limited by the daily cap.
 *
 * Rounding: to the nearest integer, halves up, on the decimal product (snapped to 6 decimals
 * before rounding, so floating-point noise never turns 10.5 into 10). All factors are ≥ 1, so
 * the result is at least basePoints. The influence multiplier is already rounded to 2 decimals,
 * so the formula in the explanation reproduces the amount exactly.
 *
 * Skipped (points 0, `skipped` says why): a disabled rule; a sentiment below the rule's
 * minimum (equal passes); nothing left under the daily cap.
 */
export function scoreAward(input: ScoreAwardInput): ScoreAwardResult {
  const { rule, sentiment } = input;
  const followers = Number.isFinite(input.followers) && input.followers > 0 ? Math.floor(input.followers) : 0;
  const explanation: AwardExplanation = {
    rule: { id: rule.id, name: rule.name, network: rule.network, action: rule.action, basePoints: rule.basePoints },
    followers,
    sentiment: { score: sentiment.score, label: sentiment.label, minimum: rule.minSentiment },
    formula: "",
  };

  if (!rule.enabled) return skip(explanation, "rule disabled", "0 (rule disabled)");
  if (rule.minSentiment !== null && sentiment.score < rule.minSentiment) {
    const reason = `sentiment ${formatNumber(sentiment.score)} is below the rule's minimum ${formatNumber(rule.minSentiment)}`;
    return skip(explanation, reason, `0 (${reason})`);
  }

  const influence = influenceMultiplier(followers, { curve: rule.influenceCurve, factor: rule.influenceFactor, max: rule.maxMultiplier });
  explanation.influence = { curve: rule.influenceCurve, factor: rule.influenceFactor, max: rule.maxMultiplier, multiplier: influence };
  const campaign = pickCampaign(input.campaigns, input.at, rule.network, input.inSegment);
  explanation.campaign = campaign ? { id: campaign.id, name: campaign.name, multiplier: campaign.multiplier } : null;

  // Snap to 6 decimals first: 3 × 1.4 × 2.5 is 10.499999999999998 in floating point, but 10.5.
  const product = Math.round(rule.basePoints * influence * (campaign?.multiplier ?? 1) * 1e6) / 1e6;
  const computed = Math.round(product);
  const terms = [formatNumber(rule.basePoints)];
  if (rule.influenceCurve !== "NONE") terms.push(`${formatNumber(influence)} influence`);
  if (campaign) terms.push(`${formatNumber(campaign.multiplier)} campaign`);
  const arithmetic = `${terms.join(" × ")} = ${computed}`;

  if (rule.dailyCap === null) {
    explanation.formula = arithmetic;
    return { points: computed, explanation };
  }
  const already = Number.isFinite(input.awardedTodayForRule) && input.awardedTodayForRule > 0 ? input.awardedTodayForRule : 0;
  const left = Math.max(0, rule.dailyCap - already);
  const points = Math.min(computed, left);
  if (points < computed) explanation.capsApplied = [`daily cap ${rule.dailyCap}: ${computed} → ${points}`];
  const formula = points < computed ? `${arithmetic} (daily cap ${rule.dailyCap}: ${left} left → ${points})` : arithmetic;
  if (points === 0) return skip(explanation, "daily cap reached", formula);
  explanation.formula = formula;
  return { points, explanation };
}

function skip(explanation: AwardExplanation, reason: string, formula: string): ScoreAwardResult {
  explanation.formula = formula;
  explanation.note = reason;
  return { points: 0, skipped: reason, explanation };
}
