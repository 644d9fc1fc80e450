import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";

/**
 * How many stored mentions each of the tenant's sources matched. A post found by two sources
 * counts under both (MentionMatch holds every match), although it is one mention, paid once.
 * Sources with no match are absent from the map.
 */
export async function countMentionsPerSource(ctx: TenantContext): Promise<Map<string, number>> {
  assertCan(ctx, "settings:read");
  const rows = await getDb().mentionMatch.groupBy({
    by: ["sourceId"],
    where: { tenantId: ctx.tenantId },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.sourceId, r._count._all]));
}
