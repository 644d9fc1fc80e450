import type { TenantContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import { createSharePostsForEntries, SHARE_LEASE_MS, SHARE_MAX_ATTEMPTS } from "../../modules/sharing/share-posts";
import { enqueueMany } from "../../jobs/queues";

/** What an award looks like to sharing; only `id` is trusted, the rest is re-read from the ledger. */
export interface AwardedEntry {
  id: string;
  customerId: string;
  amount: number;
}

/** The job id of a share: one job per SharePost row while BullMQ remembers it. */
export function shareJobId(sharePostId: string): string {
  return `share:${sharePostId}`;
}

/** Enqueues one `share.post-award` job per SharePost id (addBulk, deduplicated by job id). */
export async function enqueueSharePosts(ctx: TenantContext, sharePostIds: string[]): Promise<void> {
  await enqueueMany(
    "share.post-award",
    sharePostIds.map((id) => ({ payload: { tenantId: ctx.tenantId, sharePostId: id }, options: { jobId: shareJobId(id) } })),
  );
}

/**
 * Call after the transaction that posted the awards has committed: creates the SharePost rows
 * (PENDING, at most one per ledger entry, only for customers who currently allow posting through
 * a linked profile) and enqueues one job per row it created. Calling it again for the same
 * entries creates and enqueues nothing. Returns the ids of the rows created.
 *
 * A crash between the ledger commit and this call loses the shares of that page; to close the
 * gap, call `createSharePostsForEntries(tx, …)` inside the ingest transaction and
 * `enqueueSharePosts` after commit; `sweepUnfinishedShares` re-queues rows whose job was lost.
 */
export async function queueSharesForAwards(ctx: TenantContext, entries: readonly AwardedEntry[]): Promise<string[]> {
  const positive = entries.filter((e) => e.amount > 0).map((e) => e.id);
  if (positive.length === 0) return [];
  const created = await createSharePostsForEntries(getDb(), ctx, positive);
  const ids = created.map((c) => c.id);
  await enqueueSharePosts(ctx, ids);
  return ids;
}

/**
 * The sweeper: across tenants, unfinished shares that nobody is working on (PENDING or
 * FAILED-retryable, untouched for `idleMs`, younger than `maxAgeMs`) are enqueued again. The job
 * id is the row's, so a share whose job still waits, backs off or sits in the failed set is not
 * duplicated; a row whose job vanished (Redis lost, removed by retention) gets a new one.
 */
export async function sweepUnfinishedShares({
  now = new Date(),
  idleMs = 5 * 60_000,
  maxAgeMs = 24 * 3_600_000,
  limit = 1_000,
}: { now?: Date; idleMs?: number; maxAgeMs?: number; limit?: number } = {}): Promise<number> {
  const rows = await unsafeCrossTenantDb().sharePost.findMany({
    where: {
      status: { in: ["PENDING", "FAILED"] },
      attempts: { lt: SHARE_MAX_ATTEMPTS },
      updatedAt: { lt: new Date(now.getTime() - Math.max(idleMs, SHARE_LEASE_MS)) },
      createdAt: { gte: new Date(now.getTime() - maxAgeMs) },
    },
    select: { id: true, tenantId: true },
    orderBy: { createdAt: "asc" },
    take: Math.max(1, Math.min(limit, 10_000)),
  });
  await enqueueMany(
    "share.post-award",
    rows.map((r) => ({ payload: { tenantId: r.tenantId, sharePostId: r.id }, options: { jobId: shareJobId(r.id) } })),
  );
  return rows.length;
}
