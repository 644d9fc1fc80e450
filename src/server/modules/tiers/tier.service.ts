import { assertCan, type TenantContext, type TenantScope } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { sortTiers } from "./tier-ladder";
import {
  MAX_TIERS,
  ZTierCreate,
  ZTierId,
  ZTierPeriodUpdate,
  ZTierUpdate,
  type TierCreateInput,
  type TierDto,
  type TierPeriodUpdateInput,
  type TierSettingsDto,
  type TierUpdateInput,
} from "./tier.schemas";

/**
 * A brand's tiers and their period (Settings → Tiers). Anyone who may read settings sees them;
 * changing them takes settings:write, like the point rules they reward. Names and thresholds are
 * unique per brand (the database's unique keys settle a race; the messages name the field).
 */

const TIER_SELECT = { id: true, name: true, threshold: true } as const;

export async function loadTiers(db: Db | DbTx, ctx: TenantScope): Promise<TierDto[]> {
  const rows = await db.tier.findMany({ where: { tenantId: ctx.tenantId }, select: TIER_SELECT, orderBy: { threshold: "asc" } });
  return sortTiers(rows);
}

export async function loadTierPeriodMonths(db: Db | DbTx, ctx: TenantScope): Promise<number> {
  const tenant = await db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { tierPeriodMonths: true } });
  if (!tenant) throw AppError.notFound("brand");
  return tenant.tierPeriodMonths;
}

export async function getTierSettings(ctx: TenantContext): Promise<TierSettingsDto> {
  assertCan(ctx, "settings:read");
  const db = getDb();
  const [periodMonths, tiers] = await Promise.all([loadTierPeriodMonths(db, ctx), loadTiers(db, ctx)]);
  return { periodMonths, tiers };
}

function conflictOn(error: unknown, input: { name?: string; threshold?: number }): AppError | null {
  if (isUniqueViolation(error, ["threshold"])) return thresholdTaken(input.threshold);
  if (isUniqueViolation(error, ["name"])) return nameTaken(input.name);
  return null;
}
const nameTaken = (name?: string) =>
  new AppError("CONFLICT", `another tier is already named "${name ?? ""}"`, { issues: [{ path: "name", message: "another tier already has this name" }] });
const thresholdTaken = (threshold?: number) =>
  new AppError("CONFLICT", `another tier already starts at ${threshold ?? "this many"} points`, {
    issues: [{ path: "threshold", message: "another tier already starts at this threshold: tiers are ordered by it" }],
  });

/** The clashes a create or edit would hit, found before writing so the form can name them. */
async function assertFree(tx: DbTx, ctx: TenantContext, input: { name?: string; threshold?: number }, exceptId?: string) {
  const not = exceptId ? { id: { not: exceptId } } : {};
  if (input.name !== undefined && (await tx.tier.findFirst({ where: { tenantId: ctx.tenantId, name: input.name, ...not }, select: { id: true } }))) {
    throw nameTaken(input.name);
  }
  if (
    input.threshold !== undefined &&
    (await tx.tier.findFirst({ where: { tenantId: ctx.tenantId, threshold: input.threshold, ...not }, select: { id: true } }))
  ) {
    throw thresholdTaken(input.threshold);
  }
}

export async function createTier(ctx: TenantContext, raw: TierCreateInput): Promise<TierDto> {
  assertCan(ctx, "settings:write");
  const input = ZTierCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      // One ladder edit at a time per brand (the count below stays true).
      // no-tenant-data: locks the context's own Tenant row (platform table, keyed by the tenant id)
      await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${ctx.tenantId} FOR UPDATE`;
      if ((await tx.tier.count({ where: { tenantId: ctx.tenantId } })) >= MAX_TIERS) {
        throw new AppError("CONFLICT", `a brand has at most ${MAX_TIERS} tiers`);
      }
      await assertFree(tx, ctx, input);
      const row = await tx.tier.create({ data: { tenantId: ctx.tenantId, ...input }, select: TIER_SELECT });
      await writeAudit(tx, ctx, { action: "tier.created", targetType: "Tier", targetId: row.id, data: { after: input } });
      return row;
    });
  } catch (error) {
    throw conflictOn(error, input) ?? error;
  }
}

async function lockTier(tx: DbTx, ctx: TenantContext, id: string): Promise<TierDto> {
  if (!ZTierId.safeParse(id).success) throw AppError.notFound("tier");
  const rows = await tx.$queryRaw<TierDto[]>`SELECT id, name, threshold FROM "Tier" WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} FOR UPDATE`;
  if (!rows[0]) throw AppError.notFound("tier");
  return rows[0];
}

export async function updateTier(ctx: TenantContext, id: string, raw: TierUpdateInput): Promise<TierDto> {
  assertCan(ctx, "settings:write");
  const patch = ZTierUpdate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      const before = await lockTier(tx, ctx, id);
      const after = { name: patch.name ?? before.name, threshold: patch.threshold ?? before.threshold };
      const changed = (["name", "threshold"] as const).filter((k) => before[k] !== after[k]);
      if (changed.length === 0) return before;
      await assertFree(
        tx,
        ctx,
        { name: changed.includes("name") ? after.name : undefined, threshold: changed.includes("threshold") ? after.threshold : undefined },
        id,
      );
      await tx.tier.updateMany({ where: { tenantId: ctx.tenantId, id }, data: after });
      await writeAudit(tx, ctx, {
        action: "tier.updated",
        targetType: "Tier",
        targetId: id,
        data: { changed, before: { name: before.name, threshold: before.threshold }, after },
      });
      return { id, ...after };
    });
  } catch (error) {
    throw conflictOn(error, patch) ?? error;
  }
}

/**
 * Deletes a tier no segment names (a campaign targeting "tier is Gold" would otherwise silently
 * target nobody): CONFLICT names the segments.
 */
export async function deleteTier(ctx: TenantContext, id: string): Promise<{ deleted: true }> {
  assertCan(ctx, "settings:write");
  return getDb().$transaction(async (tx) => {
    const tier = await lockTier(tx, ctx, id);
    const segments = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Segment" WHERE "tenantId" = ${ctx.tenantId} AND filter->>'tierId' = ${id} ORDER BY name LIMIT 5`;
    if (segments.length > 0) {
      throw new AppError("CONFLICT", `segment ${segments.map((s) => `“${s.name}”`).join(", ")} targets this tier: change the segment's condition first`);
    }
    const rewards = await tx.reward.findMany({
      where: { tenantId: ctx.tenantId, minimumTierId: id },
      select: { name: true },
      orderBy: { name: "asc" },
      take: 5,
    });
    if (rewards.length > 0) {
      throw new AppError("CONFLICT", `reward ${rewards.map((r) => `“${r.name}”`).join(", ")} is for this tier: change the reward's minimum tier first`);
    }
    await tx.tier.deleteMany({ where: { tenantId: ctx.tenantId, id } });
    await writeAudit(tx, ctx, { action: "tier.deleted", targetType: "Tier", targetId: id, data: { before: { name: tier.name, threshold: tier.threshold } } });
    return { deleted: true as const };
  });
}

export async function updateTierPeriod(ctx: TenantContext, raw: TierPeriodUpdateInput): Promise<{ periodMonths: number }> {
  assertCan(ctx, "settings:write");
  const { months } = ZTierPeriodUpdate.parse(raw);
  return getDb().$transaction(async (tx) => {
    const before = await loadTierPeriodMonths(tx, ctx);
    if (before === months) return { periodMonths: months };
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { tierPeriodMonths: months } });
    await writeAudit(tx, ctx, { action: "tier.period-changed", targetType: "Tenant", targetId: ctx.tenantId, data: { before, after: months } });
    return { periodMonths: months };
  });
}
