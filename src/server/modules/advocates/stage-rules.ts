import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { enqueue } from "../../jobs/queues";
import { writeAudit } from "../audit/audit.service";
import { applyStageRulesJobId } from "./advocates.jobs";
import { DEFAULT_STAGE_RULES, ZStageRules, type StageRules, type StageRulesInput, type StageRulesView } from "./stage-rule.schemas";

const RULE_SELECT = {
  enabled: true,
  advocateMinPositiveMentions: true,
  advocateWindowDays: true,
  advocateRequirePromoter: true,
  loyalMinPoints: true,
  loyalWindowDays: true,
  updatedAt: true,
} as const;

/** The brand's saved rules, or the defaults (not saved: nothing runs). */
export async function getStageRules(ctx: TenantContext): Promise<StageRulesView> {
  assertCan(ctx, "settings:read");
  const row = await getDb().stageRuleSet.findFirst({ where: { tenantId: ctx.tenantId }, select: RULE_SELECT });
  if (!row) return { rules: DEFAULT_STAGE_RULES, saved: false, updatedAt: null };
  const { updatedAt, ...rules } = row;
  return { rules, saved: true, updatedAt: updatedAt.toISOString() };
}

/** Saves the rules (owner/admin) and runs them at once rather than at the next hourly tick. */
export async function saveStageRules(ctx: TenantContext, raw: StageRulesInput): Promise<StageRules> {
  assertCan(ctx, "settings:write");
  const rules = ZStageRules.parse(raw);
  await getDb().$transaction(async (tx) => {
    await tx.stageRuleSet.upsert({
      where: { tenantId: ctx.tenantId },
      create: { tenantId: ctx.tenantId, ...rules },
      update: rules,
    });
    await writeAudit(tx, ctx, { action: "stage-rules.saved", targetType: "StageRuleSet", targetId: ctx.tenantId, data: { ...rules } });
  });
  if (rules.enabled) {
    await enqueue("advocates.apply-stage-rules", { tenantId: ctx.tenantId }, { jobId: applyStageRulesJobId(ctx.tenantId) });
  }
  return rules;
}
