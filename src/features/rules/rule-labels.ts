import type { PointRuleDto } from "@/server/modules/rules/point-rule.schemas";

export const NETWORK_LABELS: Record<PointRuleDto["network"], string> = { TWITTER: "X (Twitter)", FOURSQUARE: "Foursquare" };

export const ACTION_LABELS: Record<PointRuleDto["action"], string> = {
  MENTION: "Mention",
  CHECKIN: "Check-in",
  SHARE: "Share",
  LINK_ACCOUNT: "Link account",
};

export const CURVE_LABELS: Record<PointRuleDto["influenceCurve"], string> = {
  NONE: "None (followers don't count)",
  LOG: "Logarithmic (each ×10 followers adds the factor)",
  LINEAR: "Linear (each 1,000 followers adds the factor)",
};

/** "Logarithmic, factor 0.5, up to ×3", or "None". */
export function describeInfluence(rule: Pick<PointRuleDto, "influenceCurve" | "influenceFactor" | "maxMultiplier">): string {
  if (rule.influenceCurve === "NONE") return "None";
  const curve = rule.influenceCurve === "LOG" ? "Logarithmic" : "Linear";
  return `${curve}, factor ${rule.influenceFactor}, up to ×${rule.maxMultiplier}`;
}
