import type pg from "pg";

/**
 * Rows in every tenant-owned table, written with plain SQL against the schema as it was before
 * the tenant_composite_keys migration (so the migration is proven on a database with data).
 * Tenant A has a mention stored by a source that still exists, one whose source was deleted, and
 * a reversed award; tenant B has its own customer and mention.
 */
export const PRE_TENANT_KEYS_FIXTURE = `
INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES ('ten_fx_a', 'fx-a', 'Fixture A', now()), ('ten_fx_b', 'fx-b', 'Fixture B', now());
INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('usr_fx', 'fx@example.com', 'Fx', 'x', now());
INSERT INTO "Membership" (id, "tenantId", "userId", role) VALUES ('mem_fx', 'ten_fx_a', 'usr_fx', 'OWNER');
INSERT INTO "Invitation" (id, "tenantId", email, role, "tokenHash", "invitedById", "expiresAt") VALUES ('inv_fx', 'ten_fx_a', 'new@example.com', 'VIEWER', 'fx-hash', 'usr_fx', now() + interval '1 day');
INSERT INTO "Customer" (id, "tenantId", "displayName", "updatedAt") VALUES ('cus_fx_a', 'ten_fx_a', 'Ann', now()), ('cus_fx_b', 'ten_fx_b', 'Bob', now());
INSERT INTO "CustomerEmail" (id, "tenantId", "customerId", email) VALUES ('cem_fx', 'ten_fx_a', 'cus_fx_a', 'ann@example.com');
INSERT INTO "Segment" (id, "tenantId", name, filter, "updatedAt") VALUES ('seg_fx', 'ten_fx_a', 'Fans', '{}', now());
INSERT INTO "Campaign" (id, "tenantId", name, "startsAt", "endsAt", "segmentId", "updatedAt") VALUES ('cmp_fx', 'ten_fx_a', 'Spring', now(), now() + interval '7 days', 'seg_fx', now());
INSERT INTO "ChannelConnection" (id, "tenantId", network, label, "credentialsCiphertext", "updatedAt") VALUES ('chc_fx', 'ten_fx_a', 'TWITTER', 'main', 'x', now());
INSERT INTO "ListeningSource" (id, "tenantId", network, kind, value, "connectionId", "updatedAt") VALUES
  ('src_fx_1', 'ten_fx_a', 'TWITTER', 'KEYWORD', 'fixture one', 'chc_fx', now()),
  ('src_fx_2', 'ten_fx_a', 'TWITTER', 'KEYWORD', 'fixture two', NULL, now());
INSERT INTO "Location" (id, "tenantId", name, "updatedAt") VALUES ('loc_fx', 'ten_fx_a', 'Store', now());
INSERT INTO "SocialProfile" (id, "tenantId", "customerId", network, "externalUserId", handle, "updatedAt") VALUES ('sp_fx', 'ten_fx_a', 'cus_fx_a', 'TWITTER', 'u1', 'ann', now());
INSERT INTO "ConsentRecord" (id, "tenantId", "customerId", "socialProfileId", "policyVersion") VALUES ('con_fx', 'ten_fx_a', 'cus_fx_a', 'sp_fx', 'v1');
INSERT INTO "Mention" (id, "tenantId", network, "externalId", "sourceId", "customerId", "socialProfileId", "locationId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", "matchedKeywords", "updatedAt") VALUES
  ('men_fx_1', 'ten_fx_a', 'TWITTER', 't1', 'src_fx_1', 'cus_fx_a', 'sp_fx', 'loc_fx', 'u1', 'ann', 10, 'fixture one', now(), '{"fixture one"}', now()),
  ('men_fx_2', 'ten_fx_a', 'TWITTER', 't2', 'src_fx_gone', NULL, NULL, NULL, 'u9', 'someone', 5, 'fixture one', now(), '{"fixture one"}', now()),
  ('men_fx_3', 'ten_fx_b', 'TWITTER', 't1', NULL, 'cus_fx_b', NULL, NULL, 'u2', 'bob', 7, 'b', now(), '{}', now());
INSERT INTO "PointRule" (id, "tenantId", network, action, name, "basePoints", "updatedAt") VALUES ('rule_fx', 'ten_fx_a', 'TWITTER', 'MENTION', 'Mentions', 10, now());
INSERT INTO "LedgerEntry" (id, "tenantId", "customerId", amount, source, "idempotencyKey", "ruleId", "mentionId", "reversesId", explanation) VALUES
  ('led_fx_1', 'ten_fx_a', 'cus_fx_a', 10, 'MENTION', 'fx-award', 'rule_fx', 'men_fx_1', NULL, '{}'),
  ('led_fx_2', 'ten_fx_a', 'cus_fx_a', -10, 'REVERSAL', 'fx-reversal', NULL, 'men_fx_1', 'led_fx_1', '{}');
INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ('ten_fx_a', 'cus_fx_a', 0, 10);
INSERT INTO "Reward" (id, "tenantId", name, cost, "updatedAt") VALUES ('rwd_fx', 'ten_fx_a', 'Cone', 5, now());
INSERT INTO "Redemption" (id, "tenantId", "customerId", "rewardId", cost, "idempotencyKey", "updatedAt") VALUES ('red_fx', 'ten_fx_a', 'cus_fx_a', 'rwd_fx', 5, 'fx-redeem', now());
INSERT INTO "SharePost" (id, "tenantId", "customerId", "socialProfileId", "ledgerEntryId", text, "updatedAt") VALUES ('shp_fx', 'ten_fx_a', 'cus_fx_a', 'sp_fx', 'led_fx_1', 'I earned points', now());
INSERT INTO "Webhook" (id, "tenantId", url, "secretCiphertext", "updatedAt") VALUES ('whk_fx', 'ten_fx_a', 'https://example.com/hook', 'x', now());
INSERT INTO "WebhookDelivery" (id, "tenantId", "webhookId", event, payload) VALUES ('whd_fx', 'ten_fx_a', 'whk_fx', 'mention.created', '{}');
INSERT INTO "AuditLog" (id, "tenantId", "actorType", action, "targetType") VALUES ('aud_fx', 'ten_fx_a', 'SYSTEM', 'fixture', 'Tenant');
INSERT INTO "ApiKey" (id, "tenantId", name, prefix, "keyHash") VALUES ('key_fx', 'ten_fx_a', 'ci', 'mk_fx', 'fx-key-hash');
`;

/** The tables the fixture writes to, for before/after row counts. */
export const FIXTURE_TABLES = [
  "Tenant",
  "User",
  "Membership",
  "Invitation",
  "Customer",
  "CustomerEmail",
  "Segment",
  "Campaign",
  "ChannelConnection",
  "ListeningSource",
  "Location",
  "SocialProfile",
  "ConsentRecord",
  "Mention",
  "PointRule",
  "LedgerEntry",
  "PointBalance",
  "Reward",
  "Redemption",
  "SharePost",
  "Webhook",
  "WebhookDelivery",
  "AuditLog",
  "ApiKey",
] as const;

export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of FIXTURE_TABLES) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  }
  return counts;
}
