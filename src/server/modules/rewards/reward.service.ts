import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { assertIfMatch, entityTag } from "../../etag";
import { writeAudit } from "../audit/audit.service";
import { deleteImageQuietly } from "../../storage/store-image";
import { isRewardPictureKey, pictureAudit, withRewardPicture } from "./reward-picture";
import { REWARD_SELECT, toRewardDto } from "./reward.mapper";
import {
  ZById,
  ZRewardCreate,
  ZRewardListQuery,
  ZRewardUpdate,
  type RewardCreateInput,
  type RewardDto,
  type RewardListItem,
  type RewardListQuery,
  type RewardUpdateInput,
} from "./reward.schemas";

export { toRewardDto } from "./reward.mapper";

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, ["name"])) {
    throw new AppError("CONFLICT", "a reward with this name already exists", { issues: [{ path: "name", message: "already used by another reward" }] });
  }
  throw error;
}

/** The catalogue is managed with "rewards:manage" (marketers and up). An uploaded picture is stored first (reward-picture.ts). */
export async function createReward(ctx: TenantContext, raw: RewardCreateInput): Promise<RewardDto> {
  assertCan(ctx, "rewards:manage");
  const input = ZRewardCreate.parse(raw);
  try {
    return await withRewardPicture(ctx, { picture: input.picture }, async (imageKey) => ({
      replaced: null,
      result: await getDb().$transaction(async (tx) => {
        await assertOwnTier(tx, ctx, input.minimumTierId);
        const row = await tx.reward.create({
          data: {
            tenantId: ctx.tenantId,
            name: input.name,
            description: input.description ?? null,
            imageKey: imageKey ?? null,
            cost: input.cost,
            // A pool's stock is its unclaimed codes: none until codes are uploaded.
            stock: input.fulfilment === "CODE_POOL" ? 0 : (input.stock ?? null),
            perCustomerLimit: input.perCustomerLimit ?? null,
            availableFrom: input.availableFrom ?? null,
            availableUntil: input.availableUntil ?? null,
            minimumTierId: input.minimumTierId ?? null,
            fulfilment: input.fulfilment,
            active: input.active,
          },
          select: REWARD_SELECT,
        });
        await writeAudit(tx, ctx, {
          action: "reward.created",
          targetType: "Reward",
          targetId: row.id,
          data: { cost: row.cost, stock: row.stock, ...pictureAudit(imageKey, null) },
        });
        return toRewardDto(row);
      }),
    }));
  } catch (error) {
    nameTaken(error);
  }
}

/**
 * Edits a reward. Redemptions keep the cost they paid, so changing the cost is safe. The way it is
 * delivered cannot change once it has codes or redemptions, and a pool's stock is not edited by
 * hand (it is the number of unclaimed codes). A new picture replaces the old one, whose file is
 * deleted once the change has committed; `removePicture` takes it away. With `ifMatch` (the API's
 * If-Match), the reward's current ETag must match it.
 */
export async function updateReward(ctx: TenantContext, raw: RewardUpdateInput, options: { ifMatch?: string } = {}): Promise<RewardDto> {
  assertCan(ctx, "rewards:manage");
  const input = ZRewardUpdate.parse(raw);
  try {
    return await withRewardPicture(ctx, input, async (imageKey) => {
      let replaced: string | null = null;
      const result = await getDb().$transaction(async (tx) => {
        const current = await lockReward(tx, ctx, input.id);
        // An If-Match is compared under the row lock: a stale one is PRECONDITION_FAILED and changes nothing.
        assertIfMatch(options.ifMatch, entityTag(current), "reward");
        if (imageKey !== undefined) replaced = current.imageKey;
        if (current.archivedAt) throw new AppError("CONFLICT", "an archived reward cannot be edited");
        await assertOwnTier(tx, ctx, input.minimumTierId);
        if (input.fulfilment !== current.fulfilment && (await hasHistory(tx, ctx, current.id))) {
          throw new AppError("CONFLICT", "the delivery cannot change once the reward has codes or redemptions", {
            issues: [{ path: "fulfilment", message: "cannot change after codes were uploaded or the reward was redeemed" }],
          });
        }
        const stock =
          input.fulfilment === "CODE_POOL"
            ? await tx.rewardCode.count({ where: { tenantId: ctx.tenantId, rewardId: current.id, redemptionId: null, voidedAt: null } })
            : (input.stock ?? null);
        const row = await tx.reward.update({
          where: { tenantId_id: { tenantId: ctx.tenantId, id: current.id } },
          data: {
            name: input.name,
            description: input.description ?? null,
            // undefined: unchanged (no upload, not removed).
            imageKey,
            cost: input.cost,
            stock,
            perCustomerLimit: input.perCustomerLimit ?? null,
            availableFrom: input.availableFrom ?? null,
            availableUntil: input.availableUntil ?? null,
            minimumTierId: input.minimumTierId,
            fulfilment: input.fulfilment,
            active: input.active,
          },
          select: REWARD_SELECT,
        });
        await writeAudit(tx, ctx, {
          action: "reward.updated",
          targetType: "Reward",
          targetId: row.id,
          data: { cost: row.cost, stock: row.stock, ...pictureAudit(imageKey, current.imageKey) },
        });
        return toRewardDto(row);
      });
      return { result, replaced };
    });
  } catch (error) {
    nameTaken(error);
  }
}

/**
 * Takes a reward out of the catalogue. One that was ever redeemed is archived (its redemptions and
 * ledger entries point at it); one that never was is deleted with its codes.
 */
export async function archiveReward(ctx: TenantContext, raw: { id: string }): Promise<{ archived: boolean; deleted: boolean }> {
  assertCan(ctx, "rewards:manage");
  const { id } = ZById.parse(raw);
  let deletedPicture: string | null = null;
  const outcome = await getDb().$transaction(async (tx) => {
    const current = await lockReward(tx, ctx, id);
    if (current.archivedAt) return { archived: true, deleted: false };
    const redeemed = await tx.redemption.count({ where: { tenantId: ctx.tenantId, rewardId: current.id } });
    if (redeemed === 0) {
      await tx.reward.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id: current.id } } });
      await writeAudit(tx, ctx, { action: "reward.deleted", targetType: "Reward", targetId: current.id, data: { name: current.name } });
      deletedPicture = current.imageKey;
      return { archived: false, deleted: true };
    }
    await tx.reward.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: current.id } }, data: { archivedAt: new Date(), active: false } });
    await writeAudit(tx, ctx, { action: "reward.archived", targetType: "Reward", targetId: current.id, data: { redeemed } });
    return { archived: true, deleted: false };
  });
  // An archived reward keeps its picture (its redemptions still name it); a deleted one's file goes once the delete committed.
  if (isRewardPictureKey(ctx, deletedPicture)) await deleteImageQuietly(ctx, deletedPicture);
  return outcome;
}

export async function getReward(ctx: TenantContext, id: string): Promise<RewardDto> {
  assertCan(ctx, "rewards:read");
  const row = await getDb().reward.findFirst({ where: { tenantId: ctx.tenantId, id }, select: REWARD_SELECT });
  if (!row) throw AppError.notFound("reward");
  return toRewardDto(row);
}

/** The catalogue, cheapest first; inactive and archived rewards only when asked for. */
export async function listRewards(ctx: TenantContext, rawQuery: RewardListQuery = {}): Promise<RewardDto[]> {
  assertCan(ctx, "rewards:read");
  const query = ZRewardListQuery.parse(rawQuery);
  const rows = await getDb().reward.findMany({
    where: { tenantId: ctx.tenantId, ...(query.includeInactive ? {} : { active: true }), ...(query.includeArchived ? {} : { archivedAt: null }) },
    select: REWARD_SELECT,
    orderBy: [{ cost: "asc" }, { name: "asc" }],
  });
  return rows.map(toRewardDto);
}

/** The staff catalogue: every reward with its redeemed and pending counts and unclaimed codes. */
export async function listRewardsWithCounts(ctx: TenantContext, rawQuery: RewardListQuery = {}): Promise<RewardListItem[]> {
  return withCounts(ctx, await listRewards(ctx, { includeInactive: true, ...rawQuery }));
}

/** One reward with its counts, for its edit screen. */
export async function getRewardWithCounts(ctx: TenantContext, id: string): Promise<RewardListItem> {
  const [item] = await withCounts(ctx, [await getReward(ctx, id)]);
  return item!;
}

async function withCounts(ctx: TenantContext, rewards: RewardDto[]): Promise<RewardListItem[]> {
  if (rewards.length === 0) return [];
  const ids = rewards.map((r) => r.id);
  const db = getDb();
  const [byStatus, codes] = await Promise.all([
    db.redemption.groupBy({ by: ["rewardId", "status"], where: { tenantId: ctx.tenantId, rewardId: { in: ids } }, _count: { _all: true } }),
    db.rewardCode.groupBy({
      by: ["rewardId"],
      where: { tenantId: ctx.tenantId, rewardId: { in: ids }, redemptionId: null, voidedAt: null },
      _count: { _all: true },
    }),
  ]);
  const count = (rewardId: string, statuses: string[]) =>
    byStatus.filter((g) => g.rewardId === rewardId && statuses.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  const unclaimed = new Map(codes.map((c) => [c.rewardId, c._count._all]));
  return rewards.map((r) => ({
    ...r,
    redeemedCount: count(r.id, ["PENDING", "FULFILLED"]),
    pendingCount: count(r.id, ["PENDING"]),
    unclaimedCodes: r.fulfilment === "CODE_POOL" ? (unclaimed.get(r.id) ?? 0) : null,
  }));
}

/** Locks the reward row for the rest of the transaction (stock and codes change under it). */
export async function lockReward(tx: DbTx, ctx: TenantContext, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Reward" WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} FOR UPDATE`;
  if (rows.length === 0) throw AppError.notFound("reward");
  return tx.reward.findFirstOrThrow({
    where: { tenantId: ctx.tenantId, id },
    select: { id: true, name: true, fulfilment: true, archivedAt: true, imageKey: true, updatedAt: true },
  });
}

async function hasHistory(tx: DbTx, ctx: TenantContext, rewardId: string): Promise<boolean> {
  const [codes, redemptions] = await Promise.all([
    tx.rewardCode.count({ where: { tenantId: ctx.tenantId, rewardId } }),
    tx.redemption.count({ where: { tenantId: ctx.tenantId, rewardId } }),
  ]);
  return codes + redemptions > 0;
}

/** A minimum tier must be one of the brand's own tiers (another brand's id reads as no such tier). */
async function assertOwnTier(tx: DbTx, ctx: TenantContext, tierId: string | null | undefined): Promise<void> {
  if (!tierId) return;
  const tier = await tx.tier.findFirst({ where: { tenantId: ctx.tenantId, id: tierId }, select: { id: true } });
  if (!tier) throw new AppError("VALIDATION_FAILED", "no such tier", { issues: [{ path: "minimumTierId", message: "choose one of this brand's tiers" }] });
}
