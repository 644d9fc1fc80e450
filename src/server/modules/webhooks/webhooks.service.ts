import { assertCan, type TenantContext, type TenantScope } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { TEST_EVENT_TYPE } from "./webhook-events";
import { DELIVERY_SELECT, toDeliveryDto, toWebhookDto, WEBHOOK_SELECT, type DeliveryRow } from "./webhook.mapper";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhook-secrets";
import { assertDeliverableUrl } from "./webhook-url";
import {
  ZCreateWebhook,
  ZRedeliver,
  ZSetWebhookEnabled,
  ZUpdateWebhook,
  ZWebhookRef,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type WebhookDeliveryDto,
  type WebhookDto,
} from "./webhook.schemas";

/** A brand has a few integrations; this stops a runaway script from fanning every event out a thousand times. */
const MAX_ENDPOINTS = 20;
/** After a rotation the old secret keeps signing (a second signature) for a day, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const DELIVERY_PAGE = 50;

function assertStaffWrites(ctx: TenantContext): void {
  assertCan(ctx, "settings:write");
  // An endpoint receives every chosen event: a leaked API key must not be able to add a listener.
  if (ctx.actor.type === "API_KEY") throw new AppError("FORBIDDEN", "webhooks are managed by brand admins in Settings, not with an API key");
}

/** Each endpoint's newest delivery, in one query. */
async function lastDeliveries(ctx: TenantContext, webhookIds: string[]): Promise<Map<string, DeliveryRow>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await getDb().webhookDelivery.findMany({
    where: { tenantId: ctx.tenantId, webhookId: { in: webhookIds } },
    orderBy: [{ webhookId: "asc" }, { createdAt: "desc" }],
    distinct: ["webhookId"],
    select: { ...DELIVERY_SELECT, webhookId: true },
  });
  return new Map(rows.map((row) => [row.webhookId, row as DeliveryRow]));
}

export async function listWebhooks(ctx: TenantContext, now = new Date()): Promise<WebhookDto[]> {
  assertCan(ctx, "settings:read");
  const rows = await getDb().webhook.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: "asc" }, select: WEBHOOK_SELECT });
  const last = await lastDeliveries(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toWebhookDto(r, last.get(r.id) ?? null, now));
}

export async function getWebhook(ctx: TenantContext, webhookId: string, now = new Date()): Promise<{ webhook: WebhookDto; deliveries: WebhookDeliveryDto[] }> {
  assertCan(ctx, "settings:read");
  const parsed = ZWebhookRef.safeParse({ webhookId });
  // A mistyped address is a page that does not exist, not a bad request.
  if (!parsed.success) throw AppError.notFound("webhook");
  const id = parsed.data.webhookId;
  const row = await getDb().webhook.findFirst({ where: { tenantId: ctx.tenantId, id }, select: WEBHOOK_SELECT });
  if (!row) throw AppError.notFound("webhook");
  const deliveries = (await getDb().webhookDelivery.findMany({
    where: { tenantId: ctx.tenantId, webhookId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_PAGE,
    select: DELIVERY_SELECT,
  })) as DeliveryRow[];
  return { webhook: toWebhookDto(row, deliveries[0] ?? null, now), deliveries: deliveries.map(toDeliveryDto) };
}

async function findOwn(tx: DbTx | ReturnType<typeof getDb>, ctx: TenantContext, id: string) {
  const row = await tx.webhook.findFirst({ where: { tenantId: ctx.tenantId, id }, select: WEBHOOK_SELECT });
  if (!row) throw AppError.notFound("webhook");
  return row;
}

/** A new endpoint; its signing secret is returned once (it stays readable only to the signer). */
export async function createWebhook(ctx: TenantContext, raw: CreateWebhookInput, now = new Date()): Promise<{ webhook: WebhookDto; secret: string }> {
  assertStaffWrites(ctx);
  const input = ZCreateWebhook.parse(raw);
  const url = await assertDeliverableUrl(input.url);
  const secret = newWebhookSecret();
  const row = await getDb().$transaction(async (tx) => {
    const count = await tx.webhook.count({ where: { tenantId: ctx.tenantId } });
    if (count >= MAX_ENDPOINTS) throw new AppError("CONFLICT", `this brand already has ${MAX_ENDPOINTS} endpoints: delete one first`);
    // no-tenant-data: draws an id from the id function so the secret can be sealed to its row
    const [{ id } = { id: "" }] = await tx.$queryRaw<{ id: string }[]>`SELECT megaphone_id('whk') AS id`;
    const created = await tx.webhook.create({
      data: {
        id,
        tenantId: ctx.tenantId,
        url: url.href,
        description: input.description,
        events: [...new Set(input.events)],
        secretCiphertext: sealWebhookSecret(ctx.tenantId, id, secret),
        createdById: ctx.actor.type === "USER" ? ctx.actor.id : null,
      },
      select: WEBHOOK_SELECT,
    });
    await writeAudit(tx, ctx, { action: "webhook.created", targetType: "Webhook", targetId: id, data: { url: created.url, events: created.events } });
    return created;
  });
  return { webhook: toWebhookDto(row, null, now), secret };
}

export async function updateWebhook(ctx: TenantContext, raw: UpdateWebhookInput, now = new Date()): Promise<WebhookDto> {
  assertStaffWrites(ctx);
  const input = ZUpdateWebhook.parse(raw);
  // Another brand's endpoint is "not found" before anything is said about the URL.
  await findOwn(getDb(), ctx, input.webhookId);
  const url = await assertDeliverableUrl(input.url);
  const row = await getDb().$transaction(async (tx) => {
    const before = await findOwn(tx, ctx, input.webhookId);
    const updated = await tx.webhook.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } },
      data: { url: url.href, description: input.description, events: [...new Set(input.events)] },
      select: WEBHOOK_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: "webhook.updated",
      targetType: "Webhook",
      targetId: before.id,
      data: { before: { url: before.url, events: before.events }, after: { url: updated.url, events: updated.events } },
    });
    return updated;
  });
  return toWebhookDto(row, null, now);
}

/**
 * Turns an endpoint off or back on. Off: the deliveries still waiting are given up (they would
 * only pile up); on: the failure streak starts again. Events that happen while it is off are not
 * queued for it.
 */
export async function setWebhookEnabled(ctx: TenantContext, raw: { webhookId: string; enabled: boolean }, now = new Date()): Promise<{ changed: boolean }> {
  assertStaffWrites(ctx);
  const input = ZSetWebhookEnabled.parse(raw);
  return getDb().$transaction(async (tx) => {
    const row = await findOwn(tx, ctx, input.webhookId);
    if (row.enabled === input.enabled) return { changed: false };
    await tx.webhook.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: row.id } },
      data: input.enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
        : { enabled: false, disabledAt: now, disabledReason: "Turned off by an admin" },
    });
    if (!input.enabled) await abandonPending(tx, ctx, row.id, "the endpoint was turned off before this could be delivered");
    await writeAudit(tx, ctx, {
      action: input.enabled ? "webhook.enabled" : "webhook.disabled",
      targetType: "Webhook",
      targetId: row.id,
      data: { url: row.url },
    });
    return { changed: true };
  });
}

export async function abandonPending(tx: DbTx, ctx: TenantScope, webhookId: string, reason: string): Promise<void> {
  await tx.webhookDelivery.updateMany({
    where: { tenantId: ctx.tenantId, webhookId, status: "PENDING" },
    data: { status: "FAILED", nextAttemptAt: null, lastError: reason },
  });
}

/** A new secret, shown once; the old one keeps signing for ROTATION_OVERLAP_MS. */
export async function rotateWebhookSecret(
  ctx: TenantContext,
  raw: { webhookId: string },
  now = new Date(),
): Promise<{ secret: string; previousValidUntil: string }> {
  assertStaffWrites(ctx);
  const { webhookId } = ZWebhookRef.parse(raw);
  const secret = newWebhookSecret();
  const until = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  await getDb().$transaction(async (tx) => {
    const row = await tx.webhook.findFirst({ where: { tenantId: ctx.tenantId, id: webhookId }, select: { id: true, secretCiphertext: true } });
    if (!row) throw AppError.notFound("webhook");
    const previous = openWebhookSecret(ctx.tenantId, row.id, row.secretCiphertext);
    await tx.webhook.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: row.id } },
      data: {
        secretCiphertext: sealWebhookSecret(ctx.tenantId, row.id, secret),
        previousSecretCiphertext: sealWebhookSecret(ctx.tenantId, row.id, previous, "previousSecret"),
        previousSecretExpiresAt: until,
      },
    });
    await writeAudit(tx, ctx, { action: "webhook.secret_rotated", targetType: "Webhook", targetId: row.id, data: { previousValidUntil: until.toISOString() } });
  });
  return { secret, previousValidUntil: until.toISOString() };
}

export async function deleteWebhook(ctx: TenantContext, raw: { webhookId: string }): Promise<void> {
  assertStaffWrites(ctx);
  const { webhookId } = ZWebhookRef.parse(raw);
  await getDb().$transaction(async (tx) => {
    const row = await findOwn(tx, ctx, webhookId);
    await tx.webhook.deleteMany({ where: { tenantId: ctx.tenantId, id: row.id } });
    await writeAudit(tx, ctx, { action: "webhook.deleted", targetType: "Webhook", targetId: row.id, data: { url: row.url, events: row.events } });
  });
}

/** Queues a `webhook.test` event for this endpoint only (enabled or not: checking a fix comes before turning it back on). */
export async function sendTestEvent(ctx: TenantContext, raw: { webhookId: string }, now = new Date()): Promise<{ deliveryId: string }> {
  assertStaffWrites(ctx);
  const { webhookId } = ZWebhookRef.parse(raw);
  return getDb().$transaction(async (tx) => {
    const row = await findOwn(tx, ctx, webhookId);
    const payload = {
      type: TEST_EVENT_TYPE,
      timestamp: now.toISOString(),
      data: { webhookId: row.id, message: "A test event sent from Megaphone's webhook settings." },
    };
    const delivery = await tx.webhookDelivery.create({
      data: { tenantId: ctx.tenantId, webhookId: row.id, event: TEST_EVENT_TYPE, payload, nextAttemptAt: now },
      select: { id: true },
    });
    await writeAudit(tx, ctx, { action: "webhook.test_sent", targetType: "Webhook", targetId: row.id, data: { deliveryId: delivery.id } });
    return { deliveryId: delivery.id };
  });
}

/**
 * Sends a delivery again, now: the same message (same `webhook-id`, so a receiver that already
 * has it can drop it), with a fresh signature and timestamp. Its attempt count starts over.
 */
export async function redeliver(ctx: TenantContext, raw: { webhookId: string; deliveryId: string }, now = new Date()): Promise<void> {
  assertStaffWrites(ctx);
  const input = ZRedeliver.parse(raw);
  await getDb().$transaction(async (tx) => {
    const row = await findOwn(tx, ctx, input.webhookId);
    const updated = await tx.webhookDelivery.updateMany({
      where: { tenantId: ctx.tenantId, webhookId: row.id, id: input.deliveryId },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null },
    });
    if (updated.count === 0) throw AppError.notFound("delivery");
    await writeAudit(tx, ctx, { action: "webhook.redelivered", targetType: "WebhookDelivery", targetId: input.deliveryId, data: { webhookId: row.id } });
  });
}
