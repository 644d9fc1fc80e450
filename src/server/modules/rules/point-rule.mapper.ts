import type { PointRuleDto } from "./point-rule.schemas";

interface PointRuleRow {
  id: string;
  network: PointRuleDto["network"];
  action: PointRuleDto["action"];
  name: string;
  basePoints: number;
  influenceCurve: PointRuleDto["influenceCurve"];
  influenceFactor: number;
  maxMultiplier: number;
  dailyCap: number | null;
  minSentiment: number | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Prisma rows never reach React or JSON: this is the rule's public shape. */
export function toPointRuleDto(row: PointRuleRow): PointRuleDto {
  return {
    id: row.id,
    network: row.network,
    action: row.action,
    name: row.name,
    basePoints: row.basePoints,
    influenceCurve: row.influenceCurve,
    influenceFactor: row.influenceFactor,
    maxMultiplier: row.maxMultiplier,
    dailyCap: row.dailyCap,
    minSentiment: row.minSentiment,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a rule, before and after a change (no timestamps). */
export function pointRuleAuditSnapshot(dto: PointRuleDto) {
  const { createdAt: _c, updatedAt: _u, ...rest } = dto;
  return rest;
}

/** What scoring reads of a rule (scoring-inputs.ts); the DTO adds its timestamps. */
export const POINT_RULE_SCORING_SELECT = {
  id: true,
  network: true,
  action: true,
  name: true,
  basePoints: true,
  influenceCurve: true,
  influenceFactor: true,
  maxMultiplier: true,
  dailyCap: true,
  minSentiment: true,
  enabled: true,
} as const;

export const POINT_RULE_SELECT = { ...POINT_RULE_SCORING_SELECT, createdAt: true, updatedAt: true } as const;
