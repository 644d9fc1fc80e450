-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "sentimentModelLabel" "SentimentLabel",
ADD COLUMN     "sentimentModelScore" DOUBLE PRECISION,
ADD COLUMN     "sentimentOverriddenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InboxView" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('ivw'::text),
    "tenantId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxView_tenantId_id_key" ON "InboxView"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InboxView_tenantId_membershipId_name_key" ON "InboxView"("tenantId", "membershipId", "name");

-- AddForeignKey
ALTER TABLE "InboxView" ADD CONSTRAINT "InboxView_tenantId_membershipId_fkey" FOREIGN KEY ("tenantId", "membershipId") REFERENCES "Membership"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
