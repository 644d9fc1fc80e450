// The integration settings' server actions in the cross-tenant matrix (cross-tenant-matrix.ts spreads
// them into ACTION_CASES): webhook endpoints are added to, changed in and sent from the slug's brand only.
import type { ActionCase, ApiCase } from "./cross-tenant-matrix";

export const INTEGRATION_ACTION_CASES: Record<string, ActionCase> = {
  // Issue 13 item 4.
  "ACTION t/[tenant]/settings/webhooks/actions.ts#createWebhookAction": {
    fields: () => ({ url: "https://hooks.example.com/planted", events: "customer.created" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#updateWebhookAction": {
    fields: (ids) => ({ id: ids.webhook ?? "", url: "https://hooks.example.com/pwned", events: "customer.created" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#setWebhookEnabledAction": {
    fields: (ids) => ({ id: ids.webhook ?? "", enabled: "false" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#rotateWebhookSecretAction": { fields: (ids) => ({ id: ids.webhook ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#sendTestEventAction": { fields: (ids) => ({ id: ids.webhook ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#redeliverAction": {
    fields: (ids) => ({ id: ids.webhook ?? "", deliveryId: "whd_00000000000000000000000000000000" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/webhooks/actions.ts#deleteWebhookAction": { fields: (ids) => ({ id: ids.webhook ?? "" }), underOwnSlug: "not-found" },
};

/** Issue 13 item 2: customers by external id or email (lookup, upsert), their ledger, manual adjustment and balance over the API. */
export const INTEGRATION_API_CASES: Record<string, ApiCase> = {
  "GET /api/v1/tenants/[tenant]/customers/lookup": {},
  "GET /api/v1/tenants/[tenant]/rewards": {},
  "POST /api/v1/tenants/[tenant]/rewards": { body: () => ({ name: "Planted reward", cost: 1 }) },
  "GET /api/v1/tenants/[tenant]/rewards/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/rewards/[id]": { body: () => ({ cost: 1, name: "pwned" }) },
  "DELETE /api/v1/tenants/[tenant]/rewards/[id]": {},
  "GET /api/v1/tenants/[tenant]/redemptions": {},
  "POST /api/v1/tenants/[tenant]/redemptions": {
    body: (ids) => ({ customerId: ids.customer, rewardId: ids.reward, idempotencyKey: "cross-tenant-redeem" }),
    foreignReference: {
      body: (ids) => ({ customerId: ids.customer, rewardId: ids.reward, idempotencyKey: "cross-tenant-redeem-own" }),
      nonexistent: { customerId: `cus_${"0".repeat(32)}`, rewardId: `rwd_${"0".repeat(32)}`, idempotencyKey: "cross-tenant-redeem-own" },
    },
  },
  "POST /api/v1/tenants/[tenant]/redemptions/[id]/fulfil": {},
  "POST /api/v1/tenants/[tenant]/redemptions/[id]/cancel": { body: () => ({ reason: "planted by A" }) },
  "GET /api/v1/tenants/[tenant]/locations": {},
  "PUT /api/v1/tenants/[tenant]/customers/by-external-id/[externalId]": {
    body: () => ({ displayName: "Planted by A", emails: ["planted-upsert@attacker.test"] }),
  },
  "GET /api/v1/tenants/[tenant]/customers/[id]/ledger": {},
  "POST /api/v1/tenants/[tenant]/customers/[id]/ledger": { body: () => ({ amount: 500, reason: "planted by A", idempotencyKey: "cross-tenant-adjust" }) },
  "GET /api/v1/tenants/[tenant]/customers/[id]/balance": {},
  "GET /api/v1/tenants/[tenant]/customers/[id]/profiles": {},
  // B's customer named as the one merged away (by B's slug, or by A's with B's id): 404 before anything moves.
  "POST /api/v1/tenants/[tenant]/customers/[id]/merge": { body: (ids) => ({ survivorId: ids.customer }) },
};
