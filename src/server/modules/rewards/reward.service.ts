import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZRewardCreate, ZRewardListQuery, type RewardCreateInput, type RewardDto, type RewardListQuery } from "./reward.schemas";

const REWARD_SELECT = { id: true, name: true, description: true, cost: true, stock: true, active: true, createdAt: true } as const;

type RewardRow = { id: string; name: string; description: string | null; cost: number; stock: number | null; active: boolean; createdAt: Date };

export function toRewardDto(row: RewardRow): RewardDto {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/**
 * The reward catalogue is tenant configuration, so it needs "settings:write" (there is no
 * rewards permission yet).
 */
export async function createReward(ctx: TenantContext, raw: RewardCreateInput): Promise<RewardDto> {
  assertCan(ctx, "settings:write");
  const input = ZRewardCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      const row = await tx.reward.create({
        data: {
          tenantId: ctx.tenantId,
          name: input.name,
          description: input.description ?? null,
          cost: input.cost,
          stock: input.stock ?? null,
          active: input.active,
        },
        select: REWARD_SELECT,
      });
      await writeAudit(tx, ctx, { action: "reward.created", targetType: "Reward", targetId: row.id, data: { cost: row.cost, stock: row.stock } });
      return toRewardDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, ["name"])) {
      throw new AppError("CONFLICT", "a reward with this name already exists", {
        issues: [{ path: "name", message: "already used by another reward" }],
      });
    }
    throw error;
  }
}

/** The catalogue, cheapest first; inactive rewards only when asked for. */
export async function listRewards(ctx: TenantContext, rawQuery: RewardListQuery = {}): Promise<RewardDto[]> {
  assertCan(ctx, "ledger:read");
  const query = ZRewardListQuery.parse(rawQuery);
  const rows = await getDb().reward.findMany({
    where: { tenantId: ctx.tenantId, ...(query.includeInactive ? {} : { active: true }) },
    select: REWARD_SELECT,
    orderBy: [{ cost: "asc" }, { name: "asc" }],
  });
  return rows.map(toRewardDto);
}
