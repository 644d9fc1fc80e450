import type { TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { AppError } from "../../../errors";
import { loadSegmentRefs, segmentMemberIdsSql } from "../../segments/segment-membership";

/**
 * The inbox's segment filter: mentions whose attributed customer is in the segment now, by the
 * segments module's own rules (a prospect's mention is in no segment). The segment must be one of
 * this brand's: an unknown id (deleted since a view was saved, or another brand's) is refused
 * with a field error rather than dropped, because dropping it would widen "all matching" to every
 * mention.
 */
export async function segmentCondition(ctx: TenantContext, segmentId: string): Promise<Prisma.Sql> {
  const [segment] = await loadSegmentRefs(getDb(), ctx, [segmentId]);
  if (!segment) {
    throw new AppError("VALIDATION_FAILED", "the segment in these filters does not exist in this brand (it may have been deleted)", {
      issues: [{ path: "segment", message: "no such segment in this brand" }],
    });
  }
  return Prisma.sql`m."customerId" IN (${segmentMemberIdsSql(ctx, segment)})`;
}

/** Whether an error is the refusal above, which the inbox page shows instead of the list. */
export function isUnknownSegment(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "VALIDATION_FAILED" && error.issues.some((i) => i.path === "segment");
}
