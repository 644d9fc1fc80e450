import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import type { Network, RuleAction } from "../../db/generated/enums";
import { prismaRunner } from "../../db/raw-sql";
import { postLedgerEntries } from "../ledger/post-entries";
import type { PostedLedgerEntry } from "../ledger/ledger.types";
import { planAwards, type AwardCandidate } from "./plan-awards";
import { loadAwardInputs } from "./award-inputs";
import { loadScoringContext } from "./scoring-inputs";

export interface AwardableMention extends AwardCandidate {
  mentionId: string;
}

export interface AwardOutcome {
  creditedMentionIds: string[];
  /** The entries that took effect (duplicates excluded), e.g. to share them. */
  posted: PostedLedgerEntry[];
  pointsAwarded: number;
  entriesPosted: number;
}

/**
 * Scores mentions that are already stored (a prospect's earlier mentions, credited when they
 * link) and appends the awards inside the caller's transaction. The ingest path plans with the
 * same `planAwards` but writes mentions and awards in one statement (ingest-mention-page.ts).
 */
export async function awardMentions(
  tx: DbTx,
  ctx: TenantContext,
  network: Network,
  mentions: AwardableMention[],
  now = new Date(),
  action: Extract<RuleAction, "MENTION" | "CHECKIN"> = "MENTION",
): Promise<AwardOutcome> {
  const none: AwardOutcome = { creditedMentionIds: [], posted: [], pointsAwarded: 0, entriesPosted: 0 };
  if (mentions.length === 0) return none;
  const context = await loadScoringContext(tx, ctx, network, action, now, postedSpan(mentions));
  if (context.rules.length === 0) return none;
  const inputs = await loadAwardInputs(prismaRunner(tx), ctx, context, [...new Set(mentions.map((m) => m.customerId))], now);
  const planned = planAwards({ network, action, rules: context.rules, campaigns: context.campaigns, ...inputs }, mentions);
  const posted = await postLedgerEntries(tx, ctx, planned);
  const byKey = new Map(planned.map((e) => [e.idempotencyKey, e.mentionId!]));
  const credited = new Set(posted.map((p) => byKey.get(p.idempotencyKey)!));
  return {
    creditedMentionIds: [...credited],
    posted,
    pointsAwarded: posted.reduce((sum, p) => sum + p.amount, 0),
    entriesPosted: posted.length,
  };
}

export function postedSpan(mentions: readonly { postedAt: Date }[]): { from: Date; to: Date } {
  const times = mentions.map((m) => m.postedAt.getTime());
  return { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) };
}
