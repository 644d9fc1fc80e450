-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "fetchedAt" TIMESTAMP(3);
