import type { DbTx } from "../../db/client";
import type { Network, RuleAction } from "../../db/generated/enums";
import { postLedgerEntries } from "../ledger/post-entries";
import type { NewLedgerEntry, PostedLedgerEntry } from "../ledger/ledger.types";
import { scoreAward } from "../scoring/score-mention";
import type { SentimentResult } from "../scoring/sentiment";
import { awardedKey, loadAwardedToday, loadScoringContext } from "./scoring-inputs";

export interface AwardableMention {
  mentionId: string;
  externalId: string;
  customerId: string;
  followers: number;
  sentiment: SentimentResult;
  postedAt: Date;
}

export interface AwardOutcome {
  creditedMentionIds: string[];
  /** The entries that took effect (duplicates excluded), e.g. to share them. */
  posted: PostedLedgerEntry[];
  /** False when no customer of the tenant could have an award shared: skip the share step. */
  sharingPossible: boolean;
  pointsAwarded: number;
  entriesPosted: number;
}

/** The idempotency key of a mention award: one payment per mention and rule, ever. */
export function mentionAwardKey(network: Network, externalId: string, ruleId: string): string {
  return `mention:${network}:${externalId}:${ruleId}`;
}

/**
 * Scores newly stored mentions of customers under every enabled MENTION rule of the network and
 * appends the awards, inside the caller's transaction. Mentions of one customer in the batch
 * count toward the daily cap in posting order.
 */
export async function awardMentions(
  tx: DbTx,
  tenantId: string,
  network: Network,
  mentions: AwardableMention[],
  now = new Date(),
  action: Extract<RuleAction, "MENTION" | "CHECKIN"> = "MENTION",
): Promise<AwardOutcome> {
  if (mentions.length === 0) return { creditedMentionIds: [], posted: [], pointsAwarded: 0, entriesPosted: 0, sharingPossible: false };
  const times = mentions.map((m) => m.postedAt.getTime());
  const span = { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) };
  const { rules, campaigns, sharingPossible } = await loadScoringContext(tx, tenantId, network, action, now, span);
  if (rules.length === 0) return { creditedMentionIds: [], posted: [], pointsAwarded: 0, entriesPosted: 0, sharingPossible: false };
  // Today's totals matter only for capped rules; skip the query when none is capped.
  const capped = rules.filter((r) => r.dailyCap !== null);
  const awardedToday = capped.length
    ? await loadAwardedToday(tx, tenantId, [...new Set(mentions.map((m) => m.customerId))], capped.map((r) => r.id), now)
    : new Map<string, number>();
  const entries: NewLedgerEntry[] = [];
  for (const mention of [...mentions].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime())) {
    for (const rule of rules) {
      const key = awardedKey(mention.customerId, rule.id);
      const result = scoreAward({
        rule,
        followers: mention.followers,
        sentiment: mention.sentiment,
        at: mention.postedAt,
        campaigns,
        awardedTodayForRule: awardedToday.get(key) ?? 0,
      });
      if (result.points <= 0) continue;
      awardedToday.set(key, (awardedToday.get(key) ?? 0) + result.points);
      entries.push({
        customerId: mention.customerId,
        amount: result.points,
        source: action,
        idempotencyKey: mentionAwardKey(network, mention.externalId, rule.id),
        ruleId: rule.id,
        mentionId: mention.mentionId,
        campaignId: result.explanation.campaign?.id ?? null,
        explanation: result.explanation,
      });
    }
  }
  const posted = await postLedgerEntries(tx, tenantId, entries);
  const byKey = new Map(entries.map((e) => [e.idempotencyKey, e.mentionId!]));
  const credited = new Set(posted.map((p) => byKey.get(p.idempotencyKey)!));
  return {
    creditedMentionIds: [...credited],
    posted,
    sharingPossible,
    pointsAwarded: posted.reduce((sum, p) => sum + p.amount, 0),
    entriesPosted: posted.length,
  };
}
