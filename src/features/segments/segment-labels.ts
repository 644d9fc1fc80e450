import type { SegmentFilterDto } from "@/server/modules/segments/segment.schemas";
import { SENTIMENT_FILTERS } from "../customers/sentiment-labels";
import { STAGE_LABELS } from "../customers/stage-labels";

/** The customer's latest answer to the portal's 0–10 question. */
export const NPS_CLASS_LABELS: Record<SegmentFilterDto["npsClasses"][number], string> = {
  PROMOTER: "Promoter (9–10)",
  PASSIVE: "Passive (7–8)",
  DETRACTOR: "Detractor (0–6)",
};

const count = (n: number) => n.toLocaleString("en-US");

/** Each condition of a filter in words, e.g. ["Loyal or Advocate", "Promoter", "≥ 10,000 followers", "Gold tier"]. */
export function describeFilter(filter: SegmentFilterDto, tierName: string | null = null): string[] {
  const parts: string[] = [];
  if (filter.lifecycleStages.length) parts.push(filter.lifecycleStages.map((s) => STAGE_LABELS[s]).join(" or "));
  if (filter.sentimentLabels.length) parts.push(filter.sentimentLabels.map((s) => SENTIMENT_FILTERS[s]).join(" or "));
  if (filter.search !== null) parts.push(`Name, email, phone or id contains “${filter.search}”`);
  if (filter.npsClasses.length) parts.push(`Feedback: ${filter.npsClasses.map((s) => NPS_CLASS_LABELS[s]).join(" or ")}`);
  if (filter.minFollowers !== null) parts.push(`≥ ${count(filter.minFollowers)} followers`);
  if (filter.minPoints !== null) parts.push(`≥ ${count(filter.minPoints)} points balance`);
  if (filter.minLifetimeEarned !== null) parts.push(`≥ ${count(filter.minLifetimeEarned)} points earned`);
  if (filter.tierId !== null) parts.push(tierName ? `${tierName} tier` : "a deleted tier");
  return parts;
}

export function formatCount(n: number): string {
  return count(n);
}
