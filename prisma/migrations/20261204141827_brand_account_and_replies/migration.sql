-- CreateEnum
CREATE TYPE "BrandAccountStatus" AS ENUM ('ACTIVE', 'NEEDS_RECONNECT', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "ReplyStatus" AS ENUM ('SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "BrandSocialAccount" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('bsa'::text),
    "tenantId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "scopes" TEXT[],
    "tokensCiphertext" TEXT NOT NULL,
    "tokenExpiresAt" TIMESTAMP(3),
    "status" "BrandAccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "lastError" TEXT,
    "connectedByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrandSocialAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandConnectAttempt" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('bca'::text),
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "network" "Network" NOT NULL,
    "stateHash" TEXT NOT NULL,
    "codeVerifierCiphertext" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "BrandConnectAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentionReply" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('rpl'::text),
    "tenantId" TEXT NOT NULL,
    "mentionId" TEXT NOT NULL,
    "brandAccountId" TEXT NOT NULL,
    "asHandle" TEXT NOT NULL,
    "authorUserId" TEXT,
    "requestKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "ReplyStatus" NOT NULL DEFAULT 'SENDING',
    "externalPostId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MentionReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BrandSocialAccount_tenantId_id_key" ON "BrandSocialAccount"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BrandSocialAccount_tenantId_network_key" ON "BrandSocialAccount"("tenantId", "network");

-- CreateIndex
CREATE INDEX "BrandConnectAttempt_tenantId_userId_createdAt_idx" ON "BrandConnectAttempt"("tenantId", "userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BrandConnectAttempt_tenantId_id_key" ON "BrandConnectAttempt"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BrandConnectAttempt_tenantId_stateHash_key" ON "BrandConnectAttempt"("tenantId", "stateHash");

-- CreateIndex
CREATE INDEX "MentionReply_tenantId_mentionId_createdAt_idx" ON "MentionReply"("tenantId", "mentionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MentionReply_tenantId_id_key" ON "MentionReply"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MentionReply_tenantId_requestKey_key" ON "MentionReply"("tenantId", "requestKey");

-- AddForeignKey
ALTER TABLE "MentionReply" ADD CONSTRAINT "MentionReply_tenantId_mentionId_fkey" FOREIGN KEY ("tenantId", "mentionId") REFERENCES "Mention"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionReply" ADD CONSTRAINT "MentionReply_tenantId_brandAccountId_fkey" FOREIGN KEY ("tenantId", "brandAccountId") REFERENCES "BrandSocialAccount"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
