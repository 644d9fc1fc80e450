-- Composite tenant keys for the reference columns that had no foreign key at all (issue 10,
-- item 3, continued from 20261203080400_tenant_composite_keys): Mention.sourceId,
-- socialProfileId; SharePost.customerId, ledgerEntryId; PointBalance.customerId;
-- ConsentRecord.socialProfileId. Each becomes (tenantId, xId) -> (tenantId, id), so the database
-- refuses an id of another tenant's row. (LedgerEntry.ruleId, mentionId, redemptionId and
-- campaignId are not done yet: see docs/scaling.md.)
--
-- onDelete: a share post's customer and entry are RESTRICT (both have history and the ledger is
-- never deleted), as is a consent record's profile (consent is evidence). A mention's source and profile are cleared when
-- they go (deleteSource deletes sources): ON DELETE SET NULL ("col"), the Postgres 15 column list,
-- so tenantId stays. A point balance goes with its customer (only one without history is deleted).

-- A required reference that points at no row of its own tenant cannot be repaired here: stop with
-- the count per reference (nothing is changed).
DO $$
DECLARE
  bad text := '';
  n bigint;
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('PointBalance', 'customerId', 'Customer'),
    ('SharePost', 'customerId', 'Customer'),
    ('SharePost', 'ledgerEntryId', 'LedgerEntry')
  ) AS t(child, col, parent) LOOP
    EXECUTE format('SELECT count(*) FROM %I c WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p."tenantId" = c."tenantId" AND p.id = c.%I)', r.child, r.parent, r.col) INTO n;
    IF n > 0 THEN bad := bad || format(' %s.%s: %s row(s);', r.child, r.col, n); END IF;
  END LOOP;
  IF bad <> '' THEN
    RAISE EXCEPTION 'references to no row of the same tenant found, fix them before this migration:%', bad;
  END IF;
END $$;

-- Optional references that point at no row of their own tenant (a source deleted before these
-- keys existed, or another tenant's id) are set to NULL so every row is kept and the keys can be
-- added.
UPDATE "Mention" c SET "sourceId" = NULL
WHERE c."sourceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ListeningSource" p WHERE p."tenantId" = c."tenantId" AND p.id = c."sourceId");
UPDATE "Mention" c SET "socialProfileId" = NULL
WHERE c."socialProfileId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "SocialProfile" p WHERE p."tenantId" = c."tenantId" AND p.id = c."socialProfileId");
UPDATE "ConsentRecord" c SET "socialProfileId" = NULL
WHERE c."socialProfileId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "SocialProfile" p WHERE p."tenantId" = c."tenantId" AND p.id = c."socialProfileId");

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_tenantId_sourceId_fkey" FOREIGN KEY ("tenantId", "sourceId") REFERENCES "ListeningSource"("tenantId", "id") ON DELETE SET NULL ("sourceId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_tenantId_socialProfileId_fkey" FOREIGN KEY ("tenantId", "socialProfileId") REFERENCES "SocialProfile"("tenantId", "id") ON DELETE SET NULL ("socialProfileId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointBalance" ADD CONSTRAINT "PointBalance_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharePost" ADD CONSTRAINT "SharePost_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharePost" ADD CONSTRAINT "SharePost_tenantId_ledgerEntryId_fkey" FOREIGN KEY ("tenantId", "ledgerEntryId") REFERENCES "LedgerEntry"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_tenantId_socialProfileId_fkey" FOREIGN KEY ("tenantId", "socialProfileId") REFERENCES "SocialProfile"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
