-- CreateEnum
CREATE TYPE "RewardFulfilment" AS ENUM ('CODE_POOL', 'GENERATED_CODE', 'MANUAL');

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" TEXT,
ADD COLUMN     "code" TEXT,
ADD COLUMN     "fulfilledAt" TIMESTAMP(3),
ADD COLUMN     "fulfilledById" TEXT;

-- AlterTable
ALTER TABLE "Reward" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "availableFrom" TIMESTAMP(3),
ADD COLUMN     "availableUntil" TIMESTAMP(3),
ADD COLUMN     "fulfilment" "RewardFulfilment" NOT NULL DEFAULT 'MANUAL',
ADD COLUMN     "imageKey" TEXT,
ADD COLUMN     "minimumTierId" TEXT,
ADD COLUMN     "perCustomerLimit" INTEGER;

-- CreateTable
CREATE TABLE "RewardCode" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('rcd'::text),
    "tenantId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "redemptionId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RewardCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RewardCode_tenantId_rewardId_redemptionId_idx" ON "RewardCode"("tenantId", "rewardId", "redemptionId");

-- CreateIndex
CREATE UNIQUE INDEX "RewardCode_tenantId_id_key" ON "RewardCode"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "RewardCode_tenantId_code_key" ON "RewardCode"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "RewardCode_tenantId_redemptionId_key" ON "RewardCode"("tenantId", "redemptionId");

-- CreateIndex
CREATE INDEX "Redemption_tenantId_rewardId_customerId_idx" ON "Redemption"("tenantId", "rewardId", "customerId");

-- CreateIndex
CREATE INDEX "Redemption_tenantId_status_createdAt_idx" ON "Redemption"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_tenantId_code_key" ON "Redemption"("tenantId", "code");

-- AddForeignKey
ALTER TABLE "RewardCode" ADD CONSTRAINT "RewardCode_tenantId_rewardId_fkey" FOREIGN KEY ("tenantId", "rewardId") REFERENCES "Reward"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardCode" ADD CONSTRAINT "RewardCode_tenantId_redemptionId_fkey" FOREIGN KEY ("tenantId", "redemptionId") REFERENCES "Redemption"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Hand-written: the database refuses what the domain also refuses (stock >= 0 is already a CHECK
-- from ledger_guards): no per-customer limit below one, no window that ends before it starts.
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_perCustomerLimit_positive" CHECK ("perCustomerLimit" IS NULL OR "perCustomerLimit" >= 1);
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_window_ordered" CHECK ("availableFrom" IS NULL OR "availableUntil" IS NULL OR "availableUntil" > "availableFrom");
