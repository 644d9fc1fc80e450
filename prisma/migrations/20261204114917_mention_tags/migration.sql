-- CreateTable
CREATE TABLE "MentionTag" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('mtg'::text),
    "tenantId" TEXT NOT NULL,
    "mentionId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentionTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MentionTag_tenantId_tag_idx" ON "MentionTag"("tenantId", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "MentionTag_tenantId_id_key" ON "MentionTag"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MentionTag_tenantId_mentionId_tag_key" ON "MentionTag"("tenantId", "mentionId", "tag");

-- AddForeignKey
ALTER TABLE "MentionTag" ADD CONSTRAINT "MentionTag_tenantId_mentionId_fkey" FOREIGN KEY ("tenantId", "mentionId") REFERENCES "Mention"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
