-- CreateEnum
CREATE TYPE "StageChangeSource" AS ENUM ('RULE', 'MANUAL');

-- CreateTable
CREATE TABLE "StageRuleSet" (
    "tenantId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "advocateMinPositiveMentions" INTEGER NOT NULL DEFAULT 3,
    "advocateWindowDays" INTEGER NOT NULL DEFAULT 30,
    "advocateRequirePromoter" BOOLEAN NOT NULL DEFAULT true,
    "loyalMinPoints" INTEGER NOT NULL DEFAULT 200,
    "loyalWindowDays" INTEGER NOT NULL DEFAULT 90,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StageRuleSet_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('stc'::text),
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "fromStage" "LifecycleStage" NOT NULL,
    "toStage" "LifecycleStage" NOT NULL,
    "source" "StageChangeSource" NOT NULL,
    "rule" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StageChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StageChange_tenantId_customerId_createdAt_idx" ON "StageChange"("tenantId", "customerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "StageChange_tenantId_id_key" ON "StageChange"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The form's bounds (stage-rule.schemas.ts), held by the database too.
ALTER TABLE "StageRuleSet" ADD CONSTRAINT "StageRuleSet_bounds_check" CHECK (
  "advocateMinPositiveMentions" BETWEEN 1 AND 1000 AND "advocateWindowDays" BETWEEN 1 AND 365
  AND "loyalMinPoints" BETWEEN 1 AND 10000000 AND "loyalWindowDays" BETWEEN 1 AND 365
);
