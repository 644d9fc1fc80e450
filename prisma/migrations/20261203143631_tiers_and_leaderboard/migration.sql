-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "leaderboardName" TEXT,
ADD COLUMN     "leaderboardOptOut" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "tierPeriodMonths" INTEGER NOT NULL DEFAULT 12;

-- CreateTable
CREATE TABLE "Tier" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('tier'::text),
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tier_tenantId_id_key" ON "Tier"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Tier_tenantId_name_key" ON "Tier"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Tier_tenantId_threshold_key" ON "Tier"("tenantId", "threshold");

-- Hand-written: what the forms promise, held by the database too.
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_threshold_nonnegative" CHECK ("threshold" >= 0);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_tierPeriodMonths_range" CHECK ("tierPeriodMonths" BETWEEN 1 AND 36);
