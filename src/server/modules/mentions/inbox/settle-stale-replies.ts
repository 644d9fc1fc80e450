import { systemContext } from "../../../auth/tenant-context";
import { unsafeCrossTenantDb } from "../../../db/client";
import { writeAudits } from "../../audit/audit.service";

/** Longer than any network call of a reply may take (the provider's own timeouts are far shorter). */
export const REPLY_SETTLE_AFTER_MS = 5 * 60_000;

export const UNKNOWN_OUTCOME =
  "the outcome is unknown: the app stopped while this reply was being posted. Check the thread on the network before replying again";

/**
 * A reply is written SENDING before the network is called (reply-to-mention.ts); a process that
 * dies between the call and the outcome leaves it SENDING for ever, and the inbox would say
 * "Sending…" with no end. After REPLY_SETTLE_AFTER_MS it is marked FAILED with an honest "unknown"
 * (the post may exist at the network, so nothing is posted again) and audited for its brand. A
 * call that does come back later still records its outcome: that update does not look at the status.
 * Runs as a maintenance tick across brands; returns how many replies it settled.
 */
export async function settleStaleReplies({ now = new Date(), limit = 1_000 }: { now?: Date; limit?: number } = {}): Promise<number> {
  const before = new Date(now.getTime() - REPLY_SETTLE_AFTER_MS);
  // cross-tenant: a platform sweep; each row keeps its own tenantId and each audit row is written for that tenant.
  const settled = await unsafeCrossTenantDb().$transaction(async (tx) => {
    const stale = await tx.mentionReply.findMany({
      where: { status: "SENDING", createdAt: { lt: before } },
      select: { id: true, tenantId: true, mentionId: true, asHandle: true },
      orderBy: { createdAt: "asc" },
      take: Math.max(1, Math.min(limit, 10_000)),
    });
    if (stale.length === 0) return stale;
    await tx.mentionReply.updateMany({ where: { id: { in: stale.map((r) => r.id) }, status: "SENDING" }, data: { status: "FAILED", error: UNKNOWN_OUTCOME } });
    const byTenant = new Map<string, typeof stale>();
    for (const row of stale) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row]);
    for (const [tenantId, rows] of byTenant) {
      await writeAudits(
        tx,
        systemContext(tenantId),
        rows.map((r) => ({
          action: "mention.reply_failed",
          targetType: "Mention",
          targetId: r.mentionId,
          data: { replyId: r.id, asHandle: r.asHandle, outcome: "unknown" },
        })),
      );
    }
    return stale;
  });
  return settled.length;
}
