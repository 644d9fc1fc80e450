import { z } from "zod";

export const NETWORKS = ["TWITTER", "FOURSQUARE"] as const;
export const RULE_ACTIONS = ["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT"] as const;
export const INFLUENCE_CURVES = ["NONE", "LOG", "LINEAR"] as const;

/** The most one award may be worth before campaigns: basePoints × max multiplier. */
export const MAX_POINTS_PER_AWARD = 100_000;

export const ZNetwork = z.enum(NETWORKS, { message: "choose a network" });
export const ZRuleAction = z.enum(RULE_ACTIONS, { message: "choose an action" });

/** Two decimals at most: multipliers appear in explanations as "× 2.35". */
const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;

const ZName = z.string().trim().min(1, "name is required").max(100, "at most 100 characters");
const ZBasePoints = z.number({ message: "enter a whole number" }).int("enter a whole number").min(1, "at least 1 point").max(10_000, "at most 10,000 points");
const ZInfluenceCurve = z.enum(INFLUENCE_CURVES, { message: "choose NONE, LOG or LINEAR" });
const ZInfluenceFactor = z.number({ message: "enter a number" }).min(0, "0 or more").max(10, "at most 10").refine(hasAtMostTwoDecimals, "at most 2 decimals");
const ZMaxMultiplier = z
  .number({ message: "enter a number" })
  .min(1, "at least 1 (1 means no boost)")
  .max(20, "at most 20")
  .refine(hasAtMostTwoDecimals, "at most 2 decimals");
const ZDailyCap = z
  .number({ message: "enter a whole number, or leave empty for no cap" })
  .int("enter a whole number")
  .min(1, "at least 1 point")
  .max(1_000_000, "at most 1,000,000 points")
  .nullable();
const ZMinSentiment = z
  .number({ message: "enter a number from -1 to 1, or leave empty" })
  .min(-1, "from -1 (very negative)")
  .max(1, "to 1 (very positive)")
  .refine(hasAtMostTwoDecimals, "at most 2 decimals")
  .nullable();

/** Every field of a rule that an admin sets; the cross-field checks run on a whole rule. */
const ZPointRuleFields = z.strictObject({
  network: ZNetwork,
  action: ZRuleAction,
  name: ZName,
  basePoints: ZBasePoints,
  influenceCurve: ZInfluenceCurve.default("LOG"),
  influenceFactor: ZInfluenceFactor.default(0.5),
  maxMultiplier: ZMaxMultiplier.default(3),
  dailyCap: ZDailyCap.default(null),
  minSentiment: ZMinSentiment.default(null),
  enabled: z.boolean({ message: "true or false" }).default(true),
});

export interface PointRuleValues {
  basePoints: number;
  influenceCurve: (typeof INFLUENCE_CURVES)[number];
  maxMultiplier: number;
  dailyCap: number | null;
  /** When given, action-specific checks apply (LINK_ACCOUNT, SHARE). */
  action?: (typeof RULE_ACTIONS)[number];
  minSentiment?: number | null;
}

/**
 * Combinations that are individually valid but make no sense together, as field issues that
 * name the fields involved. Used for creates and for updates (on the rule as it would become).
 */
export function pointRuleIssues(v: PointRuleValues): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  // Linking pays once per account, ever, and has no text: a daily cap or a minimum sentiment
  // could never apply. (The influence curve does: the linked account's followers.)
  if (v.action === "LINK_ACCOUNT") {
    if (v.dailyCap !== null) issues.push({ path: "dailyCap", message: "linking an account pays once per account: leave the daily cap empty" });
    if (v.minSentiment !== null && v.minSentiment !== undefined) {
      issues.push({ path: "minSentiment", message: "linking an account has no text to score: leave the minimum sentiment empty" });
    }
  }
  // A share's text is the brand's own template: there is nothing of the customer's to score.
  if (v.action === "SHARE" && v.minSentiment !== null && v.minSentiment !== undefined) {
    issues.push({ path: "minSentiment", message: "a share posts the brand's own text: leave the minimum sentiment empty" });
  }
  if (v.dailyCap !== null && v.dailyCap < v.basePoints) {
    issues.push({ path: "dailyCap", message: `the daily cap (${v.dailyCap}) must be at least the base points (${v.basePoints})` });
  }
  // With no influence curve the max multiplier is never used, so it cannot inflate an award.
  const effectiveMax = v.influenceCurve === "NONE" ? 1 : v.maxMultiplier;
  const worst = v.basePoints * effectiveMax;
  if (worst > MAX_POINTS_PER_AWARD) {
    const message =
      `base points × max multiplier = ${v.basePoints.toLocaleString("en")} × ${v.maxMultiplier} = ${Math.round(worst).toLocaleString("en")} ` +
      `points for one award, more than ${MAX_POINTS_PER_AWARD.toLocaleString("en")}: lower the base points or the max multiplier`;
    issues.push({ path: "basePoints", message }, { path: "maxMultiplier", message });
  }
  return issues;
}

function addRuleIssues(v: PointRuleValues, ctx: z.RefinementCtx) {
  for (const issue of pointRuleIssues(v)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
}

export const ZPointRuleCreate = ZPointRuleFields.superRefine(addRuleIssues);
export type PointRuleCreateInput = z.input<typeof ZPointRuleCreate>;

/** Network and action are fixed once a rule exists (create another rule instead). */
export const ZPointRuleUpdate = z
  .strictObject({
    name: ZName,
    basePoints: ZBasePoints,
    influenceCurve: ZInfluenceCurve,
    influenceFactor: ZInfluenceFactor,
    maxMultiplier: ZMaxMultiplier,
    dailyCap: ZDailyCap,
    minSentiment: ZMinSentiment,
    enabled: z.boolean({ message: "true or false" }),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type PointRuleUpdateInput = z.input<typeof ZPointRuleUpdate>;

export const ZPointRuleListQuery = z.strictObject({
  network: ZNetwork.optional(),
  action: ZRuleAction.optional(),
});
export type PointRuleListQuery = z.input<typeof ZPointRuleListQuery>;

export const ZPointRuleId = z.string().regex(/^rule_[0-9a-f]{32}$/, "not a rule id");

export const ZPointRuleDto = z.object({
  id: z.string(),
  network: ZNetwork,
  action: ZRuleAction,
  name: z.string(),
  basePoints: z.number().int(),
  influenceCurve: ZInfluenceCurve,
  influenceFactor: z.number(),
  maxMultiplier: z.number(),
  dailyCap: z.number().int().nullable(),
  minSentiment: z.number().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PointRuleDto = z.infer<typeof ZPointRuleDto>;

export const ZPointRuleList = z.object({ items: z.array(ZPointRuleDto) });
export type PointRuleList = z.infer<typeof ZPointRuleList>;
