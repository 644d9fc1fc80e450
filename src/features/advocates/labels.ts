import type { AdvocateMeasure, AdvocatePeriod } from "@/server/modules/advocates/advocates.schemas";

export const PERIOD_LABELS: Record<AdvocatePeriod, string> = { "7d": "7 days", "30d": "30 days", "90d": "90 days", all: "All time" };

export const MEASURE_LABELS: Record<AdvocateMeasure, string> = {
  score: "Score",
  reach: "Reach",
  points: "Points earned",
  positive: "Positive mentions",
  nps: "NPS",
};

export const NPS_LABELS = { PROMOTER: "Promoter", PASSIVE: "Passive", DETRACTOR: "Detractor" } as const;
export const NPS_TONES = { PROMOTER: "success", PASSIVE: "neutral", DETRACTOR: "danger" } as const;

export const RULE_LABELS: Record<string, string> = {
  advocate: "advocate rule",
  loyal: "loyal rule",
  customer: "no rule met",
};
