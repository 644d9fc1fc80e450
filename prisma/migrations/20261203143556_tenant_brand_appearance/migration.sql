-- Brand appearance (issue 11): the portal's colour and logo. Both optional; null = the product's own.
ALTER TABLE "Tenant" ADD COLUMN     "brandColor" TEXT,
ADD COLUMN     "logoKey" TEXT;

-- The colour reaches style attributes of every portal page: only "#rrggbb" in lower case is stored,
-- whoever writes it. The logo key is a storage key of this tenant (src/server/storage/storage-key.ts).
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_brandColor_hex" CHECK ("brandColor" ~ '^#[0-9a-f]{6}$');
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_logoKey_own" CHECK ("logoKey" IS NULL OR ("logoKey" LIKE "id" || '/%' AND length("logoKey") <= 255));
