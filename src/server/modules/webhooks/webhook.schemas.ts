import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-events";

const ZEventType = z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]);
const ZWebhookId = z.string().regex(/^whk_[0-9a-f]{32}$/, "not a webhook id");
const ZDeliveryId = z.string().regex(/^whd_[0-9a-f]{32}$/, "not a delivery id");

const ZEndpointFields = {
  url: z.string().trim().min(1, "enter the endpoint's URL").max(2_000, "at most 2,000 characters"),
  description: z.string().trim().max(200, "at most 200 characters").default(""),
  events: z.array(ZEventType).min(1, "choose at least one event").max(WEBHOOK_EVENT_TYPES.length),
};

export const ZCreateWebhook = z.strictObject(ZEndpointFields);
export type CreateWebhookInput = z.input<typeof ZCreateWebhook>;

export const ZUpdateWebhook = z.strictObject({ webhookId: ZWebhookId, ...ZEndpointFields });
export type UpdateWebhookInput = z.input<typeof ZUpdateWebhook>;

export const ZWebhookRef = z.strictObject({ webhookId: ZWebhookId });
export const ZSetWebhookEnabled = z.strictObject({ webhookId: ZWebhookId, enabled: z.boolean() });
export const ZRedeliver = z.strictObject({ webhookId: ZWebhookId, deliveryId: ZDeliveryId });

export type WebhookState = "ACTIVE" | "FAILING" | "DISABLED";

export interface WebhookDto {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  state: WebhookState;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  /** Until when deliveries are also signed with the secret a rotation replaced. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  lastDelivery: { status: string; at: string; responseStatus: number | null } | null;
}

export interface WebhookDeliveryDto {
  id: string;
  messageId: string;
  event: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** The JSON body sent, as sent. */
  payload: string;
}
