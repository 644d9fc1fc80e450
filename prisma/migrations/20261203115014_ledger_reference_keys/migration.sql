-- Composite tenant keys for the last reference columns without a foreign key (issue 10, item 3,
-- after 20261203095915_tenant_reference_keys): LedgerEntry.ruleId, redemptionId and campaignId,
-- and Customer.mergedIntoId. Each becomes (tenantId, xId) -> (tenantId, id), so the database
-- refuses an id of another tenant's row, or of no row. (LedgerEntry.mentionId stays without one:
-- checking it doubled the ingest's database CPU; see tests/unit/tenancy/tenant-keys-schema.test.ts.)
--
-- onDelete/onUpdate RESTRICT: what an entry was paid for is part of the append-only ledger, so it
-- can be neither cleared nor cascaded; a merge target stays while anything is merged into it
-- (deleteCustomer erases such a customer instead of deleting it).

-- The ledger's rows cannot be changed here (append-only), and a merge pointing at no customer has
-- no right repair: stop with the count per reference (nothing is changed).
DO $$
DECLARE
  bad text := '';
  n bigint;
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('LedgerEntry', 'ruleId', 'PointRule'),
    ('LedgerEntry', 'redemptionId', 'Redemption'),
    ('LedgerEntry', 'campaignId', 'Campaign'),
    ('Customer', 'mergedIntoId', 'Customer')
  ) AS t(child, col, parent) LOOP
    EXECUTE format('SELECT count(*) FROM %I c WHERE c.%I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %I p WHERE p."tenantId" = c."tenantId" AND p.id = c.%I)', r.child, r.col, r.parent, r.col) INTO n;
    IF n > 0 THEN bad := bad || format(' %s.%s: %s row(s);', r.child, r.col, n); END IF;
  END LOOP;
  IF bad <> '' THEN
    RAISE EXCEPTION 'references to no row of the same tenant found, fix them before this migration:%', bad;
  END IF;
END $$;

-- CreateIndex
CREATE INDEX "LedgerEntry_tenantId_redemptionId_idx" ON "LedgerEntry"("tenantId", "redemptionId");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_tenantId_mergedIntoId_fkey" FOREIGN KEY ("tenantId", "mergedIntoId") REFERENCES "Customer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_tenantId_ruleId_fkey" FOREIGN KEY ("tenantId", "ruleId") REFERENCES "PointRule"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_tenantId_redemptionId_fkey" FOREIGN KEY ("tenantId", "redemptionId") REFERENCES "Redemption"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_tenantId_campaignId_fkey" FOREIGN KEY ("tenantId", "campaignId") REFERENCES "Campaign"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
