import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import type { SegmentMemberRow } from "./segment-membership";
import { ZSegmentFilter, type SegmentDto, type SegmentFilter, type SegmentMemberDto } from "./segment.schemas";

interface SegmentRow {
  id: string;
  name: string;
  filter: unknown;
  createdAt: Date;
  updatedAt: Date;
  campaigns: { id: string; name: string }[];
}

export const SEGMENT_SELECT = {
  id: true,
  name: true,
  filter: true,
  createdAt: true,
  updatedAt: true,
  campaigns: { select: { id: true, name: true }, orderBy: [{ name: "asc" as const }, { id: "asc" as const }] },
} satisfies Prisma.SegmentSelect;

/** Filters are validated before they are stored; one that no longer parses is a bug, not input. */
export function storedFilter(row: { id: string; filter: unknown }): SegmentFilter {
  const parsed = ZSegmentFilter.safeParse(row.filter);
  if (!parsed.success) throw new AppError("INTERNAL", `segment ${row.id} has an invalid stored filter`);
  return parsed.data;
}

/** Prisma rows never reach React or JSON: this is the segment's public shape. `tierNames`: the brand's tiers by id. */
export function toSegmentDto(row: SegmentRow, tierNames: ReadonlyMap<string, string>): SegmentDto {
  const filter = storedFilter(row);
  return {
    id: row.id,
    name: row.name,
    filter,
    tierName: filter.tierId ? (tierNames.get(filter.tierId) ?? null) : null,
    campaigns: row.campaigns.map((c) => ({ id: c.id, name: c.name })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSegmentMemberDto(row: SegmentMemberRow): SegmentMemberDto {
  return {
    id: row.id,
    displayName: row.displayName,
    lifecycleStage: row.stage as SegmentMemberDto["lifecycleStage"],
    sentimentLabel: row.label as SegmentMemberDto["sentimentLabel"],
    followers: row.followers,
    points: row.balance,
    lifetimeEarned: row.lifetime,
  };
}

/** What the audit log keeps of a segment, before and after a change. */
export function segmentAuditSnapshot(row: { name: string; filter: SegmentFilter }) {
  return { name: row.name, filter: row.filter };
}
