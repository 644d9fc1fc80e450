import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { CAMPAIGN_SELECT, campaignAuditSnapshot, toCampaignDto } from "./campaign.mapper";
import {
  ZCampaignCreate,
  ZCampaignId,
  ZCampaignListQuery,
  ZCampaignUpdate,
  type CampaignCreateInput,
  type CampaignDto,
  type CampaignListQuery,
  type CampaignPage,
  type CampaignUpdateInput,
  type SegmentOption,
} from "./campaign.schemas";

function statusWhere(status: CampaignPage["items"][number]["status"] | undefined, now: Date): Prisma.CampaignWhereInput {
  switch (status) {
    case undefined:
      return {};
    case "scheduled":
      return { startsAt: { gt: now } };
    case "running":
      return { startsAt: { lte: now }, endsAt: { gt: now } };
    case "ended":
      return { endsAt: { lte: now } };
    default: {
      const unreachable: never = status;
      throw new Error(`unknown campaign status ${String(unreachable)}`);
    }
  }
}

export async function listCampaigns(ctx: TenantContext, rawQuery: CampaignListQuery = {}, now = new Date()): Promise<CampaignPage> {
  assertCan(ctx, "settings:read");
  const query = ZCampaignListQuery.parse(rawQuery);
  const where: Prisma.CampaignWhereInput = { tenantId: ctx.tenantId, ...statusWhere(query.status, now) };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.campaign.findMany({
      where,
      select: CAMPAIGN_SELECT,
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.campaign.count({ where }),
  ]);
  return { items: rows.map((r) => toCampaignDto(r, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getCampaignOrThrow(ctx: TenantContext, id: string, now = new Date()): Promise<CampaignDto> {
  assertCan(ctx, "settings:read");
  if (!ZCampaignId.safeParse(id).success) throw AppError.notFound("campaign");
  const row = await getDb().campaign.findFirst({ where: { tenantId: ctx.tenantId, id }, select: CAMPAIGN_SELECT });
  if (!row) throw AppError.notFound("campaign");
  return toCampaignDto(row, now);
}

/** The tenant's segments a campaign can target, by name. */
export async function listSegmentOptions(ctx: TenantContext): Promise<SegmentOption[]> {
  assertCan(ctx, "settings:read");
  return getDb().segment.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** A segment of another tenant answers exactly like one that does not exist. */
async function assertSegmentInTenant(tx: DbTx, ctx: TenantContext, segmentId: string | null | undefined) {
  if (!segmentId) return;
  const found = await tx.segment.findFirst({ where: { tenantId: ctx.tenantId, id: segmentId }, select: { id: true } });
  if (!found) {
    throw new AppError("VALIDATION_FAILED", "the segment does not exist in this brand", {
      issues: [{ path: "segmentId", message: "no such segment in this brand" }],
    });
  }
}

function nameConflict(name: string): AppError {
  return new AppError("CONFLICT", `another campaign is already named "${name}"`, {
    issues: [{ path: "name", message: "another campaign already has this name" }],
  });
}

async function assertNameFree(tx: DbTx, ctx: TenantContext, name: string, exceptId?: string) {
  const clash = await tx.campaign.findFirst({
    where: { tenantId: ctx.tenantId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameConflict(name);
}

export async function createCampaign(ctx: TenantContext, raw: CampaignCreateInput, now = new Date()): Promise<CampaignDto> {
  assertCan(ctx, "settings:write");
  const input = ZCampaignCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      await assertNameFree(tx, ctx, input.name);
      await assertSegmentInTenant(tx, ctx, input.segmentId);
      const row = await tx.campaign.create({ data: { tenantId: ctx.tenantId, ...input }, select: CAMPAIGN_SELECT });
      await writeAudit(tx, ctx, {
        action: "campaign.created",
        targetType: "Campaign",
        targetId: row.id,
        data: { after: campaignAuditSnapshot(row) },
      });
      return toCampaignDto(row, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(input.name);
    throw error;
  }
}

/**
 * Changes some fields of a campaign; the window is checked on the campaign as it would become
 * (under a row lock). Awards already paid keep the multiplier they were paid with: the ledger
 * stores it in each entry's explanation.
 */
export async function updateCampaign(ctx: TenantContext, id: string, raw: CampaignUpdateInput, now = new Date()): Promise<CampaignDto> {
  assertCan(ctx, "settings:write");
  const patch = ZCampaignUpdate.parse(raw);
  if (!ZCampaignId.safeParse(id).success) throw AppError.notFound("campaign");
  try {
    return await getDb().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Campaign" WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} FOR UPDATE`;
      const current = await tx.campaign.findFirst({ where: { tenantId: ctx.tenantId, id }, select: CAMPAIGN_SELECT });
      if (!current) throw AppError.notFound("campaign");
      const next = ZCampaignCreate.parse({
        name: patch.name ?? current.name,
        description: patch.description !== undefined ? patch.description : current.description,
        network: patch.network !== undefined ? patch.network : current.network,
        startsAt: patch.startsAt ?? current.startsAt,
        endsAt: patch.endsAt ?? current.endsAt,
        multiplier: patch.multiplier ?? current.multiplier,
        segmentId: patch.segmentId !== undefined ? patch.segmentId : current.segmentId,
      });
      const before = campaignAuditSnapshot(current);
      const nextSnapshot = campaignAuditSnapshot({ ...current, ...next });
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== nextSnapshot[k]);
      if (changed.length === 0) return toCampaignDto(current, now);
      if (changed.includes("name")) await assertNameFree(tx, ctx, next.name, id);
      if (changed.includes("segmentId")) await assertSegmentInTenant(tx, ctx, next.segmentId);
      const updated = await tx.campaign.updateManyAndReturn({
        where: { tenantId: ctx.tenantId, id },
        data: { ...next, updatedAt: new Date() },
        select: { id: true },
      });
      if (updated.length !== 1) throw AppError.notFound("campaign");
      const row = await tx.campaign.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: CAMPAIGN_SELECT });
      await writeAudit(tx, ctx, {
        action: "campaign.updated",
        targetType: "Campaign",
        targetId: id,
        data: { changed, before, after: campaignAuditSnapshot(row) },
      });
      return toCampaignDto(row, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(patch.name ?? "");
    throw error;
  }
}
