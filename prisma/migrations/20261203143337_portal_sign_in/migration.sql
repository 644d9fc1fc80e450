-- CreateTable
CREATE TABLE "CustomerSignIn" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('csi'::text),
    "tenantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "joinTokenHash" TEXT,
    "ipAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerSignIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerSession" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('cse'::text),
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "CustomerSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerSignIn_tenantId_email_createdAt_idx" ON "CustomerSignIn"("tenantId", "email", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSignIn_tenantId_id_key" ON "CustomerSignIn"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSignIn_tenantId_tokenHash_key" ON "CustomerSignIn"("tenantId", "tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSignIn_tenantId_joinTokenHash_key" ON "CustomerSignIn"("tenantId", "joinTokenHash");

-- CreateIndex
CREATE INDEX "CustomerSession_tenantId_customerId_idx" ON "CustomerSession"("tenantId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSession_tenantId_id_key" ON "CustomerSession"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSession_tenantId_tokenHash_key" ON "CustomerSession"("tenantId", "tokenHash");

-- AddForeignKey
ALTER TABLE "CustomerSignIn" ADD CONSTRAINT "CustomerSignIn_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSession" ADD CONSTRAINT "CustomerSession_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
