-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "previousSecretCiphertext" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "messageId" TEXT NOT NULL DEFAULT megaphone_id('msg'::text),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "responseExcerpt" TEXT;

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- Outbound webhook events are written by the database, in the transaction that makes them true:
-- a rolled-back change leaves no event and a committed one cannot lose its event. Each event row
-- becomes one delivery per enabled endpoint of its brand that chose that event type; the worker
-- sends them (src/server/modules/webhooks). The payload follows the Standard Webhooks shape.
CREATE OR REPLACE FUNCTION megaphone_webhook_fanout(p_events jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "WebhookDelivery" ("tenantId", "webhookId", event, "messageId", payload)
  SELECT w."tenantId", w.id, e.type, e.msg, jsonb_build_object('type', e.type, 'timestamp', e.ts, 'data', e.data)
  FROM (
    SELECT x->>'tenant' AS tenant, x->>'type' AS type, x->'data' AS data, megaphone_id('msg'::text) AS msg,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts
    FROM jsonb_array_elements(COALESCE(p_events, '[]'::jsonb)) x
  ) e
  JOIN "Webhook" w ON w."tenantId" = e.tenant AND w.enabled AND e.type = ANY (w.events);
$$;

CREATE OR REPLACE FUNCTION megaphone_iso(t timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
$$;

-- Ledger: every balance change. A statement pays a whole page of mentions, so one fan-out per statement.
CREATE OR REPLACE FUNCTION megaphone_webhook_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w.enabled AND w."tenantId" IN (SELECT DISTINCT "tenantId" FROM new_entries)) THEN
    RETURN NULL;
  END IF;
  PERFORM megaphone_webhook_fanout((
    SELECT jsonb_agg(jsonb_build_object('tenant', "tenantId", 'type',
             CASE WHEN "reversesId" IS NOT NULL THEN 'points.reversed' WHEN amount > 0 THEN 'points.awarded' ELSE 'points.deducted' END,
             'data', jsonb_build_object('entryId', id, 'customerId', "customerId", 'amount', amount, 'source', source::text,
               'ruleId', "ruleId", 'campaignId', "campaignId", 'mentionId', "mentionId", 'redemptionId', "redemptionId",
               'reversesId', "reversesId", 'createdAt', megaphone_iso("createdAt"))) ORDER BY id)
    FROM new_entries WHERE amount <> 0));
  PERFORM megaphone_webhook_fanout((
    SELECT jsonb_agg(jsonb_build_object('tenant', "tenantId", 'type', 'mention.scored',
             'data', jsonb_build_object('mentionId', "mentionId", 'customerId', "customerId", 'points', points)) ORDER BY "mentionId")
    FROM (SELECT "tenantId", "mentionId", "customerId", sum(amount)::int AS points FROM new_entries
          WHERE source = 'MENTION' AND "mentionId" IS NOT NULL AND "reversesId" IS NULL
          GROUP BY "tenantId", "mentionId", "customerId") scored));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "LedgerEntry_webhooks" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION megaphone_webhook_ledger();

CREATE OR REPLACE FUNCTION megaphone_webhook_mention() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w.enabled AND w."tenantId" IN (SELECT DISTINCT "tenantId" FROM new_mentions)) THEN
    RETURN NULL;
  END IF;
  PERFORM megaphone_webhook_fanout((
    SELECT jsonb_agg(jsonb_build_object('tenant', "tenantId", 'type', 'mention.received',
             'data', jsonb_build_object('mentionId', id, 'network', network::text, 'externalId', "externalId",
               'authorHandle', "authorHandle", 'authorFollowers', "authorFollowers", 'customerId', "customerId",
               'url', url, 'sentiment', "sentimentLabel"::text, 'postedAt', megaphone_iso("postedAt"))) ORDER BY id)
    FROM new_mentions));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Mention_webhooks" AFTER INSERT ON "Mention"
  REFERENCING NEW TABLE AS new_mentions FOR EACH STATEMENT EXECUTE FUNCTION megaphone_webhook_mention();

CREATE OR REPLACE FUNCTION megaphone_webhook_customer_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w.enabled AND w."tenantId" IN (SELECT DISTINCT "tenantId" FROM new_customers)) THEN
    RETURN NULL;
  END IF;
  PERFORM megaphone_webhook_fanout((
    SELECT jsonb_agg(jsonb_build_object('tenant', "tenantId", 'type', 'customer.created',
             'data', jsonb_build_object('customerId', id, 'externalId', "externalId", 'displayName', "displayName",
               'createdAt', megaphone_iso("createdAt"))) ORDER BY id)
    FROM new_customers));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Customer_webhooks" AFTER INSERT ON "Customer"
  REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION megaphone_webhook_customer_created();

-- Redemptions: made (a pool or generated code can be handed over at once: redeemed then fulfilled), fulfilled, cancelled.
CREATE OR REPLACE FUNCTION megaphone_webhook_redemption_data(r "Redemption") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('redemptionId', r.id, 'rewardId', r."rewardId", 'customerId', r."customerId", 'cost', r.cost,
    'status', r.status::text, 'createdAt', megaphone_iso(r."createdAt"), 'fulfilledAt', megaphone_iso(r."fulfilledAt"),
    'cancelledAt', megaphone_iso(r."cancelledAt"));
$$;
CREATE OR REPLACE FUNCTION megaphone_webhook_redemption() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM megaphone_webhook_fanout(jsonb_build_array(
      jsonb_build_object('tenant', NEW."tenantId", 'type', 'reward.redeemed', 'data', megaphone_webhook_redemption_data(NEW))));
  END IF;
  IF NEW.status = 'FULFILLED' AND (TG_OP = 'INSERT' OR OLD.status <> 'FULFILLED') THEN
    PERFORM megaphone_webhook_fanout(jsonb_build_array(
      jsonb_build_object('tenant', NEW."tenantId", 'type', 'reward.fulfilled', 'data', megaphone_webhook_redemption_data(NEW))));
  ELSIF NEW.status = 'CANCELLED' AND (TG_OP = 'INSERT' OR OLD.status <> 'CANCELLED') THEN
    PERFORM megaphone_webhook_fanout(jsonb_build_array(
      jsonb_build_object('tenant', NEW."tenantId", 'type', 'reward.cancelled', 'data', megaphone_webhook_redemption_data(NEW))));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Redemption_webhooks_insert" AFTER INSERT ON "Redemption"
  FOR EACH ROW EXECUTE FUNCTION megaphone_webhook_redemption();
CREATE TRIGGER "Redemption_webhooks_update" AFTER UPDATE OF status ON "Redemption"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION megaphone_webhook_redemption();

CREATE OR REPLACE FUNCTION megaphone_webhook_feedback() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM megaphone_webhook_fanout(jsonb_build_array(jsonb_build_object('tenant', NEW."tenantId", 'type', 'nps.received',
    'data', jsonb_build_object('feedbackId', NEW.id, 'customerId', NEW."customerId", 'score', NEW.score,
      'npsClass', NEW."npsClass"::text, 'locationId', NEW."locationId", 'createdAt', megaphone_iso(NEW."createdAt")))));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "FeedbackResponse_webhooks" AFTER INSERT ON "FeedbackResponse"
  FOR EACH ROW EXECUTE FUNCTION megaphone_webhook_feedback();

-- A social account changes hands: linked to a customer, unlinked from one (a merge moves it: both).
CREATE OR REPLACE FUNCTION megaphone_webhook_social_profile() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_customer text := CASE WHEN TG_OP = 'UPDATE' THEN OLD."customerId" END;
BEGIN
  IF old_customer IS NOT NULL THEN
    PERFORM megaphone_webhook_fanout(jsonb_build_array(jsonb_build_object('tenant', NEW."tenantId", 'type', 'account.unlinked',
      'data', jsonb_build_object('socialProfileId', NEW.id, 'customerId', old_customer, 'network', NEW.network::text,
        'handle', NEW.handle))));
  END IF;
  IF NEW."customerId" IS NOT NULL THEN
    PERFORM megaphone_webhook_fanout(jsonb_build_array(jsonb_build_object('tenant', NEW."tenantId", 'type', 'account.linked',
      'data', jsonb_build_object('socialProfileId', NEW.id, 'customerId', NEW."customerId", 'network', NEW.network::text,
        'handle', NEW.handle, 'followers', NEW."followersCount"))));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "SocialProfile_webhooks_insert" AFTER INSERT ON "SocialProfile"
  FOR EACH ROW WHEN (NEW."customerId" IS NOT NULL) EXECUTE FUNCTION megaphone_webhook_social_profile();
CREATE TRIGGER "SocialProfile_webhooks_update" AFTER UPDATE OF "customerId" ON "SocialProfile"
  FOR EACH ROW WHEN (OLD."customerId" IS DISTINCT FROM NEW."customerId") EXECUTE FUNCTION megaphone_webhook_social_profile();
