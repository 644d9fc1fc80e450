import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { Prisma } from "../../../db/generated/client";
import { writeAudit } from "../../audit/audit.service";
import { TRIAGE_STEP_OF, ZTriageMatching, type TriageMatchingInput } from "./inbox.schemas";
import { inboxConditions } from "./list-inbox";

/**
 * "All matching": moves every mention the inbox's filters match to a triage step, however many
 * pages they fill, in one statement (the same conditions the list uses, so what moves is what the
 * list shows). Disqualified and deleted mentions keep their state. One audit entry names the
 * filters and the count; a per-mention entry for ten thousand rows would drown the trail.
 * Disqualifying stays a selection-only action: it reverses points one mention at a time.
 */
export async function setTriageForMatching(ctx: TenantContext, raw: TriageMatchingInput): Promise<{ changed: number }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZTriageMatching.parse(raw);
  const step = TRIAGE_STEP_OF[input.status];
  const conditions = await inboxConditions(ctx, input.filters);
  const extra = conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return getDb().$transaction(async (tx) => {
    const changed = await tx.$executeRaw(Prisma.sql`
      UPDATE "Mention" m SET triage = ${step}::"MentionTriage", "updatedAt" = now()
      WHERE m."tenantId" = ${ctx.tenantId} AND m.status NOT IN ('DISQUALIFIED', 'DELETED') AND m.triage <> ${step}::"MentionTriage" ${extra}`);
    if (changed > 0) {
      await writeAudit(tx, ctx, { action: "mention.triaged_matching", targetType: "Mention", data: { to: step, changed, filters: input.filters } });
    }
    return { changed };
  });
}
