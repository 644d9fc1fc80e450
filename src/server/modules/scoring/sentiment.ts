import winkSentiment from "wink-sentiment";

/**
 * Sentiment of a social text, by wink-sentiment: AFINN-165 word scores plus scored emoji and
 * emoticons, hashtags scored as words (#fail, #love), two-word idioms, and negation of a
 * scored word by "not/no/never/…n't" up to two words before it. @handles and links carry no
 * sentiment. No model to load, no network: ~100k short texts/s on one core.
 */

export type SentimentLabel = "PROMOTER" | "PASSIVE" | "DETRACTOR";

export interface SentimentResult {
  /** -1 (very negative) … 1 (very positive), 4 decimals; 0 for a text with no scored words. */
  score: number;
  label: SentimentLabel;
}

/**
 * Thresholds on `score`: PROMOTER at 0.2 or more, DETRACTOR at -0.2 or less, PASSIVE between.
 * 0.2 is one AFINN point on wink's -5..5 scale, so a single mildly scored token ("😡", "👎",
 * "#fail" are -1 or -2) already labels the text, while a text with no scored token is 0.
 */
export const PROMOTER_FROM = 0.2;
export const DETRACTOR_FROM = -0.2;

/** Longer input is cut here: a mention is short, and the cut bounds the work per call. */
export const SENTIMENT_MAX_CHARS = 5_000;

/** wink's normalizedScore lies within -5..5 (the AFINN range); divided by this to get -1..1. */
const WINK_SCALE = 5;

export function sentimentLabel(score: number): SentimentLabel {
  if (score >= PROMOTER_FROM) return "PROMOTER";
  if (score <= DETRACTOR_FROM) return "DETRACTOR";
  return "PASSIVE";
}

export function analyzeSentiment(text: string): SentimentResult {
  const input = text.length > SENTIMENT_MAX_CHARS ? text.slice(0, SENTIMENT_MAX_CHARS) : text;
  const raw = winkSentiment(input).normalizedScore / WINK_SCALE;
  const clamped = Number.isFinite(raw) ? Math.min(1, Math.max(-1, raw)) : 0;
  // +0 so a negated zero never prints as "-0".
  const score = Math.round(clamped * 10_000) / 10_000 + 0;
  return { score, label: sentimentLabel(score) };
}
