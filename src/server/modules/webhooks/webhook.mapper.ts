import { WEBHOOK_EVENT_TYPES } from "./webhook-events";
import type { WebhookDeliveryDto, WebhookDto } from "./webhook.schemas";

export const WEBHOOK_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;

export interface WebhookRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  messageId: string;
  event: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  payload: unknown;
}

export const DELIVERY_SELECT = {
  id: true,
  messageId: true,
  event: true,
  status: true,
  attempts: true,
  responseStatus: true,
  responseExcerpt: true,
  lastError: true,
  durationMs: true,
  createdAt: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  payload: true,
} as const;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toWebhookDto(row: WebhookRow, last: DeliveryRow | null, now: Date): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: WEBHOOK_EVENT_TYPES.filter((t) => row.events.includes(t)),
    state: !row.enabled ? "DISABLED" : row.failingSince ? "FAILING" : "ACTIVE",
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: iso(row.disabledAt),
    failingSince: iso(row.failingSince),
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: last ? { status: last.status, at: (last.lastAttemptAt ?? last.createdAt).toISOString(), responseStatus: last.responseStatus } : null,
  };
}

export function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    messageId: row.messageId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    lastError: row.lastError,
    durationMs: row.durationMs,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: iso(row.lastAttemptAt),
    nextAttemptAt: row.status === "PENDING" ? iso(row.nextAttemptAt) : null,
    deliveredAt: iso(row.deliveredAt),
    payload: JSON.stringify(row.payload),
  };
}
