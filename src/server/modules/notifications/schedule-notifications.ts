import type { TenantScope } from "../../auth/tenant-context";
import { unsafeCrossTenantDb } from "../../db/client";
import { enqueue, enqueueMany } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { digestJobId, drainJobId } from "./notifications.jobs";

/** A day's digests wait this long past midnight UTC, so the drain has paid the day's last awards. */
const DIGEST_GRACE_MS = 10 * 60_000;

/**
 * The tick's fan-out. Both tables hold only pending work (the drain and the digest delete their
 * rows), so reading them across tenants stays small whatever the ledger's size.
 */
export async function scheduleNotifications(now = new Date()): Promise<{ drains: number; digests: number }> {
  const db = unsafeCrossTenantDb();
  // cross-tenant: the scheduler's fan-out finds every tenant with outbox rows
  const drains = await db.$queryRaw<{ tenantId: string }[]>`SELECT DISTINCT "tenantId" FROM "NotificationOutbox"`;
  const before = new Date(`${new Date(now.getTime() - DIGEST_GRACE_MS).toISOString().slice(0, 10)}T00:00:00Z`);
  // cross-tenant: the scheduler's fan-out finds every tenant's finished days still waiting for digests
  const days = await db.$queryRaw<{ tenantId: string; day: Date }[]>`SELECT DISTINCT "tenantId", day FROM "NotificationDigestDue" WHERE day < ${before}`;
  await enqueueMany(
    "notifications.drain",
    drains.map(({ tenantId }) => ({ payload: { tenantId }, options: { jobId: drainJobId(tenantId) } })),
  );
  await enqueueMany(
    "notifications.send-digests",
    days.map(({ tenantId, day }) => {
      const d = day.toISOString().slice(0, 10);
      return { payload: { tenantId, day: d }, options: { jobId: digestJobId(tenantId, d) } };
    }),
  );
  return { drains: drains.length, digests: days.length };
}

/**
 * After a commit that wrote the ledger (a redemption): drain now rather than at the next tick.
 * Best effort by design: the outbox row is already committed, so a failed enqueue only waits for
 * the tick; it never loses the notification.
 *
 * Nudges for one tenant are coalesced in this process: while one enqueue is on its way, later
 * callers only ask for one more after it, so a burst of redemptions costs two Redis calls, not
 * one each, and the last enqueue still comes after the last caller's commit.
 */
export async function nudgeNotificationDrain(scope: TenantScope): Promise<void> {
  const state = nudges.get(scope.tenantId);
  if (state) {
    state.again = true;
    return;
  }
  const mine = { again: false };
  nudges.set(scope.tenantId, mine);
  try {
    do {
      mine.again = false;
      await enqueueDrain(scope.tenantId);
    } while (mine.again);
  } finally {
    nudges.delete(scope.tenantId);
  }
}

const nudges = new Map<string, { again: boolean }>();

async function enqueueDrain(tenantId: string): Promise<void> {
  try {
    await enqueue("notifications.drain", { tenantId }, { jobId: drainJobId(tenantId) });
  } catch (error) {
    getLogger().warn({ tenantId, err: error }, "notification drain not nudged; the tick will drain");
  }
}
