import type { DbTx } from "../../../db/client";
import type { Network } from "../../../db/generated/enums";
import { postLedgerEntries } from "../../ledger/post-entries";
import type { NewLedgerEntry, PostedLedgerEntry } from "../../ledger/ledger.types";
import { scoreAward, type ScoringRule } from "../../scoring/score-mention";
import { loadSegmentMembership, loadSegmentRefs } from "../../segments/segment-membership";
import { loadCampaigns, loadRules } from "../scoring-inputs";

/**
 * Points for linking a social account (rules of action LINK_ACCOUNT), paid inside the linking
 * transaction.
 *
 * Once per account and rule, EVER: the idempotency key names the network, the account's id on
 * it and the rule — not the customer — so unlinking and linking again, or linking the same
 * account to another customer later, pays nothing more. Two links racing for one account: the
 * second waits on the ledger's unique key and then skips.
 *
 * Amount: scoreAward with the account's follower count at link time (the rule's influence
 * curve applies) and the best campaign running now for the network (segment campaigns when the
 * customer is in the segment). A link has no text and happens once, so sentiment minimums and
 * daily caps do not apply (the rules service refuses them on LINK_ACCOUNT rules; older rules
 * that still carry one are scored without it).
 */

export function linkAccountAwardKey(network: Network, externalUserId: string, ruleId: string): string {
  return `link:${network}:${externalUserId}:${ruleId}`;
}

export interface LinkedAccount {
  customerId: string;
  network: Network;
  externalUserId: string;
  handle: string;
  followers: number;
}

export interface LinkAccountPayout {
  /** Entries that took effect now (none when every rule had already paid for this account). */
  posted: PostedLedgerEntry[];
  pointsAwarded: number;
}

const NEUTRAL = { score: 0, label: "PASSIVE" } as const;

export async function payLinkAccountRules(tx: DbTx, tenantId: string, account: LinkedAccount, now: Date): Promise<LinkAccountPayout> {
  const rules: ScoringRule[] = await loadRules(tx, tenantId, account.network, "LINK_ACCOUNT");
  if (rules.length === 0) return { posted: [], pointsAwarded: 0 };

  const campaigns = await loadCampaigns(tx, tenantId, account.network, now, now);
  const segmentIds = campaigns.flatMap((c) => (c.segmentId ? [c.segmentId] : []));
  const membership = segmentIds.length
    ? await loadSegmentMembership(tx, tenantId, await loadSegmentRefs(tx, tenantId, segmentIds), [account.customerId])
    : new Map<string, Set<string>>();
  const inSegment = (segmentId: string) => membership.get(segmentId)?.has(account.customerId) ?? false;

  const entries: NewLedgerEntry[] = [];
  for (const rule of rules) {
    const result = scoreAward({
      rule: { ...rule, minSentiment: null, dailyCap: null },
      followers: account.followers,
      sentiment: NEUTRAL,
      at: now,
      campaigns,
      inSegment,
      awardedTodayForRule: 0,
    });
    if (result.points <= 0) continue;
    // A link has no text: the sentiment part of the explanation would only confuse.
    const { sentiment: _sentiment, ...explanation } = result.explanation;
    entries.push({
      customerId: account.customerId,
      amount: result.points,
      source: "LINK_ACCOUNT",
      idempotencyKey: linkAccountAwardKey(account.network, account.externalUserId, rule.id),
      ruleId: rule.id,
      campaignId: explanation.campaign?.id ?? null,
      explanation: { ...explanation, note: `linked @${account.handle} (account ${account.externalUserId})` },
    });
  }
  const posted = await postLedgerEntries(tx, tenantId, entries);
  return { posted, pointsAwarded: posted.reduce((sum, p) => sum + p.amount, 0) };
}
