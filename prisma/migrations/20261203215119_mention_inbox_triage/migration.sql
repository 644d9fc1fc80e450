-- CreateEnum
CREATE TYPE "MentionTriage" AS ENUM ('NEW', 'IN_PROGRESS', 'DONE');

-- DropIndex
DROP INDEX "Mention_tenantId_postedAt_idx";

-- AlterTable
-- isQuestion and searchVector are computed by Postgres as each row is written, so every writer
-- (the one-statement ingest included) sets them without knowing they exist; the cost is one
-- regex and one to_tsvector of a post of at most a few hundred characters per row.
-- Question: a question mark in Latin, full-width (CJK) or Arabic form, or an English question
-- word opening the post. Cheap and deliberately loose: the flag only sorts, it decides nothing.
-- Search: the 'simple' configuration (lower-cased words, no stemming, no stop words): one brand's
-- mentions come in many languages (Mention.lang is the network's guess per post, the brand stores
-- none), and a language's stemmer applied to another language's text finds less than 'simple'.
ALTER TABLE "Mention" ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "isQuestion" BOOLEAN GENERATED ALWAYS AS (
  "text" ~ '[?？؟]'
  OR "text" ~* '^\s*(who|what|when|where|why|how|which|anyone|does|do|did|can|could|is|are|will|would|should)\M'
) STORED,
ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "text")) STORED,
ADD COLUMN     "triage" "MentionTriage" NOT NULL DEFAULT 'NEW';

-- CreateTable
CREATE TABLE "MentionNote" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('mno'::text),
    "tenantId" TEXT NOT NULL,
    "mentionId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentionNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MentionNote_tenantId_mentionId_createdAt_idx" ON "MentionNote"("tenantId", "mentionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MentionNote_tenantId_id_key" ON "MentionNote"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Mention_tenantId_postedAt_id_idx" ON "Mention"("tenantId", "postedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Mention_tenantId_assigneeId_idx" ON "Mention"("tenantId", "assigneeId");

-- CreateIndex
CREATE INDEX "Mention_searchVector_idx" ON "Mention" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_tenantId_assigneeId_fkey" FOREIGN KEY ("tenantId", "assigneeId") REFERENCES "Membership"("tenantId", "id") ON DELETE SET NULL ("assigneeId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionNote" ADD CONSTRAINT "MentionNote_tenantId_mentionId_fkey" FOREIGN KEY ("tenantId", "mentionId") REFERENCES "Mention"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionNote" ADD CONSTRAINT "MentionNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
