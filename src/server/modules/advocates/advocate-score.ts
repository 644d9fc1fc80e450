import { Prisma } from "../../db/generated/client";

/**
 * The advocate score: how much a customer's own posts did for the brand in a period, with no
 * daily cap (points are capped per day; this is not, so customers who all hit the cap still rank).
 *
 *   score = Σ over the customer's counted mentions posted in the period of
 *           reach × tone × engagement, where
 *   reach      = 1 + log10(1 + author followers at collection)   (0 followers: 1; 1,000: ≈4; 1M: ≈7)
 *   tone       = (1 + sentiment) / 2, sentiment clamped to -1…1   (negative ≈0, neutral 0.5, positive 1)
 *   engagement = 1 + log10(1 + likes + reposts + replies + quotes)
 *
 * Counted mentions: attributed to the customer and neither DISQUALIFIED nor DELETED (the same set
 * the sentiment rollup reads). Logs keep one post by a celebrity from outweighing steady advocacy.
 * `mentionScore` is THE definition. Postgres keeps the same figure per mention in the generated
 * column `Mention."advocateScore"` (migration 20261205065700_mention_advocate_score), so ranking
 * sums a stored number from a covering index instead of scoring every mention of the period on
 * each request; tests/integration/advocates/advocate-leaderboard.test.ts checks the two agree.
 */
export const SCORE_EXPLANATION =
  "Score adds up, for each of the customer's own mentions in the period, 1 + log10(1 + followers) × tone (0 negative … 1 positive) × (1 + log10(1 + likes, reposts, replies and quotes)); it has no daily cap.";

export const COUNTED_MENTION_EXCLUDED = ["DISQUALIFIED", "DELETED"] as const;

/**
 * A counted mention of the row `m`, in SQL. Written with literals, not a bound array: the partial
 * covering index "Mention_tenantId_postedAt_counted_idx" has this predicate, and Postgres only
 * proves a query implies it from the same constants.
 */
export const COUNTED_MENTION_SQL = Prisma.raw(`m."customerId" IS NOT NULL AND m.status NOT IN (${COUNTED_MENTION_EXCLUDED.map((s) => `'${s}'`).join(", ")})`);

export interface ScoredMention {
  authorFollowers: number;
  /** -1…1; null (not analysed) counts as neutral. */
  sentimentScore: number | null;
  /** The network's public counts as stored on the mention (`likes`, `reposts`, `replies`, `quotes`); anything else is ignored. */
  metrics: unknown;
}

const ENGAGEMENT_KEYS = ["likes", "reposts", "replies", "quotes"] as const;

/** Counts past this are absurd; the column clamps to it too, so a hostile number cannot fail an insert. */
const MAX_COUNT = 1e15;

function engagementCount(metrics: unknown): number {
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) return 0;
  const record = metrics as Record<string, unknown>;
  return ENGAGEMENT_KEYS.reduce((sum, key) => {
    const value = record[key];
    return sum + (typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.min(value, MAX_COUNT) : 0);
  }, 0);
}

export function mentionScore(m: ScoredMention): number {
  const reach = 1 + Math.log10(1 + Math.max(0, m.authorFollowers));
  const sentiment = Math.min(1, Math.max(-1, m.sentimentScore ?? 0));
  const tone = (1 + sentiment) / 2;
  const engagement = 1 + Math.log10(1 + engagementCount(m.metrics));
  return reach * tone * engagement;
}

/** A customer's score: the sum over their counted mentions in the period, to one decimal. */
export function advocateScore(mentions: readonly ScoredMention[]): number {
  return roundScore(mentions.reduce((sum, m) => sum + mentionScore(m), 0));
}

export const roundScore = (score: number) => Math.round(score * 10) / 10;
