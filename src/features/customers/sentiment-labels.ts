import type { BadgeTone } from "@/components/badge";

/** Customers' and segments' sentiment labels, rolled up from recent mentions. */
export const SENTIMENT_LABELS = { PROMOTER: "Promoter", PASSIVE: "Passive", DETRACTOR: "Detractor" } as const;
export type Sentiment = keyof typeof SENTIMENT_LABELS;

export const SENTIMENT_TONES: Record<Sentiment, BadgeTone> = { PROMOTER: "success", PASSIVE: "neutral", DETRACTOR: "danger" };

/** The customers list's sentiment filter: a label, or no recent mention. */
export const SENTIMENT_FILTERS = { ...SENTIMENT_LABELS, UNLABELLED: "No recent mentions" } as const;
export type SentimentFilter = keyof typeof SENTIMENT_FILTERS;
