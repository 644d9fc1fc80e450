-- Tenant keys ready for sharding (issue 10, item 3), and every source a mention matched (9c).
--
-- Every tenant-owned table gets a unique (tenantId, id) key, and every foreign key between
-- tenant-owned tables becomes composite, (tenantId, xId) -> (tenantId, id): the database itself
-- refuses a row that points at another tenant's row (e.g. a ledger entry of tenant A for tenant
-- B's customer). Existing rows are kept as they are; nothing is rewritten.
--
-- Order: the new keys and foreign keys are created before the old foreign keys are dropped, so
-- no moment is left without a constraint. Optional references use ON DELETE SET NULL ("col")
-- (Postgres 15): only the reference column is cleared and tenantId stays (a plain SET NULL on a
-- composite key would null tenantId, which NOT NULL refuses). Prisma reads these as SetNull.

-- A deployment whose data already holds a cross-tenant reference cannot take the composite keys:
-- stop with the count per reference instead of a bare constraint error (nothing is changed).
DO $$
DECLARE
  bad text := '';
  n bigint;
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('CustomerEmail', 'customerId', 'Customer'),
    ('ConsentRecord', 'customerId', 'Customer'),
    ('SocialProfile', 'customerId', 'Customer'),
    ('Mention', 'customerId', 'Customer'),
    ('Mention', 'locationId', 'Location'),
    ('LedgerEntry', 'customerId', 'Customer'),
    ('LedgerEntry', 'reversesId', 'LedgerEntry'),
    ('Redemption', 'customerId', 'Customer'),
    ('Redemption', 'rewardId', 'Reward'),
    ('SharePost', 'socialProfileId', 'SocialProfile'),
    ('Campaign', 'segmentId', 'Segment'),
    ('ListeningSource', 'connectionId', 'ChannelConnection'),
    ('WebhookDelivery', 'webhookId', 'Webhook')
  ) AS t(child, col, parent) LOOP
    EXECUTE format('SELECT count(*) FROM %I c JOIN %I p ON p.id = c.%I WHERE p."tenantId" <> c."tenantId"', r.child, r.parent, r.col) INTO n;
    IF n > 0 THEN bad := bad || format(' %s.%s: %s row(s);', r.child, r.col, n); END IF;
  END LOOP;
  IF bad <> '' THEN
    RAISE EXCEPTION 'cross-tenant references found, fix them before this migration:%', bad;
  END IF;
END $$;

-- CreateTable
CREATE TABLE "MentionMatch" (
    "tenantId" TEXT NOT NULL,
    "mentionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentionMatch_pkey" PRIMARY KEY ("tenantId","mentionId","sourceId")
);

-- CreateIndex
CREATE INDEX "MentionMatch_tenantId_sourceId_idx" ON "MentionMatch"("tenantId", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_tenantId_id_key" ON "ApiKey"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_tenantId_id_key" ON "AuditLog"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_tenantId_id_key" ON "Campaign"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelConnection_tenantId_id_key" ON "ChannelConnection"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRecord_tenantId_id_key" ON "ConsentRecord"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_tenantId_id_key" ON "Customer"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerEmail_tenantId_id_key" ON "CustomerEmail"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tenantId_id_key" ON "Invitation"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_tenantId_id_key" ON "LedgerEntry"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_tenantId_reversesId_key" ON "LedgerEntry"("tenantId", "reversesId");

-- CreateIndex
CREATE UNIQUE INDEX "ListeningSource_tenantId_id_key" ON "ListeningSource"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Location_tenantId_id_key" ON "Location"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_id_key" ON "Membership"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Mention_tenantId_id_key" ON "Mention"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PointRule_tenantId_id_key" ON "PointRule"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_tenantId_id_key" ON "Redemption"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Reward_tenantId_id_key" ON "Reward"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_tenantId_id_key" ON "Segment"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SharePost_tenantId_id_key" ON "SharePost"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SocialProfile_tenantId_id_key" ON "SocialProfile"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_tenantId_id_key" ON "Webhook"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_tenantId_id_key" ON "WebhookDelivery"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "CustomerEmail" ADD CONSTRAINT "CustomerEmail_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListeningSource" ADD CONSTRAINT "ListeningSource_tenantId_connectionId_fkey" FOREIGN KEY ("tenantId", "connectionId") REFERENCES "ChannelConnection"("tenantId", "id") ON DELETE SET NULL ("connectionId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE SET NULL ("customerId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_tenantId_locationId_fkey" FOREIGN KEY ("tenantId", "locationId") REFERENCES "Location"("tenantId", "id") ON DELETE SET NULL ("locationId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionMatch" ADD CONSTRAINT "MentionMatch_tenantId_mentionId_fkey" FOREIGN KEY ("tenantId", "mentionId") REFERENCES "Mention"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionMatch" ADD CONSTRAINT "MentionMatch_tenantId_sourceId_fkey" FOREIGN KEY ("tenantId", "sourceId") REFERENCES "ListeningSource"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_tenantId_webhookId_fkey" FOREIGN KEY ("tenantId", "webhookId") REFERENCES "Webhook"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_tenantId_segmentId_fkey" FOREIGN KEY ("tenantId", "segmentId") REFERENCES "Segment"("tenantId", "id") ON DELETE SET NULL ("segmentId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_tenantId_reversesId_fkey" FOREIGN KEY ("tenantId", "reversesId") REFERENCES "LedgerEntry"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_tenantId_rewardId_fkey" FOREIGN KEY ("tenantId", "rewardId") REFERENCES "Reward"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharePost" ADD CONSTRAINT "SharePost_tenantId_socialProfileId_fkey" FOREIGN KEY ("tenantId", "socialProfileId") REFERENCES "SocialProfile"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SocialProfile" ADD CONSTRAINT "SocialProfile_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE SET NULL ("customerId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: each stored mention matched the source that stored it (when that source still
-- exists). Matches a second source made before this migration were never recorded.
INSERT INTO "MentionMatch" ("tenantId", "mentionId", "sourceId", "createdAt")
SELECT m."tenantId", m.id, m."sourceId", m."createdAt"
FROM "Mention" m
JOIN "ListeningSource" s ON s."tenantId" = m."tenantId" AND s.id = m."sourceId"
WHERE m."sourceId" IS NOT NULL;

-- DropForeignKey
ALTER TABLE "Campaign" DROP CONSTRAINT "Campaign_segmentId_fkey";

-- DropForeignKey
ALTER TABLE "ConsentRecord" DROP CONSTRAINT "ConsentRecord_customerId_fkey";

-- DropForeignKey
ALTER TABLE "CustomerEmail" DROP CONSTRAINT "CustomerEmail_customerId_fkey";

-- DropForeignKey
ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_customerId_fkey";

-- DropForeignKey
ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_reversesId_fkey";

-- DropForeignKey
ALTER TABLE "ListeningSource" DROP CONSTRAINT "ListeningSource_connectionId_fkey";

-- DropForeignKey
ALTER TABLE "Mention" DROP CONSTRAINT "Mention_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Mention" DROP CONSTRAINT "Mention_locationId_fkey";

-- DropForeignKey
ALTER TABLE "Redemption" DROP CONSTRAINT "Redemption_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Redemption" DROP CONSTRAINT "Redemption_rewardId_fkey";

-- DropForeignKey
ALTER TABLE "SharePost" DROP CONSTRAINT "SharePost_socialProfileId_fkey";

-- DropForeignKey
ALTER TABLE "SocialProfile" DROP CONSTRAINT "SocialProfile_customerId_fkey";

-- DropForeignKey
ALTER TABLE "WebhookDelivery" DROP CONSTRAINT "WebhookDelivery_webhookId_fkey";

-- DropIndex
DROP INDEX "ApiKey_tenantId_idx";

-- DropIndex
DROP INDEX "LedgerEntry_reversesId_key";

-- DropIndex
DROP INDEX "Webhook_tenantId_idx";
