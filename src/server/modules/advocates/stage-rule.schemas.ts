import { z } from "zod";

/**
 * The brand's stage rules. Rules drive only CUSTOMER, LOYAL and ADVOCATE (a prospect becomes a
 * customer by a person or the pipeline, never by a rule); each run puts a rule-driven customer at
 * the highest stage whose rule they meet, so it promotes and demotes:
 *   ADVOCATE: ≥ advocateMinPositiveMentions positive mentions in advocateWindowDays days
 *             (and, if advocateRequirePromoter, their latest NPS answer is a promoter);
 *   LOYAL:    ≥ loyalMinPoints points earned in loyalWindowDays days;
 *   CUSTOMER: neither.
 * A stage a person set holds for MANUAL_HOLD_DAYS: rules leave that customer alone until then.
 */
export const MANUAL_HOLD_DAYS = 90;

const ZCount = (max: number) => z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`);

/** A checkbox: present ("on") is true, absent is false. */
const ZCheckbox = z.union([z.boolean(), z.literal("on").transform(() => true), z.literal("").transform(() => false)]).default(false);

export const ZStageRules = z.strictObject({
  enabled: ZCheckbox,
  advocateMinPositiveMentions: ZCount(1000),
  advocateWindowDays: ZCount(365),
  advocateRequirePromoter: ZCheckbox,
  loyalMinPoints: ZCount(10_000_000),
  loyalWindowDays: ZCount(365),
});
export type StageRulesInput = z.input<typeof ZStageRules>;
export type StageRules = z.output<typeof ZStageRules>;

export const DEFAULT_STAGE_RULES: StageRules = {
  enabled: true,
  advocateMinPositiveMentions: 3,
  advocateWindowDays: 30,
  advocateRequirePromoter: true,
  loyalMinPoints: 200,
  loyalWindowDays: 90,
};

export interface StageRulesView {
  rules: StageRules;
  /** False: the brand never saved rules (the defaults are shown and nothing runs). */
  saved: boolean;
  updatedAt: string | null;
}

export interface StageChangeDto {
  id: string;
  fromStage: "PROSPECT" | "CUSTOMER" | "LOYAL" | "ADVOCATE";
  toStage: "PROSPECT" | "CUSTOMER" | "LOYAL" | "ADVOCATE";
  source: "RULE" | "MANUAL";
  rule: string | null;
  createdAt: string;
}

export const ZApplyStageRulesJob = z.strictObject({ tenantId: z.string().min(1) });
export type ApplyStageRulesJob = z.infer<typeof ZApplyStageRulesJob>;
export const ZScheduleStageRules = z.strictObject({});
