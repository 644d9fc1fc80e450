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

interface LiveEndpoint {
  url: string;
  secrets: string[];
}

/** The claimed deliveries' endpoints with their live secrets, each read and opened once per batch. */
async function liveEndpoints(batch: readonly Claimed[], now: Date): Promise<Map<string, LiveEndpoint>> {
  const live = new Map<string, LiveEndpoint>();
  const byTenant = new Map<string, Set<string>>();
  for (const d of batch) byTenant.set(d.tenantId, (byTenant.get(d.tenantId) ?? new Set()).add(d.webhookId));
  for (const [tenantId, ids] of byTenant) {
    const rows = await getDb().webhook.findMany({
      where: { tenantId, id: { in: [...ids] } },
      select: { id: true, url: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true },
    });
    for (const row of rows) {
      const secrets = [openWebhookSecret(tenantId, row.id, row.secretCiphertext)];
      if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
        secrets.push(openWebhookSecret(tenantId, row.id, row.previousSecretCiphertext, "previousSecret"));
      }
      live.set(`${tenantId}:${row.id}`, { url: row.url, secrets });
    }
  }
  return live;
}

function attempt(delivery: Claimed, endpoint: LiveEndpoint, now: Date): Promise<SendOutcome> {
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

async function runOne(delivery: Claimed, endpoint: LiveEndpoint | undefined, now: Date): Promise<boolean> {
  // An endpoint deleted since the claim: its deliveries went with it (cascade).
  if (!endpoint) return false;
  const outcome = await attempt(delivery, endpoint, now);
  await record(delivery, outcome, now);
  return outcome.ok;
}

/**
 * Claims due deliveries across brands and sends them, up to CONCURRENCY at once, within a time
 * budget (the tick and the dispatcher both call it). `keepGoing` lets a stopping worker finish the
 * batch in hand without claiming another.
 */
export async function deliverDueWebhooks(
  clock: () => Date = () => new Date(),
  keepGoing: () => boolean = () => true,
): Promise<{ attempted: number; delivered: number }> {
  const started = Date.now();
  const totals = { attempted: 0, delivered: 0 };
  while (Date.now() - started < TICK_BUDGET_MS && keepGoing()) {
    const batch = await claim(clock());
    if (batch.length === 0) break;
    const endpoints = await liveEndpoints(batch, clock());
    let next = 0;
    // A pool, not fixed chunks: one slow endpoint holds one slot, not the seven beside it.
    const slot = async () => {
      while (next < batch.length) {
        const delivery = batch[next++]!;
        totals.attempted++;
        try {
          if (await runOne(delivery, endpoints.get(`${delivery.tenantId}:${delivery.webhookId}`), clock())) totals.delivered++;
        } catch (error) {
          getLogger().error({ err: String(error) }, "webhook delivery could not be recorded; its lease will expire and it is retried");
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, slot));
    if (batch.length < BATCH) break;
  }
  return totals;
}
