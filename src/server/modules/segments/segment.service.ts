import { assertCan, ctxCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { segmentMemberCountsSql, segmentMembersPageSql, type SegmentMemberRow } from "./segment-membership";
import { SEGMENT_SELECT, segmentAuditSnapshot, storedFilter, toSegmentDto, toSegmentMemberDto } from "./segment.mapper";
import {
  ZSegmentCreate,
  ZSegmentId,
  ZSegmentMembersQuery,
  ZSegmentUpdate,
  type SegmentCreateInput,
  type SegmentDto,
  type SegmentList,
  type SegmentMembersPage,
  type SegmentMembersQuery,
  type SegmentUpdateInput,
} from "./segment.schemas";

/**
 * Segments: named filters over the tenant's live customers (see segment-membership.ts for who is
 * in one). Marketers (customers:write) create and edit them. A segment that a campaign targets
 * decides who gets that campaign's multiplier, so changing its filter then takes settings:write
 * (as changing the campaign would), and it cannot be deleted while targeted: the campaign would
 * silently apply to everyone.
 */

/** The brand's tier names by id (segments name a tier by id; the DTO shows its name). */
async function tierNames(db: Db | DbTx, ctx: TenantContext): Promise<Map<string, string>> {
  const tiers = await db.tier.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
  return new Map(tiers.map((t) => [t.id, t.name]));
}

/** A tier condition must name one of the brand's tiers (another brand's id answers as an unknown one). */
async function assertTierExists(tx: DbTx, ctx: TenantContext, filter: { tierId: string | null }) {
  if (filter.tierId === null) return;
  const tier = await tx.tier.findFirst({ where: { tenantId: ctx.tenantId, id: filter.tierId }, select: { id: true } });
  if (!tier) {
    throw new AppError("VALIDATION_FAILED", "the tier does not exist in this brand", { issues: [{ path: "tierId", message: "no such tier in this brand" }] });
  }
}

async function countMembers(ctx: TenantContext, segments: { id: string; filter: unknown }[]): Promise<Map<string, number>> {
  if (segments.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ segmentId: string; members: number }[]>(segmentMemberCountsSql(ctx, segments));
  return new Map(rows.map((r) => [r.segmentId, r.members]));
}

/** Every segment of the tenant by name, each with its current member count (one statement for all counts). */
export async function listSegments(ctx: TenantContext): Promise<SegmentList> {
  assertCan(ctx, "customers:read");
  const rows = await getDb().segment.findMany({ where: { tenantId: ctx.tenantId }, select: SEGMENT_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const [counts, tiers] = await Promise.all([countMembers(ctx, rows), tierNames(getDb(), ctx)]);
  return { items: rows.map((r) => ({ ...toSegmentDto(r, tiers), memberCount: counts.get(r.id) ?? 0 })) };
}

export async function getSegmentOrThrow(ctx: TenantContext, id: string): Promise<SegmentDto> {
  assertCan(ctx, "customers:read");
  if (!ZSegmentId.safeParse(id).success) throw AppError.notFound("segment");
  const row = await getDb().segment.findFirst({ where: { tenantId: ctx.tenantId, id }, select: SEGMENT_SELECT });
  if (!row) throw AppError.notFound("segment");
  return toSegmentDto(row, await tierNames(getDb(), ctx));
}

/** One page of the segment's members (newest customers first) and how many there are. */
export async function listSegmentMembers(ctx: TenantContext, id: string, rawQuery: SegmentMembersQuery = {}): Promise<SegmentMembersPage> {
  assertCan(ctx, "customers:read");
  const query = ZSegmentMembersQuery.parse(rawQuery);
  if (!ZSegmentId.safeParse(id).success) throw AppError.notFound("segment");
  const db = getDb();
  const row = await db.segment.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { id: true, filter: true } });
  if (!row) throw AppError.notFound("segment");
  const filter = storedFilter(row);
  const [members, counts] = await Promise.all([
    db.$queryRaw<SegmentMemberRow[]>(segmentMembersPageSql(ctx, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize })),
    countMembers(ctx, [row]),
  ]);
  return { items: members.map(toSegmentMemberDto), total: counts.get(id) ?? 0, page: query.page, pageSize: query.pageSize };
}

function nameConflict(name: string): AppError {
  return new AppError("CONFLICT", `another segment is already named "${name}"`, {
    issues: [{ path: "name", message: "another segment already has this name" }],
  });
}

async function assertNameFree(tx: DbTx, ctx: TenantContext, name: string, exceptId?: string) {
  const clash = await tx.segment.findFirst({
    where: { tenantId: ctx.tenantId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameConflict(name);
}

function campaignNames(campaigns: { name: string }[]): string {
  return campaigns.map((c) => `“${c.name}”`).join(", ");
}

/** Locks the segment row (edits and deletes of one segment run one at a time) and reads it. */
async function lockSegment(tx: DbTx, ctx: TenantContext, id: string) {
  if (!ZSegmentId.safeParse(id).success) throw AppError.notFound("segment");
  await tx.$queryRaw`SELECT id FROM "Segment" WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} FOR UPDATE`;
  const row = await tx.segment.findFirst({ where: { tenantId: ctx.tenantId, id }, select: SEGMENT_SELECT });
  if (!row) throw AppError.notFound("segment");
  return row;
}

export async function createSegment(ctx: TenantContext, raw: SegmentCreateInput): Promise<SegmentDto> {
  assertCan(ctx, "customers:write");
  const input = ZSegmentCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      await assertNameFree(tx, ctx, input.name);
      await assertTierExists(tx, ctx, input.filter);
      const row = await tx.segment.create({ data: { tenantId: ctx.tenantId, name: input.name, filter: input.filter }, select: SEGMENT_SELECT });
      await writeAudit(tx, ctx, { action: "segment.created", targetType: "Segment", targetId: row.id, data: { after: segmentAuditSnapshot(input) } });
      return toSegmentDto(row, await tierNames(tx, ctx));
    });
  } catch (error) {
    // A concurrent create with the same name loses the race at the unique index.
    if (isUniqueViolation(error)) throw nameConflict(input.name);
    throw error;
  }
}

/**
 * Renames a segment and/or replaces its filter, under a row lock. An edit that changes nothing
 * writes nothing. Changing the filter of a segment a campaign targets needs settings:write.
 */
export async function updateSegment(ctx: TenantContext, id: string, raw: SegmentUpdateInput): Promise<SegmentDto> {
  assertCan(ctx, "customers:write");
  const patch = ZSegmentUpdate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await lockSegment(tx, ctx, id);
      const before = segmentAuditSnapshot({ name: current.name, filter: storedFilter(current) });
      const after = { name: patch.name ?? before.name, filter: patch.filter ?? before.filter };
      const changed = (["name", "filter"] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length === 0) return toSegmentDto(current, await tierNames(tx, ctx));
      if (changed.includes("filter") && current.campaigns.length > 0 && !ctxCan(ctx, "settings:write")) {
        throw new AppError(
          "FORBIDDEN",
          `campaign ${campaignNames(current.campaigns)} targets this segment: only admins and the owner can change who is in it`,
          { issues: [{ path: "filter", message: "targeted by a campaign: only admins and the owner can change the conditions" }] },
        );
      }
      if (changed.includes("name")) await assertNameFree(tx, ctx, after.name, id);
      if (changed.includes("filter")) await assertTierExists(tx, ctx, after.filter);
      const updated = await tx.segment.updateManyAndReturn({
        where: { tenantId: ctx.tenantId, id },
        data: { name: after.name, filter: after.filter, updatedAt: new Date() },
        select: { id: true },
      });
      if (updated.length !== 1) throw AppError.notFound("segment");
      const row = await tx.segment.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: SEGMENT_SELECT });
      await writeAudit(tx, ctx, { action: "segment.updated", targetType: "Segment", targetId: id, data: { changed, before, after } });
      return toSegmentDto(row, await tierNames(tx, ctx));
    });
  } catch (error) {
    if (patch.name !== undefined && isUniqueViolation(error)) throw nameConflict(patch.name);
    throw error;
  }
}

/** Deletes a segment no campaign targets (CONFLICT names the campaigns otherwise). */
export async function deleteSegment(ctx: TenantContext, id: string): Promise<{ deleted: true }> {
  assertCan(ctx, "customers:write");
  return getDb().$transaction(async (tx) => {
    const current = await lockSegment(tx, ctx, id);
    if (current.campaigns.length > 0) {
      throw new AppError("CONFLICT", `campaign ${campaignNames(current.campaigns)} targets this segment: give the campaign another segment (or none) first`);
    }
    await tx.segment.deleteMany({ where: { tenantId: ctx.tenantId, id } });
    await writeAudit(tx, ctx, {
      action: "segment.deleted",
      targetType: "Segment",
      targetId: id,
      data: { before: segmentAuditSnapshot({ name: current.name, filter: storedFilter(current) }) },
    });
    return { deleted: true as const };
  });
}
