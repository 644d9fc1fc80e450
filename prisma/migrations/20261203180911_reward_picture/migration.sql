-- A reward's picture is an upload of its own brand: storeImage writes `<tenantId>/reward/<128 random
-- bits in hex>.<png|jpg|webp>` (src/server/modules/rewards/reward-picture.ts). The database refuses
-- any other key, so no reward can be pointed at another brand's file or at a logo.
-- NOT VALID: rows written before pictures could be uploaded are left as they were (nothing could
-- show them); every insert and update from now on is checked. Prisma does not model CHECKs, so the
-- schema and the migrations still agree.
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_imageKey_own_picture" CHECK (
  "imageKey" IS NULL
  OR (starts_with("imageKey", "tenantId" || '/reward/') AND substr("imageKey", length("tenantId") + 1) ~ '^/reward/[0-9a-f]{32}\.(png|jpg|webp)$')
) NOT VALID;
