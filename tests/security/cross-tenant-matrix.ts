/**
 * The cross-tenant matrix: every entry point of src/app (see support/route-inventory.ts) is either
 * a case here or listed as not tenant-scoped with the reason. route-inventory.test.ts fails when
 * the two disagree, so a new route, page or server action needs a line in this file.
 *
 * The cases are data; two runners play them with tenant A's owner against tenant B's objects:
 *   - API routes and pages: cross-tenant.spec.ts, over HTTP against `next start`;
 *   - server actions: cross-tenant-actions.test.ts, the exported action functions called with a
 *     real FormData in the integration tier (only the next-auth session lookup is replaced).
 * Each attempt must answer 404 (NOT_FOUND for actions), and every row of tenant B must be
 * byte-for-byte the same afterwards.
 */
import { IMPORT_ACTION_CASES, IMPORT_EXPORT_API_CASES } from "./cross-tenant-import-cases";
import { BRAND_SETTINGS_ACTION_CASES } from "./cross-tenant-brand-settings-cases";
import { INBOX_ACTION_CASES } from "./cross-tenant-inbox-cases";
import { INTEGRATION_ACTION_CASES, INTEGRATION_API_CASES } from "./cross-tenant-integration-cases";

/** Tenant B's objects that the attacks name. */
export interface VictimIds {
  customer: string;
  segment: string;
  campaign: string;
  rule: string;
  source: string;
  mention: string;
  location: string;
  /** B's X (TWITTER) channel connection. */
  channel: string;
  /** A failed tenant job of tenant B (a listening poll naming B; integration tier only, the e2e tier runs no worker). */
  job?: string;
  /** The membership id of an admin of tenant B (not B's owner; integration tier only). */
  member?: string;
  /** B's pending invitation of an admin (integration tier only). */
  invitation?: string;
  /** B's reward (a code-pool reward in the integration tier, with codes and one redemption). */
  reward: string;
  /** B's redemption of that reward (integration tier only; no route creates one over HTTP). */
  redemption?: string;
  /** One of tenant B's loyalty tiers (integration tier only: no page addresses a tier by id). */
  tier?: string;
  /** A feedback answer of B's customer, open in B's inbox (integration tier only: no page addresses one by id). */
  feedback?: string;
  /** A saved inbox view of B's owner (integration tier only: no page addresses one by id). */
  view?: string;
  /** An X account linked to B's customer (integration tier only: the customer 360's unlink names it). */
  profile?: string;
  /** B's API key (integration tier only: no page addresses one by id). */
  apiKey?: string;
  /** B's webhook endpoint (its settings page and every action on it name it by id). */
  webhook?: string;
  /** B's uploaded customer CSV (CustomerImport), made through the upload route or the service. */
  customerImport: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ─── Route handlers ──────────────────────────────────────────────────────────────────────────

export interface ApiCase {
  /**
   * A body the route would accept for its own tenant, so that only the tenant check can refuse
   * it. Sent under B's slug and, for an [id] route, under A's slug with B's id.
   */
  body?: (ids: VictimIds) => Json;
  /**
   * A write under A's OWN slug whose body names one of B's objects: it must answer exactly as if
   * the id did not exist (same status, same body), so nothing tells A that B's object is real.
   */
  foreignReference?: { body: (ids: VictimIds) => Json; nonexistent: Json };
}

const NEW_CUSTOMER: Json = { displayName: "Planted by A", emails: ["planted@attacker.test"] };
const CAMPAIGN = (segmentId: string | null): Json => ({
  name: "Planted campaign",
  startsAt: "2026-01-01T00:00:00Z",
  endsAt: "2026-02-01T00:00:00Z",
  multiplier: 2,
  segmentId,
});
const SOURCE = (connectionId: string | null): Json => ({ network: "TWITTER", kind: "KEYWORD", value: "plantedword", connectionId });
const NO_SEGMENT = `seg_${"0".repeat(32)}`;
const NO_CONNECTION = `chc_${"0".repeat(32)}`;

/** `[tenant]` is B's slug (or A's, with B's ids); `[id]` is B's object of the resource before it; `[network]` is twitter. */
export const API_CASES: Record<string, ApiCase> = {
  "GET /api/v1/tenants/[tenant]/customers": {},
  "POST /api/v1/tenants/[tenant]/customers": { body: () => NEW_CUSTOMER },
  "GET /api/v1/tenants/[tenant]/customers/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/customers/[id]": { body: () => ({ displayName: "pwned" }) },
  "DELETE /api/v1/tenants/[tenant]/customers/[id]": {},
  "GET /api/v1/tenants/[tenant]/customers/[id]/export": {},
  "POST /api/v1/tenants/[tenant]/customers/[id]/erase": {},

  "GET /api/v1/tenants/[tenant]/segments": {},
  "POST /api/v1/tenants/[tenant]/segments": { body: () => ({ name: "Planted segment", filter: { lifecycleStages: ["LOYAL"] } }) },
  "GET /api/v1/tenants/[tenant]/segments/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/segments/[id]": { body: () => ({ name: "pwned" }) },
  "DELETE /api/v1/tenants/[tenant]/segments/[id]": {},
  "GET /api/v1/tenants/[tenant]/segments/[id]/members": {},

  "GET /api/v1/tenants/[tenant]/campaigns": {},
  "POST /api/v1/tenants/[tenant]/campaigns": {
    body: () => CAMPAIGN(null),
    foreignReference: { body: (ids) => CAMPAIGN(ids.segment), nonexistent: CAMPAIGN(NO_SEGMENT) },
  },
  "GET /api/v1/tenants/[tenant]/campaigns/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/campaigns/[id]": { body: () => ({ name: "pwned", multiplier: 5 }) },

  "GET /api/v1/tenants/[tenant]/rules": {},
  "POST /api/v1/tenants/[tenant]/rules": { body: () => ({ network: "TWITTER", action: "SHARE", name: "Planted rule", basePoints: 99 }) },
  "GET /api/v1/tenants/[tenant]/rules/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/rules/[id]": { body: () => ({ basePoints: 9999 }) },

  "GET /api/v1/tenants/[tenant]/sources": {},
  "POST /api/v1/tenants/[tenant]/sources": {
    body: () => SOURCE(null),
    foreignReference: { body: (ids) => SOURCE(ids.channel), nonexistent: SOURCE(NO_CONNECTION) },
  },
  "GET /api/v1/tenants/[tenant]/sources/[id]": {},
  "PATCH /api/v1/tenants/[tenant]/sources/[id]": { body: () => ({ enabled: false }) },
  "DELETE /api/v1/tenants/[tenant]/sources/[id]": {},

  "GET /api/v1/tenants/[tenant]/ledger/export": {},
  ...IMPORT_EXPORT_API_CASES,

  "GET /api/v1/tenants/[tenant]/mentions": {},
  "GET /api/v1/tenants/[tenant]/mentions/[id]": {},
  "GET /api/v1/tenants/[tenant]/inbox/arrivals": {},
  // Issue 12 item 2: X's return from "Connect X" connects only the brand whose member started it.
  "GET /api/v1/tenants/[tenant]/brand-accounts/twitter/callback": {},
  ...INTEGRATION_API_CASES,
  "POST /api/v1/tenants/[tenant]/mentions/[id]/disqualify": { body: () => ({ reason: "pwned" }) },

  "GET /api/v1/tenants/[tenant]/channels": {},
  // [network] names a network, not an object: under A's slug it is A's own connection.
  "GET /api/v1/tenants/[tenant]/channels/[network]": {},
  "PUT /api/v1/tenants/[tenant]/channels/[network]": { body: () => ({ credentials: { kind: "bearer", bearerToken: "attacker-bearer-token-0123456789" } }) },
  "PATCH /api/v1/tenants/[tenant]/channels/[network]": { body: () => ({ enabled: false }) },
  "DELETE /api/v1/tenants/[tenant]/channels/[network]": {},
};

/**
 * Tenant-addressed routes that no session opens: the caller proves who it is some other way.
 * cross-tenant.spec.ts plays each (A's credential against B's URL must be refused).
 */
export const CREDENTIAL_CASES: Record<string, string> = {
  "POST /api/webhooks/foursquare/[tenant]": "Foursquare push: tenant A's valid push secret sent to tenant B's URL answers 401 and queues nothing",
};

// ─── Pages ───────────────────────────────────────────────────────────────────────────────────

/**
 * Every tenant page: under B's slug it answers 404; a page with [id] also answers 404 under A's
 * slug with B's id. Neither shows B's names.
 */
export const PAGE_CASES: string[] = [
  "PAGE /t/[tenant]",
  "PAGE /t/[tenant]/advocates",
  "PAGE /t/[tenant]/campaigns",
  "PAGE /t/[tenant]/campaigns/[id]/edit",
  "PAGE /t/[tenant]/campaigns/new",
  "PAGE /t/[tenant]/customers",
  "PAGE /t/[tenant]/customers/[id]",
  "PAGE /t/[tenant]/customers/[id]/edit",
  "PAGE /t/[tenant]/customers/[id]/merge",
  "PAGE /t/[tenant]/customers/[id]/portal",
  "PAGE /t/[tenant]/customers/new",
  "PAGE /t/[tenant]/customers/import",
  "PAGE /t/[tenant]/customers/import/[id]",
  "PAGE /t/[tenant]/inbox",
  "PAGE /t/[tenant]/inbox/feedback",
  "PAGE /t/[tenant]/ledger",
  "PAGE /t/[tenant]/ledger/liability",
  "PAGE /t/[tenant]/locations",
  "PAGE /t/[tenant]/locations/[id]",
  "PAGE /t/[tenant]/prospects",
  "PAGE /t/[tenant]/rewards",
  "PAGE /t/[tenant]/rewards/[id]/edit",
  "PAGE /t/[tenant]/rewards/new",
  "PAGE /t/[tenant]/rewards/redemptions",
  "PAGE /t/[tenant]/segments",
  "PAGE /t/[tenant]/segments/[id]",
  "PAGE /t/[tenant]/segments/[id]/edit",
  "PAGE /t/[tenant]/segments/new",
  "PAGE /t/[tenant]/settings",
  "PAGE /t/[tenant]/settings/api-keys",
  "PAGE /t/[tenant]/settings/audit",
  "PAGE /t/[tenant]/settings/brand",
  "PAGE /t/[tenant]/settings/channels",
  "PAGE /t/[tenant]/settings/deletions",
  "PAGE /t/[tenant]/settings/privacy",
  "PAGE /t/[tenant]/settings/listening",
  "PAGE /t/[tenant]/settings/members",
  "PAGE /t/[tenant]/settings/queues",
  "PAGE /t/[tenant]/settings/rules",
  "PAGE /t/[tenant]/settings/rules/[id]/edit",
  "PAGE /t/[tenant]/settings/rules/new",
  "PAGE /t/[tenant]/settings/tiers",
  "PAGE /t/[tenant]/settings/webhooks",
  "PAGE /t/[tenant]/settings/webhooks/[id]",
];

// ─── Server actions ──────────────────────────────────────────────────────────────────────────

export type FormFields = Record<string, string | string[]>;

export interface ActionCase {
  /** The form the action's own page would post (without "tenant"), naming B's objects. */
  fields: (ids: VictimIds) => FormFields;
  /**
   * What happens under A's own slug:
   *  - "not-found": the form names B's object by id → NOT_FOUND;
   *  - "as-nonexistent": the form references B's object → the same answer as a nonexistent id;
   *  - "own-tenant": the form names nothing of B's (a create), so only B's slug is an attack.
   */
  underOwnSlug: "not-found" | "own-tenant" | { asNonexistent: FormFields };
}

const CUSTOMER_FORM = { displayName: "pwned", emails: ["pwned@attacker.test"], lifecycleStage: "CUSTOMER" };
const SEGMENT_FORM = { name: "pwned", lifecycleStages: ["LOYAL"] };
const CAMPAIGN_FORM = { name: "pwned", startsAt: "2026-01-01T00:00", endsAt: "2026-02-01T00:00", multiplier: "3" };
const RULE_FORM = { name: "pwned", basePoints: "9999", influenceCurve: "NONE", enabled: "on" };
/** The author of B's mention in both tiers' worlds (a prospect there is what these actions name). */
const VICTIM_AUTHOR = "victim-author";
const REWARD_FORM = { name: "pwned", cost: "1", fulfilment: "CODE_POOL", active: "on" };

export const ACTION_CASES: Record<string, ActionCase> = {
  "ACTION t/[tenant]/customers/actions.ts#createCustomerAction": { fields: () => CUSTOMER_FORM, underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/customers/actions.ts#updateCustomerAction": { fields: (ids) => ({ id: ids.customer, ...CUSTOMER_FORM }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/customers/actions.ts#deleteCustomerAction": { fields: (ids) => ({ id: ids.customer }), underOwnSlug: "not-found" },
  // Issue 12 item 5: the customer 360's manual adjustment and unlink on the customer's behalf.
  "ACTION t/[tenant]/customers/actions.ts#adjustCustomerPointsAction": {
    fields: (ids) => ({ customerId: ids.customer, amount: "-10", reason: "planted by A", idempotencyKey: "attack-adjust" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/customers/actions.ts#unlinkCustomerAccountAction": {
    fields: (ids) => ({ customerId: ids.customer, profileId: ids.profile ?? "" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/customers/actions.ts#saveFiltersAsSegmentAction": { fields: () => ({ name: "pwned", minPoints: "1" }), underOwnSlug: "own-tenant" },
  // B's customer named as the one merged away (A's customer into B's: merge-customers.test.ts).
  "ACTION t/[tenant]/customers/actions.ts#mergeCustomerAction": {
    fields: (ids) => ({ customerId: ids.customer, survivorId: ids.customer }),
    underOwnSlug: "not-found",
  },

  ...IMPORT_ACTION_CASES,
  "ACTION t/[tenant]/segments/actions.ts#createSegmentAction": { fields: () => SEGMENT_FORM, underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/segments/actions.ts#updateSegmentAction": { fields: (ids) => ({ id: ids.segment, ...SEGMENT_FORM }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/segments/actions.ts#deleteSegmentAction": { fields: (ids) => ({ id: ids.segment }), underOwnSlug: "not-found" },

  "ACTION t/[tenant]/campaigns/actions.ts#createCampaignAction": {
    fields: (ids) => ({ ...CAMPAIGN_FORM, segmentId: ids.segment }),
    underOwnSlug: { asNonexistent: { ...CAMPAIGN_FORM, segmentId: NO_SEGMENT } },
  },
  "ACTION t/[tenant]/campaigns/actions.ts#updateCampaignAction": { fields: (ids) => ({ id: ids.campaign, ...CAMPAIGN_FORM }), underOwnSlug: "not-found" },

  "ACTION t/[tenant]/settings/rules/actions.ts#createPointRuleAction": {
    fields: () => ({ network: "TWITTER", action: "SHARE", ...RULE_FORM }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/rules/actions.ts#updatePointRuleAction": { fields: (ids) => ({ id: ids.rule, ...RULE_FORM }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/rules/actions.ts#togglePointRuleAction": { fields: (ids) => ({ id: ids.rule, enabled: "false" }), underOwnSlug: "not-found" },

  "ACTION t/[tenant]/settings/listening/actions.ts#createSourceAction": {
    fields: () => ({ source: "TWITTER:KEYWORD", value: "plantedword" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/listening/actions.ts#setSourceEnabledAction": {
    fields: (ids) => ({ id: ids.source, enabled: "false" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/listening/actions.ts#deleteSourceAction": { fields: (ids) => ({ id: ids.source }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/listening/actions.ts#createLocationAction": {
    fields: () => ({ name: "Planted store", city: "Nowhere" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/listening/actions.ts#deleteLocationAction": { fields: (ids) => ({ id: ids.location }), underOwnSlug: "not-found" },

  "ACTION t/[tenant]/settings/channels/actions.ts#saveChannelAction": {
    fields: () => ({ network: "TWITTER", kind: "bearer", bearerToken: "attacker-bearer-token-0123456789" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/channels/actions.ts#setChannelEnabledAction": {
    fields: (ids) => ({ id: ids.channel, enabled: "false" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/channels/actions.ts#deleteChannelAction": { fields: (ids) => ({ id: ids.channel }), underOwnSlug: "not-found" },
  // "Connect X" and "Disconnect" act on the brand of the slug only (the network is the whole input).
  "ACTION t/[tenant]/settings/channels/brand-account-actions.ts#connectBrandAccountAction": {
    fields: () => ({ network: "TWITTER" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/channels/brand-account-actions.ts#disconnectBrandAccountAction": {
    fields: () => ({ network: "TWITTER" }),
    underOwnSlug: "own-tenant",
  },

  // Issue 11 item 6: Settings → Tiers edits only its own brand's tiers and period.
  "ACTION t/[tenant]/settings/tiers/actions.ts#createTierAction": { fields: () => ({ name: "Planted tier", threshold: "1" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/settings/tiers/actions.ts#updateTierAction": {
    fields: (ids) => ({ id: ids.tier ?? "", name: "pwned", threshold: "1" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/tiers/actions.ts#deleteTierAction": { fields: (ids) => ({ id: ids.tier ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/tiers/actions.ts#updateTierPeriodAction": { fields: () => ({ months: "1" }), underOwnSlug: "own-tenant" },

  // The Advocates screen's stage rules: a brand saves (and so runs) only its own.
  "ACTION t/[tenant]/advocates/actions.ts#saveStageRulesAction": {
    fields: () => ({ enabled: "on", advocateMinPositiveMentions: "1", advocateWindowDays: "365", loyalMinPoints: "1", loyalWindowDays: "365" }),
    underOwnSlug: "own-tenant",
  },
  ...BRAND_SETTINGS_ACTION_CASES,
  // Issue 13: API keys are made in, and revoked from, the brand of the slug only.
  "ACTION t/[tenant]/settings/api-keys/actions.ts#createApiKeyAction": {
    fields: () => ({ name: "Planted key", scopes: "customers:write" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/settings/api-keys/actions.ts#revokeApiKeyAction": { fields: (ids) => ({ id: ids.apiKey ?? "" }), underOwnSlug: "not-found" },
  ...INTEGRATION_ACTION_CASES,

  "ACTION t/[tenant]/settings/members/actions.ts#inviteMemberAction": {
    fields: () => ({ email: "planted@attacker.test", role: "ADMIN" }),
    underOwnSlug: "own-tenant",
  },
  // `id` is a membership id: B's admin, whom A's owner would demote or throw out of B.
  "ACTION t/[tenant]/settings/members/actions.ts#changeMemberRoleAction": {
    fields: (ids) => ({ id: ids.member ?? "", role: "VIEWER" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/settings/members/actions.ts#removeMemberAction": { fields: (ids) => ({ id: ids.member ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/members/actions.ts#revokeInvitationAction": { fields: (ids) => ({ id: ids.invitation ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/members/actions.ts#resendInvitationAction": { fields: (ids) => ({ id: ids.invitation ?? "" }), underOwnSlug: "not-found" },

  // Issue 11 item 5: the reward catalogue, its code pool and redemptions.
  "ACTION t/[tenant]/rewards/actions.ts#createRewardAction": { fields: () => REWARD_FORM, underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/rewards/actions.ts#updateRewardAction": { fields: (ids) => ({ id: ids.reward, ...REWARD_FORM }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/rewards/actions.ts#archiveRewardAction": { fields: (ids) => ({ id: ids.reward }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/rewards/actions.ts#uploadRewardCodesAction": {
    fields: (ids) => ({ id: ids.reward, codes: "PLANTED-1\nPLANTED-2" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/rewards/actions.ts#fulfilRedemptionAction": { fields: (ids) => ({ id: ids.redemption ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/rewards/actions.ts#cancelRedemptionAction": {
    fields: (ids) => ({ id: ids.redemption ?? "", reason: "planted by A" }),
    underOwnSlug: "not-found",
  },

  // Prospects: B's author named under A's slug is no prospect of A's (NOT_FOUND), like a nonexistent one.
  "ACTION t/[tenant]/prospects/actions.ts#inviteProspectAction": {
    fields: () => ({ network: "TWITTER", authorExternalId: VICTIM_AUTHOR, text: "planted by A" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/prospects/actions.ts#markProspectCustomerAction": {
    fields: () => ({ network: "TWITTER", authorExternalId: VICTIM_AUTHOR }),
    underOwnSlug: "not-found",
  },
  ...INBOX_ACTION_CASES,

  // Issue 9 item 2: the queue screen acts only on its own tenant's jobs; a foreign job id is 404.
  "ACTION t/[tenant]/settings/queues/actions.ts#retryJobAction": { fields: (ids) => ({ queue: "listening", jobId: ids.job ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/settings/queues/actions.ts#discardJobAction": {
    fields: (ids) => ({ queue: "listening", jobId: ids.job ?? "" }),
    underOwnSlug: "not-found",
  },
};

// ─── Not tenant-scoped ───────────────────────────────────────────────────────────────────────

// ─── The customer portal (/r/[brand]) ────────────────────────────────────────────────────────

/**
 * The portal's principal is one brand's customer (a CustomerSession behind a cookie scoped to
 * /r/{slug}), never staff. "customer": the page needs that brand's signed-in customer —
 * portal-principal.spec.ts opens it as the brand's staff and with another brand's customer cookie,
 * and both are sent to sign in. "visitor": open to anyone (what it shows a customer, it shows only
 * to that brand's own session); the actions of the sign-in flow are addressed by the brand and a
 * secret (link, code, join token) that is hashed, single use, expiring and bound to its brand
 * (tests/integration/portal/portal-sign-in.test.ts, and the link/code case of the spec).
 */
export interface PortalCase {
  who: "customer" | "visitor";
  why: string;
}

export const PORTAL_CASES: Record<string, PortalCase> = {
  "PAGE /r/[brand]": { who: "visitor", why: "the brand's landing page; the balance and history only for the brand's own customer session" },
  "PAGE /r/[brand]/earn": { who: "visitor", why: "the brand's enabled rules and running campaigns in words, public by design" },
  "PAGE /r/[brand]/points": { who: "customer", why: "the customer's own ledger, read through the CustomerContext of the session" },
  "PAGE /r/[brand]/account": { who: "customer", why: "the customer's own profile, data download and erasure" },
  "GET /r/[brand]/account/export": { who: "customer", why: "withCustomer: the brand's customer session or 401; exports that customer's rows only" },
  "ACTION r/[brand]/account/actions.ts#eraseMeAction": { who: "customer", why: "customerAction: erases the session's own customer, never an id from the form" },
  "ACTION r/[brand]/account/actions.ts#saveNotificationPrefsAction": {
    who: "customer",
    why: "customerAction: sets the session's own customer's email choices, never an id from the form",
  },
  "PAGE /r/[brand]/unsubscribe/[token]": {
    who: "visitor",
    why: "opening changes nothing; the token is an HMAC bound to this brand, the customer and the kind (another brand's token: the invalid-link page)",
  },
  "GET /r/[brand]/unsubscribe/[token]/one-click": { who: "visitor", why: "redirects to the confirm page of the same brand and token; changes nothing" },
  "POST /r/[brand]/unsubscribe/[token]/one-click": {
    who: "visitor",
    why: "RFC 8058 one-click: turns off the kind the token names for the customer it names, only if signed for this brand (404 otherwise)",
  },
  "PAGE /r/[brand]/rewards": { who: "customer", why: "the catalogue as this customer can use it, and their own redemptions with codes" },
  "ACTION r/[brand]/rewards/actions.ts#redeemRewardAction": {
    who: "customer",
    why: "customerAction: redeems for the session's own customer; the reward must be this brand's (404 otherwise)",
  },
  "PAGE /r/[brand]/leaderboard": {
    who: "customer",
    why: "the brand's boards from its own Redis keys (names only, no ids) and the session customer's own rank and preferences",
  },
  "ACTION r/[brand]/leaderboard/actions.ts#leaderboardPreferencesAction": {
    who: "customer",
    why: "customerAction: sets the board name and opt-out of the session's own customer, never an id from the form",
  },
  "GET /r/[brand]/api/leaderboard": {
    who: "customer",
    why: "withCustomer: the brand's customer session or 401; the brand's board and that customer's own rank, private, no-store",
  },
  "POST /r/[brand]/api/redemptions": { who: "customer", why: "withCustomer: same-origin, the brand's customer session or 401; redeems for that customer only" },
  "PAGE /r/[brand]/sign-in": { who: "visitor", why: "asks for an email; the same answer whether or not it is a customer" },
  "PAGE /r/[brand]/sign-in/[token]": { who: "visitor", why: "opening the link spends nothing; the button posts the token to signInWithLinkAction" },
  "PAGE /r/[brand]/join": { who: "visitor", why: "shown only with the join cookie of a verified address of this brand" },
  "ACTION r/[brand]/actions.ts#requestSignInAction": {
    who: "visitor",
    why: "emails a link and code to the address typed; rate-limited per network and per address of the brand",
  },
  "ACTION r/[brand]/actions.ts#signInWithCodeAction": {
    who: "visitor",
    why: "the code of the newest emails of that address at this brand; guesses limited per email and per network",
  },
  "ACTION r/[brand]/actions.ts#signInWithLinkAction": { who: "visitor", why: "the link token, looked up within the brand named in the form only" },
  "ACTION r/[brand]/actions.ts#joinAction": { who: "visitor", why: "the join token of a verified address of this brand, single use, 30 minutes" },
  "ACTION r/[brand]/actions.ts#signOutOfPortalAction": {
    who: "visitor",
    why: "ends whatever session this browser's cookie names at this brand, and nothing else",
  },
  "PAGE /r/[brand]/accounts": { who: "customer", why: "the customer's own linked accounts and share posts, read through the CustomerContext of the session" },
  "GET /r/[brand]/accounts/callback": {
    who: "customer",
    why: "OAuth callback of every linkable network (X, Foursquare): the state must be this brand's, this customer's and this session's, unused and fresh (tests/integration/portal/account-linking.test.ts, foursquare-linking.test.ts)",
  },
  "ACTION r/[brand]/accounts/actions.ts#startLinkAction": {
    who: "customer",
    why: "starts a link for the session's customer only; state bound to brand, customer and session",
  },
  "ACTION r/[brand]/accounts/actions.ts#unlinkAccountAction": {
    who: "customer",
    why: "unlinks a profile only when it is linked to the session's customer in the form's brand",
  },
  "ACTION r/[brand]/accounts/actions.ts#autoSharingAction": {
    who: "customer",
    why: "records posting consent only for a profile linked to the session's customer in the form's brand",
  },
  "PAGE /r/[brand]/feedback": {
    who: "customer",
    why: "the feedback form and the session's own answer (?answered= of another customer or brand shows the empty form); ?at= names only this brand's locations",
  },
  "ACTION r/[brand]/feedback/actions.ts#submitFeedbackAction": {
    who: "customer",
    why: "customerAction: stores an answer of the session's own customer; the location must be this brand's (tests/integration/feedback)",
  },
  "ACTION r/[brand]/feedback/actions.ts#shareFeedbackAction": {
    who: "customer",
    why: "customerAction: shares only the session customer's own promoter answer through their own linked profile (404 otherwise)",
  },
};

/** Entry points that address no tenant's data, each with the reason. */
export const NOT_TENANT_SCOPED: Record<string, string> = {
  "GET /api/v1/health": "liveness probe: answers database/Redis reachability, no tenant data",
  "GET /api/v1/openapi.json": "the public API's OpenAPI document, built from code: the same for everyone, no tenant data",
  "GET /docs/api/assets/[file]": "Swagger UI's bundle and its starter, two fixed names read from the package; anything else 404",
  "PAGE /docs/api": "the public API reference page (Swagger UI over the document), no tenant data",
  "GET /api/auth/[...nextauth]": "next-auth: CSRF token, session and providers of the caller only",
  "POST /api/auth/[...nextauth]":
    "next-auth: sign-in and sign-out of the caller; the login locks are tested in tests/security and tests/integration/auth.test.ts",
  "GET /media/[...key]":
    "uploaded images (logos, reward pictures) are public by design, as the portal shows them to anonymous visitors; keys carry 128 random bits, unknown or malformed keys answer 404, only sniffed image types are served (tests/security/media.test.ts)",
  "GET /brand-theme/[file]": "a colour's stylesheet: a pure function of the #rrggbb in its name, reads no tenant data (brand-media.test.ts)",
  "PAGE /": "redirects to the caller's last tenant (resolved from the caller's own memberships) or to /signin",
  "PAGE /signin": "anonymous sign-in form",
  "PAGE /signup": "anonymous sign-up form; creates a new tenant, never joins an existing one",
  "PAGE /invite/[token]": "addressed by a secret invitation token, not by tenant; the token is the credential (hashed at rest, single-use)",
  "PAGE /dev/outbox": "dev-only mail outbox: off by default, loopback only, refused when NODE_ENV=production (issue 9 item 1)",
  "ACTION (auth)/signup/actions.ts#signUpAction": "creates a brand-new tenant for the caller; names no existing tenant",
  "ACTION (auth)/invite/[token]/actions.ts#acceptAsNewUserAction": "the invitation token decides the tenant; a wrong or used token is refused",
  "ACTION (auth)/invite/[token]/actions.ts#acceptAsSignedInAction": "the invitation token decides the tenant; a wrong or used token is refused",
  "ACTION actions/sign-out.ts#signOutAction": "ends the caller's own session",
  "ACTION actions/sign-out.ts#signOutEverywhereAction":
    "ends every session of the caller's own account (the user id comes from the session, not the form); sessions.test.ts",

  // The signed-in person's own account, or an emailed token: no tenant is named anywhere.
  "PAGE /account": "the signed-in user's own account page (password, sign out everywhere); lists only the caller's own brands",
  "ACTION account/actions.ts#changePasswordAction":
    "changes the signed-in user's own password (user id from the session, current password required); names no tenant",
  "PAGE /forgot-password": "anonymous form asking for a password-reset email; shows nothing of any account or tenant",
  "ACTION (auth)/forgot-password/actions.ts#requestPasswordResetAction":
    "emails a reset link to the address typed; same answer whether or not it has an account, rate-limited (password-reset.test.ts)",
  "PAGE /reset-password/[token]": "addressed by a secret reset token, not by tenant; the token is the credential (hashed at rest, single-use, expires)",
  "ACTION (auth)/reset-password/[token]/actions.ts#resetPasswordAction":
    "sets the password of the account the reset token names; a wrong, used or expired token is refused (password-reset.test.ts)",
  "PAGE /signup/confirm/[token]": "addressed by a secret sign-up token; GET only previews the pending sign-up, creates nothing",
  "ACTION (auth)/signup/actions.ts#confirmSignUpAction":
    "the sign-up token decides what is created: a brand-new account and tenant, never an existing one (signup-abuse.test.ts)",

  // Platform operators only: every tenant's jobs, by design. cross-tenant-actions.test.ts plays a
  // brand owner against another brand's failed job through both actions (NOT_FOUND, job unchanged).
  "PAGE /ops/queues":
    "platform-operator view across all tenants: 404 unless PLATFORM_OPERATOR_VIEW=true and the user has a PlatformOperator row (no tenant role grants it)",
  "ACTION ops/queues/actions.ts#retryPlatformJobAction":
    "platform operators only (flag + PlatformOperator row, checked in the service on every call); a brand owner gets NOT_FOUND",
  "ACTION ops/queues/actions.ts#discardPlatformJobAction":
    "platform operators only (flag + PlatformOperator row, checked in the service on every call); a brand owner gets NOT_FOUND",
};
