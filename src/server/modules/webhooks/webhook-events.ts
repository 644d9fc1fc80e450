import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";

/**
 * The events an endpoint can choose. Inserts the database makes in many places (ledger entries,
 * mentions, new customers, redemptions, feedback, linked accounts) are turned into events by
 * triggers (migration 20261204203920_webhook_delivery), so no code path can forget one; decisions
 * only the domain code sees (an update, a merge, an erasure, a tier move found by the
 * tiers.track-changes job) call `emitWebhookEvent` in their own transaction. Either way the event commits or rolls back with the change.
 */
export const WEBHOOK_EVENT_GROUPS = [
  {
    label: "Customers",
    events: [
      { type: "customer.created", label: "Customer created" },
      { type: "customer.updated", label: "Customer updated" },
      { type: "customer.merged", label: "Customers merged" },
      { type: "customer.erased", label: "Customer erased" },
    ],
  },
  {
    label: "Linked accounts",
    events: [
      { type: "account.linked", label: "Social account linked" },
      { type: "account.unlinked", label: "Social account unlinked" },
    ],
  },
  {
    label: "Mentions",
    events: [
      { type: "mention.received", label: "Mention received" },
      { type: "mention.scored", label: "Mention scored (points paid for it)" },
    ],
  },
  {
    label: "Points",
    events: [
      { type: "points.awarded", label: "Points awarded" },
      { type: "points.reversed", label: "Points reversed" },
      { type: "points.deducted", label: "Points deducted (redemption, expiry, negative adjustment)" },
    ],
  },
  {
    label: "Rewards",
    events: [
      { type: "reward.redeemed", label: "Reward redeemed" },
      { type: "reward.fulfilled", label: "Redemption fulfilled" },
      { type: "reward.cancelled", label: "Redemption cancelled" },
    ],
  },
  { label: "Tiers", events: [{ type: "tier.changed", label: "Customer's tier changed" }] },
  { label: "Feedback", events: [{ type: "nps.received", label: "Feedback (NPS) received" }] },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_GROUPS)[number]["events"][number]["type"];
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_GROUPS.flatMap((g) => g.events.map((e) => e.type));
/** Sent only by "Send test event", to the one endpoint asked: never subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

/** Writes one event into the outbox inside the caller's transaction: it exists only if the transaction commits. */
export async function emitWebhookEvent(tx: DbTx, scope: TenantScope, type: WebhookEventType, data: Record<string, unknown>): Promise<void> {
  await emitWebhookEvents(tx, scope, type, [data]);
}

/** Several events of one type in one statement (a batch of an import). */
export async function emitWebhookEvents(tx: DbTx, scope: TenantScope, type: WebhookEventType, data: readonly Record<string, unknown>[]): Promise<void> {
  if (data.length === 0) return;
  const events = JSON.stringify(data.map((d) => ({ tenant: scope.tenantId, type, data: d })));
  // tenant-predicate-in: megaphone_webhook_fanout joins only endpoints whose "tenantId" is the event's tenant (scope.tenantId)
  await tx.$executeRaw`SELECT megaphone_webhook_fanout(${events}::jsonb)`;
}
