import { systemContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import { getLogger } from "../../logger";
import { writeAudit } from "../audit/audit.service";
import { sendWebhook, signedHeaders, type SendOutcome } from "./send-webhook";
import { notifyAdminsOfDisabledWebhook } from "./webhook-disabled-mail";
import { openWebhookSecret } from "./webhook-secrets";
import { abandonPending } from "./webhooks.service";

/**
 * The retry schedule after each failed attempt (the Standard Webhooks reference schedule):
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about 27 hours.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** An endpoint that has failed every attempt for this long when a delivery gives up is turned off. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
/** A claimed delivery is hidden this long; should the worker die mid-send, it is tried again after. */
const LEASE_MS = 2 * 60_000;
const BATCH = 32;
const CONCURRENCY = 8;
/** One tick stops claiming after this, leaving the queue to the mail it shares. */
const TICK_BUDGET_MS = 20_000;

interface Claimed {
  id: string;
  tenantId: string;
  webhookId: string;
  messageId: string;
  payload: unknown;
  attempts: number;
}

async function claim(now: Date): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  // cross-tenant: the delivery tick serves every brand's due deliveries, then works per brand
  return unsafeCrossTenantDb().$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d SET "nextAttemptAt" = ${lease}
    WHERE d.id IN (SELECT id FROM "WebhookDelivery" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
                   ORDER BY "nextAttemptAt", id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."tenantId", d."webhookId", d."messageId", d.payload, d.attempts`;
}

async function liveSecrets(tenantId: string, webhookId: string, now: Date): Promise<{ url: string; secrets: string[] } | null> {
  const row = await getDb().webhook.findFirst({
    where: { tenantId, id: webhookId },
    select: { url: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true },
  });
  if (!row) return null;
  const secrets = [openWebhookSecret(tenantId, webhookId, row.secretCiphertext)];
  if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(openWebhookSecret(tenantId, webhookId, row.previousSecretCiphertext, "previousSecret"));
  }
  return { url: row.url, secrets };
}

async function attempt(delivery: Claimed, now: Date): Promise<SendOutcome | null> {
  const endpoint = await liveSecrets(delivery.tenantId, delivery.webhookId, now);
  if (!endpoint) return null;
  const body = JSON.stringify(delivery.payload);
  return sendWebhook(endpoint.url, signedHeaders(delivery.messageId, now, body, endpoint.secrets), body);
}

/** Writes one attempt's outcome, moves the endpoint's failure streak, and turns it off after sustained failure. */
async function record(delivery: Claimed, outcome: SendOutcome, now: Date): Promise<void> {
  const tenantId = delivery.tenantId;
  const attempts = delivery.attempts + 1;
  const givesUp = !outcome.ok && attempts >= MAX_ATTEMPTS;
  const common = {
    attempts,
    lastAttemptAt: now,
    responseStatus: outcome.status,
    responseExcerpt: outcome.excerpt,
    durationMs: outcome.durationMs,
    lastError: outcome.error,
  };
  const disabled = await getDb().$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({
      where: { tenantId, id: delivery.id, status: "PENDING" },
      data: outcome.ok
        ? { ...common, status: "DELIVERED", deliveredAt: now, nextAttemptAt: null }
        : givesUp
          ? { ...common, status: "FAILED", nextAttemptAt: null }
          : { ...common, nextAttemptAt: new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]!) },
    });
    if (outcome.ok) {
      await tx.webhook.updateMany({ where: { tenantId, id: delivery.webhookId, failingSince: { not: null } }, data: { failingSince: null } });
      return false;
    }
    await tx.webhook.updateMany({ where: { tenantId, id: delivery.webhookId, failingSince: null }, data: { failingSince: now } });
    if (!givesUp) return false;
    const streakStart = new Date(now.getTime() - DISABLE_AFTER_FAILING_MS);
    const turnedOff = await tx.webhook.updateMany({
      where: { tenantId, id: delivery.webhookId, enabled: true, failingSince: { lte: streakStart } },
      data: { enabled: false, disabledAt: now, disabledReason: "Turned off automatically: every delivery attempt failed for more than a day" },
    });
    if (turnedOff.count === 0) return false;
    await abandonPending(tx, systemContext(tenantId), delivery.webhookId, "the endpoint was turned off after failing for more than a day");
    await writeAudit(tx, systemContext(tenantId), {
      action: "webhook.disabled",
      targetType: "Webhook",
      targetId: delivery.webhookId,
      data: { reason: "sustained failure", lastError: outcome.error },
    });
    return true;
  });
  if (disabled) await notifyAdminsOfDisabledWebhook(systemContext(tenantId), delivery.webhookId, now);
}

async function runOne(delivery: Claimed, now: Date): Promise<boolean> {
  const outcome = await attempt(delivery, now);
  if (!outcome) return false;
  await record(delivery, outcome, now);
  return outcome.ok;
}

/** The worker's tick: claims due deliveries across brands and sends them, a few at a time, within a time budget. */
export async function deliverDueWebhooks(clock: () => Date = () => new Date()): Promise<{ attempted: number; delivered: number }> {
  const started = Date.now();
  const totals = { attempted: 0, delivered: 0 };
  while (Date.now() - started < TICK_BUDGET_MS) {
    const now = clock();
    const batch = await claim(now);
    if (batch.length === 0) break;
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      const results = await Promise.allSettled(batch.slice(i, i + CONCURRENCY).map((d) => runOne(d, clock())));
      for (const result of results) {
        totals.attempted++;
        if (result.status === "fulfilled" && result.value) totals.delivered++;
        if (result.status === "rejected")
          getLogger().error({ err: String(result.reason) }, "webhook delivery could not be recorded; its lease will expire and it is retried");
      }
    }
    if (batch.length < BATCH) break;
  }
  return totals;
}
