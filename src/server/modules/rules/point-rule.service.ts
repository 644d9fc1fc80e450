import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { POINT_RULE_SELECT, pointRuleAuditSnapshot, toPointRuleDto } from "./point-rule.mapper";
import {
  ZPointRuleCreate,
  ZPointRuleId,
  ZPointRuleListQuery,
  ZPointRuleUpdate,
  type PointRuleCreateInput,
  type PointRuleDto,
  type PointRuleList,
  type PointRuleListQuery,
  type PointRuleUpdateInput,
} from "./point-rule.schemas";

type Network = PointRuleDto["network"];
type RuleAction = PointRuleDto["action"];

const ORDER: Prisma.PointRuleOrderByWithRelationInput[] = [{ network: "asc" }, { action: "asc" }, { name: "asc" }, { id: "asc" }];

export async function listPointRules(ctx: TenantContext, rawQuery: PointRuleListQuery = {}): Promise<PointRuleList> {
  assertCan(ctx, "settings:read");
  const query = ZPointRuleListQuery.parse(rawQuery);
  const where: Prisma.PointRuleWhereInput = { tenantId: ctx.tenantId };
  if (query.network) where.network = query.network;
  if (query.action) where.action = query.action;
  const rows = await getDb().pointRule.findMany({ where, select: POINT_RULE_SELECT, orderBy: ORDER });
  return { items: rows.map(toPointRuleDto) };
}

export async function getPointRuleOrThrow(ctx: TenantContext, id: string): Promise<PointRuleDto> {
  assertCan(ctx, "settings:read");
  if (!ZPointRuleId.safeParse(id).success) throw AppError.notFound("point rule");
  const row = await getDb().pointRule.findFirst({ where: { tenantId: ctx.tenantId, id }, select: POINT_RULE_SELECT });
  if (!row) throw AppError.notFound("point rule");
  return toPointRuleDto(row);
}

function nameConflict(network: Network, action: RuleAction, name: string): AppError {
  const what = `${network.toLowerCase()} ${action.toLowerCase().replace("_", " ")}`;
  return new AppError("CONFLICT", `another ${what} rule is already named "${name}"`, {
    issues: [{ path: "name", message: `another ${what} rule already has this name` }],
  });
}

async function assertNameFree(tx: DbTx, ctx: TenantContext, rule: { network: Network; action: RuleAction; name: string }, exceptId?: string) {
  const clash = await tx.pointRule.findFirst({
    where: {
      tenantId: ctx.tenantId,
      network: rule.network,
      action: rule.action,
      name: rule.name,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw nameConflict(rule.network, rule.action, rule.name);
}

export async function createPointRule(ctx: TenantContext, raw: PointRuleCreateInput): Promise<PointRuleDto> {
  assertCan(ctx, "settings:write");
  const input = ZPointRuleCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      await assertNameFree(tx, ctx, input);
      const row = await tx.pointRule.create({ data: { tenantId: ctx.tenantId, ...input }, select: POINT_RULE_SELECT });
      const dto = toPointRuleDto(row);
      await writeAudit(tx, ctx, {
        action: "point_rule.created",
        targetType: "PointRule",
        targetId: row.id,
        data: { after: pointRuleAuditSnapshot(dto) },
      });
      return dto;
    });
  } catch (error) {
    // A concurrent create with the same name loses the race at the unique index.
    if (isUniqueViolation(error)) throw nameConflict(input.network, input.action, input.name);
    throw error;
  }
}

/**
 * Changes some fields of a rule. The rule as it would become is validated as a whole (daily cap
 * ≥ base points, no absurd awards), under a row lock so two concurrent edits cannot combine
 * into a rule neither would have been allowed to make. An edit that changes nothing writes
 * nothing. Only enabling/disabling is audited as such; anything else is "point_rule.updated".
 */
export async function updatePointRule(ctx: TenantContext, id: string, raw: PointRuleUpdateInput): Promise<PointRuleDto> {
  assertCan(ctx, "settings:write");
  const patch = ZPointRuleUpdate.parse(raw);
  if (!ZPointRuleId.safeParse(id).success) throw AppError.notFound("point rule");
  let attempted = null as { network: Network; action: RuleAction; name: string } | null;
  try {
    return await getDb().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "PointRule" WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} FOR UPDATE`;
      const current = await tx.pointRule.findFirst({ where: { tenantId: ctx.tenantId, id }, select: POINT_RULE_SELECT });
      if (!current) throw AppError.notFound("point rule");
      const before = pointRuleAuditSnapshot(toPointRuleDto(current));
      const { id: _id, ...fields } = before;
      const next = ZPointRuleCreate.parse({ ...fields, ...patch });
      const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => next[k] !== before[k]);
      if (changed.length === 0) return toPointRuleDto(current);
      attempted = { network: before.network, action: before.action, name: next.name };
      if (changed.includes("name")) await assertNameFree(tx, ctx, attempted, id);
      const data = Object.fromEntries(changed.map((k) => [k, next[k]]));
      const updated = await tx.pointRule.updateManyAndReturn({
        where: { tenantId: ctx.tenantId, id },
        data: { ...data, updatedAt: new Date() },
        select: POINT_RULE_SELECT,
      });
      const row = updated[0];
      if (!row) throw AppError.notFound("point rule");
      const dto = toPointRuleDto(row);
      const onlyToggle = changed.length === 1 && changed[0] === "enabled";
      await writeAudit(tx, ctx, {
        action: onlyToggle ? (dto.enabled ? "point_rule.enabled" : "point_rule.disabled") : "point_rule.updated",
        targetType: "PointRule",
        targetId: id,
        data: { changed, before, after: pointRuleAuditSnapshot(dto) },
      });
      return dto;
    });
  } catch (error) {
    if (attempted && isUniqueViolation(error)) throw nameConflict(attempted.network, attempted.action, attempted.name);
    throw error;
  }
}

export function setPointRuleEnabled(ctx: TenantContext, id: string, enabled: boolean): Promise<PointRuleDto> {
  return updatePointRule(ctx, id, { enabled });
}
