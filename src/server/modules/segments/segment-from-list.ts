import { z } from "zod";
import type { TenantContext } from "../../auth/tenant-context";
import { AppError } from "../../errors";
import { ZCustomerListQuery, type CustomerListQuery } from "../customers/customer.schemas";
import { createSegment } from "./segment.service";
import { hasAnyCondition, NO_CONDITION_MESSAGE, type SegmentDto, type SegmentFilter } from "./segment.schemas";

/** "Save these filters as a segment" on the customers list: a name and the list's filters. */
export const ZSegmentFromList = z.strictObject({
  name: z.string({ message: "name is required" }).trim().min(1, "name is required").max(100, "at most 100 characters"),
  query: ZCustomerListQuery,
});
export type SegmentFromListInput = z.input<typeof ZSegmentFromList>;

/**
 * The customers list's filters as a segment filter, condition for condition, so the segment
 * selects exactly the customers the list shows (both exclude merged and erased customers, and
 * the search is one shared predicate). Sort and page are how the list is read, not who is in it.
 */
export function segmentFilterOfList(raw: CustomerListQuery): SegmentFilter {
  const query = ZCustomerListQuery.parse(raw);
  return {
    lifecycleStages: query.stage ? [query.stage] : [],
    sentimentLabels: query.sentiment ? [query.sentiment] : [],
    search: query.q ?? null,
    npsClasses: [],
    minFollowers: query.minFollowers ?? null,
    minPoints: query.minPoints ?? null,
    minLifetimeEarned: null,
    tierId: null,
  };
}

export async function createSegmentFromList(ctx: TenantContext, raw: SegmentFromListInput): Promise<SegmentDto> {
  const input = ZSegmentFromList.parse(raw);
  const filter = segmentFilterOfList(input.query);
  if (!hasAnyCondition(filter)) throw new AppError("BAD_REQUEST", `the list has no filter to save: ${NO_CONDITION_MESSAGE}`);
  return createSegment(ctx, { name: input.name, filter });
}
