-- CreateTable
CREATE TABLE "ProspectConversion" (
    "tenantId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "authorExternalId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProspectConversion_pkey" PRIMARY KEY ("tenantId","network","authorExternalId")
);

-- CreateTable
CREATE TABLE "ProspectInvitation" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('pin'::text),
    "tenantId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "authorExternalId" TEXT NOT NULL,
    "authorHandle" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProspectInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProspectConversion_tenantId_customerId_idx" ON "ProspectConversion"("tenantId", "customerId");

-- CreateIndex
CREATE INDEX "ProspectInvitation_tenantId_network_authorExternalId_create_idx" ON "ProspectInvitation"("tenantId", "network", "authorExternalId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProspectInvitation_tenantId_id_key" ON "ProspectInvitation"("tenantId", "id");

-- CreateIndex
CREATE INDEX "FeedbackResponse_tenantId_locationId_createdAt_idx" ON "FeedbackResponse"("tenantId", "locationId", "createdAt");

-- CreateIndex
CREATE INDEX "Mention_tenantId_locationId_postedAt_idx" ON "Mention"("tenantId", "locationId", "postedAt");

-- AddForeignKey
ALTER TABLE "ProspectConversion" ADD CONSTRAINT "ProspectConversion_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
