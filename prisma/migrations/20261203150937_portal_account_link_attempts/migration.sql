-- CreateTable
CREATE TABLE "AccountLinkAttempt" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('lka'::text),
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "stateHash" TEXT NOT NULL,
    "codeVerifierCiphertext" TEXT NOT NULL,
    "scopes" TEXT[],
    "allowPosting" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "AccountLinkAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountLinkAttempt_tenantId_customerId_createdAt_idx" ON "AccountLinkAttempt"("tenantId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AccountLinkAttempt_tenantId_id_key" ON "AccountLinkAttempt"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AccountLinkAttempt_tenantId_stateHash_key" ON "AccountLinkAttempt"("tenantId", "stateHash");

-- AddForeignKey
ALTER TABLE "AccountLinkAttempt" ADD CONSTRAINT "AccountLinkAttempt_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
