-- AlterTable
ALTER TABLE "SocialProfile" ADD COLUMN     "checkinCursor" TIMESTAMP(3),
ADD COLUMN     "checkinLastError" TEXT,
ADD COLUMN     "checkinLastRunAt" TIMESTAMP(3),
ADD COLUMN     "checkinNextRunAt" TIMESTAMP(3),
ADD COLUMN     "checkinSyncStatus" "SyncStatus" NOT NULL DEFAULT 'IDLE',
ADD COLUMN     "checkinThrottleCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "SocialProfile_network_checkinNextRunAt_idx" ON "SocialProfile"("network", "checkinNextRunAt");
