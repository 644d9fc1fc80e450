import { unsafeCrossTenantDb } from "../../db/client";
import { getRedis } from "../../redis";

/** How long a finished delivery stays in the log (pending ones stay until they finish). */
export const DELIVERY_LOG_DAYS = 30;
const PRUNE_EVERY_SECONDS = 3_600;
const PRUNE_BATCH = 5_000;

/**
 * Keeps the delivery log bounded: finished deliveries older than DELIVERY_LOG_DAYS are deleted, at
 * most once an hour across all workers (a Redis key taken with NX), a batch at a time, endpoint by
 * endpoint along the (tenantId, webhookId, createdAt) index.
 */
export async function pruneDeliveryLog(now = new Date(), force = false): Promise<number> {
  if (!force) {
    const taken = await getRedis("cache").set("megaphone:webhooks:pruned", String(now.getTime()), "EX", PRUNE_EVERY_SECONDS, "NX");
    if (taken !== "OK") return 0;
  }
  const before = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000);
  const db = unsafeCrossTenantDb();
  let deleted = 0;
  const endpoints = await db.webhook.findMany({ where: { id: { startsWith: "whk_" } }, select: { tenantId: true, id: true } });
  for (const endpoint of endpoints) {
    // cross-tenant: the hourly prune walks every brand's endpoints; each statement names one endpoint's tenant
    deleted += await db.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE id IN (
        SELECT id FROM "WebhookDelivery"
        WHERE "tenantId" = ${endpoint.tenantId} AND "webhookId" = ${endpoint.id} AND "createdAt" < ${before} AND status <> 'PENDING'
        LIMIT ${PRUNE_BATCH})`;
  }
  return deleted;
}
