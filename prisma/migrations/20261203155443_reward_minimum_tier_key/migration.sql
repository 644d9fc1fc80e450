-- A reward's minimum tier becomes a real key (composite, so it can only name its own brand's tier).
-- Before tiers existed a reward naming a tier could never be redeemed; one that names no tier of its
-- brand is switched off (not opened to everyone) and its dangling tier id cleared.
UPDATE "Reward" r SET "minimumTierId" = NULL, active = false
WHERE r."minimumTierId" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "Tier" t WHERE t."tenantId" = r."tenantId" AND t.id = r."minimumTierId");

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_tenantId_minimumTierId_fkey" FOREIGN KEY ("tenantId", "minimumTierId") REFERENCES "Tier"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
