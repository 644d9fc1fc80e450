import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { earnedJoin, utc, windowBetween } from "../tiers/earned-in-period";
import { COUNTED_MENTION_SQL } from "./advocate-score";
import { MANUAL_HOLD_DAYS } from "./stage-rule.schemas";

const DAY_MS = 24 * 3_600_000;

export interface ApplyStageRulesResult {
  /** Customers moved (= history rows written) by this run. */
  moved: number;
}

/**
 * Puts every rule-driven customer (CUSTOMER, LOYAL or ADVOCATE, live, no manual stage in the last
 * MANUAL_HOLD_DAYS days) at the stage the brand's rules give them (stage-rule.schemas.ts), and
 * writes one RULE history row per move — in one statement, so a move and its row land together.
 * Idempotent: a second run finds every customer already where the rules put them and writes
 * nothing; the UPDATE re-checks the stage it read, so two overlapping runs cannot both move one
 * customer. No saved or an disabled rule set: nothing happens.
 */
export async function applyStageRules(ctx: TenantContext, now = new Date()): Promise<ApplyStageRulesResult> {
  const tenantId = ctx.tenantId;
  const db = getDb();
  const rules = await db.stageRuleSet.findFirst({ where: { tenantId } });
  if (!rules?.enabled) return { moved: 0 };
  const advocateFrom = new Date(now.getTime() - rules.advocateWindowDays * DAY_MS);
  const loyalFrom = new Date(now.getTime() - rules.loyalWindowDays * DAY_MS);
  const heldSince = new Date(now.getTime() - MANUAL_HOLD_DAYS * DAY_MS);
  const promoterOk = rules.advocateRequirePromoter ? Prisma.sql`c."npsClass" = 'PROMOTER'` : Prisma.sql`true`;
  const moved = await db.$queryRaw<{ customerId: string }[]>(Prisma.sql`
    WITH pos AS (
      SELECT m."customerId" AS id, count(*)::int AS n FROM "Mention" m
      WHERE m."tenantId" = ${tenantId} AND ${COUNTED_MENTION_SQL} AND m."sentimentLabel" = 'PROMOTER'
        AND m."postedAt" > ${utc(advocateFrom)} AND m."postedAt" <= ${utc(now)}
      GROUP BY m."customerId"
    ), judged AS (
      SELECT c.id, c."lifecycleStage" AS from_stage,
        CASE WHEN coalesce(pos.n, 0) >= ${rules.advocateMinPositiveMentions} AND ${promoterOk} THEN 'advocate'
             WHEN coalesce(earned.earned, 0) >= ${rules.loyalMinPoints} THEN 'loyal'
             ELSE 'customer' END AS rule
      FROM "Customer" c
      LEFT JOIN pos ON pos.id = c.id
      ${earnedJoin(ctx, windowBetween(loyalFrom, now), "grouped")}
      WHERE c."tenantId" = ${tenantId} AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL
        AND c."lifecycleStage" IN ('CUSTOMER', 'LOYAL', 'ADVOCATE')
        AND NOT EXISTS (
          SELECT 1 FROM "StageChange" h
          WHERE h."tenantId" = ${tenantId} AND h."customerId" = c.id AND h.source = 'MANUAL' AND h."createdAt" > ${utc(heldSince)}
        )
    ), target AS (
      SELECT id, from_stage, upper(rule)::"LifecycleStage" AS to_stage, rule FROM judged
    ), moved AS (
      UPDATE "Customer" c SET "lifecycleStage" = t.to_stage, "updatedAt" = ${utc(now)}
      FROM target t
      WHERE c."tenantId" = ${tenantId} AND c.id = t.id AND c."lifecycleStage" = t.from_stage AND t.to_stage <> t.from_stage
      RETURNING c.id, t.from_stage, t.to_stage, t.rule
    )
    INSERT INTO "StageChange" ("tenantId", "customerId", "fromStage", "toStage", source, rule, "createdAt")
    SELECT ${tenantId}, id, from_stage, to_stage, 'RULE', rule, ${utc(now)} FROM moved
    RETURNING "customerId"`);
  return { moved: moved.length };
}
