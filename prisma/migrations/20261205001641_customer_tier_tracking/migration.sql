-- CreateTable
CREATE TABLE "CustomerTier" (
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tierId" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerTier_pkey" PRIMARY KEY ("tenantId","customerId")
);

-- CreateTable
CREATE TABLE "TierTrackState" (
    "tenantId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "ladderKey" TEXT NOT NULL,

    CONSTRAINT "TierTrackState_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "CustomerTier" ADD CONSTRAINT "CustomerTier_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
