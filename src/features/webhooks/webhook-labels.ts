import type { WebhookState } from "@/server/modules/webhooks/webhook.schemas";

export const WEBHOOK_STATE_BADGE: Record<WebhookState, { label: string; tone: "success" | "warning" | "neutral" }> = {
  ACTIVE: { label: "Active", tone: "success" },
  FAILING: { label: "Failing", tone: "warning" },
  DISABLED: { label: "Turned off", tone: "neutral" },
};

export const DELIVERY_STATUS_BADGE = {
  PENDING: { label: "Pending", tone: "warning" },
  DELIVERED: { label: "Delivered", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
} as const;
