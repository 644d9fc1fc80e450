-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "deletionCheckAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "deletionCheckDays" INTEGER NOT NULL DEFAULT 7;

-- CreateTable
CREATE TABLE "DeletionCheckState" (
    "tenantId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "requestedAt" TIMESTAMP(3),
    "requestedById" TEXT,
    "passId" TEXT,
    "passTrigger" TEXT,
    "passStartedAt" TIMESTAMP(3),
    "passHeartbeatAt" TIMESTAMP(3),
    "passBudget" INTEGER,
    "passLookups" INTEGER NOT NULL DEFAULT 0,
    "passChecked" INTEGER NOT NULL DEFAULT 0,
    "passDeleted" INTEGER NOT NULL DEFAULT 0,
    "passReversed" INTEGER NOT NULL DEFAULT 0,
    "passPointsTakenBack" INTEGER NOT NULL DEFAULT 0,
    "lastPassTrigger" TEXT,
    "lastPassStartedAt" TIMESTAMP(3),
    "lastPassFinishedAt" TIMESTAMP(3),
    "lastPassOutcome" TEXT,
    "lastPassLookups" INTEGER NOT NULL DEFAULT 0,
    "lastPassChecked" INTEGER NOT NULL DEFAULT 0,
    "lastPassDeleted" INTEGER NOT NULL DEFAULT 0,
    "lastPassReversed" INTEGER NOT NULL DEFAULT 0,
    "lastPassPointsTakenBack" INTEGER NOT NULL DEFAULT 0,
    "lastPassCarriedOver" INTEGER NOT NULL DEFAULT 0,
    "lastPassError" TEXT,
    "lookupLimit" INTEGER,
    "lookupRemaining" INTEGER,
    "lookupResetAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeletionCheckState_pkey" PRIMARY KEY ("tenantId","network")
);

-- CreateIndex
CREATE INDEX "Mention_tenantId_network_deletionCheckAt_idx" ON "Mention"("tenantId", "network", "deletionCheckAt");

-- Written by hand: the brand's period stays within what the settings screen accepts.
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_deletionCheckDays_range" CHECK ("deletionCheckDays" BETWEEN 1 AND 30);

-- Written by hand: mentions that are already settled (DELETED, collected more than the old fixed
-- 7 days ago, or on a network with no post lookup) are never due; the rest are due at once and
-- move onto their age tier at their first check.
UPDATE "Mention" SET "deletionCheckAt" = NULL
WHERE status = 'DELETED' OR network <> 'TWITTER' OR "createdAt" < CURRENT_TIMESTAMP - interval '7 days';
