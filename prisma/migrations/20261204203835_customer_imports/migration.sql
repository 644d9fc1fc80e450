-- CreateEnum
CREATE TYPE "CustomerImportStatus" AS ENUM ('UPLOADED', 'CHECKING', 'CHECKED', 'IMPORTING', 'IMPORTED', 'FAILED');

-- CreateTable
CREATE TABLE "CustomerImport" (
    "id" TEXT NOT NULL DEFAULT megaphone_id('imp'::text),
    "tenantId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileBytes" BYTEA NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "headers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "mapping" JSONB,
    "status" "CustomerImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "skipInvalid" BOOLEAN NOT NULL DEFAULT false,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "fileError" TEXT,
    "committedRows" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "checkedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerImport_tenantId_createdAt_idx" ON "CustomerImport"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerImport_tenantId_id_key" ON "CustomerImport"("tenantId", "id");
