-- CreateTable
CREATE TABLE "SentimentRollupState" (
    "tenantId" TEXT NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3) NOT NULL,
    "lastExamined" INTEGER NOT NULL DEFAULT 0,
    "lastUpdated" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SentimentRollupState_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Customer_tenantId_sentimentLabel_idx" ON "Customer"("tenantId", "sentimentLabel");
