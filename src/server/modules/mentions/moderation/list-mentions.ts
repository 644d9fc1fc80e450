import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import type { Prisma } from "../../../db/generated/client";
import { AppError } from "../../../errors";
import { loadMentionPoints, MENTION_SELECT, toMentionDto } from "./mention.mapper";
import { ZMentionId, ZMentionListQuery, type MentionDto, type MentionListQuery, type MentionPage } from "./mention.schemas";

/**
 * The tenant's mentions, newest post first, for the inbox: optionally one status and/or one
 * customer, with the points each one paid (and had reversed) from the ledger.
 */
export async function listMentions(ctx: TenantContext, rawQuery: MentionListQuery = {}): Promise<MentionPage> {
  assertCan(ctx, "mentions:read");
  const query = ZMentionListQuery.parse(rawQuery);
  const where: Prisma.MentionWhereInput = { tenantId: ctx.tenantId };
  if (query.status) where.status = query.status;
  if (query.customerId) where.customerId = query.customerId;
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.mention.findMany({
      where,
      select: MENTION_SELECT,
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.mention.count({ where }),
  ]);
  const points = await loadMentionPoints(
    db,
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toMentionDto(r, points.get(r.id))), total, page: query.page, pageSize: query.pageSize };
}

/** One mention, shaped as an item of the list (its points included); another brand's, or no such id, is 404. */
export async function getMention(ctx: TenantContext, id: string): Promise<MentionDto> {
  assertCan(ctx, "mentions:read");
  if (!ZMentionId.safeParse(id).success) throw AppError.notFound("mention");
  const db = getDb();
  const row = await db.mention.findFirst({ where: { tenantId: ctx.tenantId, id }, select: MENTION_SELECT });
  if (!row) throw AppError.notFound("mention");
  const points = await loadMentionPoints(db, ctx, [row.id]);
  return toMentionDto(row, points.get(row.id));
}
