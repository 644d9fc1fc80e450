-- CreateEnum
CREATE TYPE "NpsClass" AS ENUM ('PROMOTER', 'PASSIVE', 'DETRACTOR');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('OPEN', 'HANDLED');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "npsClass" "NpsClass";

-- AlterTable
ALTER TABLE "SharePost" ADD COLUMN     "feedbackResponseId" TEXT,
ALTER COLUMN "ledgerEntryId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "FeedbackResponse" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('fbk'::text),
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "npsClass" "NpsClass" NOT NULL,
    "comment" TEXT,
    "locationId" TEXT,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'OPEN',
    "handledAt" TIMESTAMP(3),
    "handledById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedbackResponse_tenantId_createdAt_idx" ON "FeedbackResponse"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "FeedbackResponse_tenantId_npsClass_createdAt_idx" ON "FeedbackResponse"("tenantId", "npsClass", "createdAt");

-- CreateIndex
CREATE INDEX "FeedbackResponse_tenantId_customerId_createdAt_idx" ON "FeedbackResponse"("tenantId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackResponse_tenantId_id_key" ON "FeedbackResponse"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Customer_tenantId_npsClass_idx" ON "Customer"("tenantId", "npsClass");

-- CreateIndex
CREATE UNIQUE INDEX "SharePost_tenantId_feedbackResponseId_key" ON "SharePost"("tenantId", "feedbackResponseId");

-- AddForeignKey
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_tenantId_locationId_fkey" FOREIGN KEY ("tenantId", "locationId") REFERENCES "Location"("tenantId", "id") ON DELETE SET NULL ("locationId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharePost" ADD CONSTRAINT "SharePost_tenantId_feedbackResponseId_fkey" FOREIGN KEY ("tenantId", "feedbackResponseId") REFERENCES "FeedbackResponse"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A score is 0–10 and its class follows from it (0–6 detractor, 7–8 passive, 9–10 promoter).
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_score_check" CHECK ("score" BETWEEN 0 AND 10);
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_npsClass_check" CHECK (
  "npsClass" = CASE WHEN "score" >= 9 THEN 'PROMOTER'::"NpsClass" WHEN "score" >= 7 THEN 'PASSIVE'::"NpsClass" ELSE 'DETRACTOR'::"NpsClass" END
);
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_handled_check" CHECK (("status" = 'HANDLED') = ("handledAt" IS NOT NULL));

-- A share tells about an award or shares a feedback answer: exactly one of the two.
ALTER TABLE "SharePost" ADD CONSTRAINT "SharePost_subject_check" CHECK (num_nonnulls("ledgerEntryId", "feedbackResponseId") = 1);
