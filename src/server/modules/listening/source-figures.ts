import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";

/**
 * How many stored mentions each of the tenant's sources matched: the mentions it stored first
 * (Mention.sourceId) plus those it matched after another source had stored them (MentionMatch).
 * A post found by two sources counts under both, although it is one mention, paid once.
 * Sources with no match are absent from the map.
 */
export async function countMentionsPerSource(ctx: TenantContext): Promise<Map<string, number>> {
  assertCan(ctx, "settings:read");
  const db = getDb();
  const [first, later] = await Promise.all([
    db.mention.groupBy({ by: ["sourceId"], where: { tenantId: ctx.tenantId, sourceId: { not: null } }, _count: { _all: true } }),
    db.mentionMatch.groupBy({ by: ["sourceId"], where: { tenantId: ctx.tenantId }, _count: { _all: true } }),
  ]);
  const counts = new Map<string, number>();
  for (const row of [...first, ...later]) {
    if (row.sourceId) counts.set(row.sourceId, (counts.get(row.sourceId) ?? 0) + row._count._all);
  }
  return counts;
}
