import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import type { Network, RuleAction } from "../../db/generated/enums";
import { postLedgerEntries } from "../ledger/post-entries";
import type { NewLedgerEntry, PostedLedgerEntry } from "../ledger/ledger.types";
import { prismaRunner } from "../../db/raw-sql";
import { awardedKey } from "../mentions/plan-awards";
import { lockCustomersForCaps } from "../mentions/award-inputs";
import { loadAwardedToday, loadCampaigns, loadRules } from "../mentions/scoring-inputs";
import { scoreAward } from "../scoring/score-mention";
import { loadSegmentMembership, loadSegmentRefs } from "../segments/segment-membership";

/** Something a customer did once that rules of `action` pay for (linking an account, a share posted). */
export interface OneOffAction {
  action: Extract<RuleAction, "LINK_ACCOUNT" | "SHARE">;
  network: Network;
  customerId: string;
  /** The audience of the account involved: the rule's influence curve applies to it. */
  followers: number;
  /** The idempotency key per rule: what makes the award once, ever. */
  key: (ruleId: string) => string;
  /** Stored in the explanation, e.g. "linked @fan (account 123)". */
  note: string;
  /** Whether rules' daily caps apply (an action that can happen many times a day, like a share). */
  dailyCaps: boolean;
}

export interface ActionPayout {
  /** Entries that took effect now (none when every rule had already paid). */
  posted: PostedLedgerEntry[];
  pointsAwarded: number;
}

const NEUTRAL = { score: 0, label: "PASSIVE" } as const;

/**
 * Pays the enabled rules of an action that happens once, inside the caller's transaction:
 * scoreAward with the account's followers (the influence curve applies) and the best campaign
 * running now (segment campaigns when the customer is in the segment). There is no text of the
 * customer's, so sentiment minimums do not apply (the rules service refuses them on such rules;
 * older rules that still carry one are scored without it); daily caps apply when `dailyCaps`.
 */
export async function payOneOffAction(tx: DbTx, ctx: TenantContext, act: OneOffAction, now: Date): Promise<ActionPayout> {
  const rules = await loadRules(tx, ctx, act.network, act.action);
  if (rules.length === 0) return { posted: [], pointsAwarded: 0 };
  const campaigns = await loadCampaigns(tx, ctx, act.network, now, now);
  const segmentIds = campaigns.flatMap((c) => (c.segmentId ? [c.segmentId] : []));
  const membership = segmentIds.length
    ? await loadSegmentMembership(tx, ctx, await loadSegmentRefs(tx, ctx, segmentIds), [act.customerId])
    : new Map<string, Set<string>>();
  const inSegment = (segmentId: string) => membership.get(segmentId)?.has(act.customerId) ?? false;

  const capped = act.dailyCaps ? rules.filter((r) => r.dailyCap !== null).map((r) => r.id) : [];
  if (capped.length) await lockCustomersForCaps(prismaRunner(tx), ctx, [act.customerId]);
  const awardedToday = capped.length ? await loadAwardedToday(prismaRunner(tx), ctx, [act.customerId], capped, now) : new Map<string, number>();

  const entries: NewLedgerEntry[] = [];
  for (const rule of rules) {
    const result = scoreAward({
      rule: { ...rule, minSentiment: null, dailyCap: act.dailyCaps ? rule.dailyCap : null },
      followers: act.followers,
      sentiment: NEUTRAL,
      at: now,
      campaigns,
      inSegment,
      awardedTodayForRule: awardedToday.get(awardedKey(act.customerId, rule.id)) ?? 0,
    });
    if (result.points <= 0) continue;
    // No text was scored: the sentiment part of the explanation would only confuse.
    const { sentiment: _sentiment, ...explanation } = result.explanation;
    entries.push({
      customerId: act.customerId,
      amount: result.points,
      source: act.action,
      idempotencyKey: act.key(rule.id),
      ruleId: rule.id,
      campaignId: explanation.campaign?.id ?? null,
      explanation: { ...explanation, note: act.note },
    });
  }
  const posted = await postLedgerEntries(tx, ctx, entries);
  return { posted, pointsAwarded: posted.reduce((sum, p) => sum + p.amount, 0) };
}
