import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";

/**
 * A merge's share of the notification tables, in the merge's transaction. The merged record is
 * never written to again (loadRecipients skips it), so what it still had pending goes to the
 * survivor: ledger entries not yet told (the outbox) and days waiting for their digest. Its
 * preferences count too: an opt-out on either record stays an opt-out on the survivor, so a merge
 * never starts mail the person turned off.
 */
export async function moveNotificationsOnMerge(tx: DbTx, ctx: TenantContext, mergedId: string, survivorId: string): Promise<void> {
  await tx.notificationOutbox.updateMany({ where: { tenantId: ctx.tenantId, customerId: mergedId }, data: { customerId: survivorId } });
  await tx.$executeRaw`
    INSERT INTO "NotificationDigestDue" ("tenantId", "customerId", day)
    SELECT "tenantId", ${survivorId}, day FROM "NotificationDigestDue" WHERE "tenantId" = ${ctx.tenantId} AND "customerId" = ${mergedId}
    ON CONFLICT DO NOTHING`;
  await tx.notificationDigestDue.deleteMany({ where: { tenantId: ctx.tenantId, customerId: mergedId } });

  const merged = await tx.notificationPreference.findUnique({ where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: mergedId } } });
  if (!merged) return;
  const survivor = await tx.notificationPreference.findUnique({ where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: survivorId } } });
  const prefs = {
    digest: merged.digest && (survivor?.digest ?? true),
    affordable: merged.affordable && (survivor?.affordable ?? true),
    cap: merged.cap && (survivor?.cap ?? true),
  };
  await tx.notificationPreference.upsert({
    where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: survivorId } },
    create: { tenantId: ctx.tenantId, customerId: survivorId, ...prefs },
    update: prefs,
  });
}
