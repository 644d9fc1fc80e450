-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "html" TEXT;

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "digest" BOOLEAN NOT NULL DEFAULT true,
    "affordable" BOOLEAN NOT NULL DEFAULT true,
    "cap" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("tenantId","customerId")
);

-- CreateTable
CREATE TABLE "NotificationOutbox" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('nob'::text),
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "ledgerEntryId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDigestDue" (
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "NotificationDigestDue_pkey" PRIMARY KEY ("tenantId","day","customerId")
);

-- CreateTable
CREATE TABLE "RewardAffordableNotice" (
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RewardAffordableNotice_pkey" PRIMARY KEY ("tenantId","customerId","rewardId")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationOutbox_tenantId_id_key" ON "NotificationOutbox"("tenantId", "id");

-- CreateIndex
CREATE INDEX "RewardAffordableNotice_tenantId_rewardId_idx" ON "RewardAffordableNotice"("tenantId", "rewardId");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationOutbox" ADD CONSTRAINT "NotificationOutbox_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationOutbox" ADD CONSTRAINT "NotificationOutbox_tenantId_ledgerEntryId_fkey" FOREIGN KEY ("tenantId", "ledgerEntryId") REFERENCES "LedgerEntry"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDigestDue" ADD CONSTRAINT "NotificationDigestDue_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardAffordableNotice" ADD CONSTRAINT "RewardAffordableNotice_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardAffordableNotice" ADD CONSTRAINT "RewardAffordableNotice_tenantId_rewardId_fkey" FOREIGN KEY ("tenantId", "rewardId") REFERENCES "Reward"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox row is written by the database in the entry's own statement, so every writer of the
-- ledger (the one-statement ingest, redemptions, adjustments, reversals, merges) is covered without
-- code of its own, and a rolled-back entry leaves no row.
CREATE FUNCTION megaphone_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NotificationOutbox" ("tenantId", "customerId", "ledgerEntryId", "createdAt")
  VALUES (NEW."tenantId", NEW."customerId", NEW.id, NEW."createdAt");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "LedgerEntry_notification_outbox" AFTER INSERT ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION megaphone_notification_outbox();
