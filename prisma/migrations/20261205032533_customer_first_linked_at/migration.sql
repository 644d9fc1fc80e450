-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "firstLinkedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Customer_tenantId_firstLinkedAt_idx" ON "Customer"("tenantId", "firstLinkedAt");

-- The overview counts customers who linked their first account in a period (a customer who links
-- X and Foursquare is one new linked customer, not two). The date is kept when a profile names a
-- customer: on insert, on update (linking, and a merge moving profiles to the survivor, which keeps
-- the earlier of the two). An unlink leaves it: the customer did link then.
CREATE FUNCTION megaphone_customer_first_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Customer" c
     SET "firstLinkedAt" = f.first
    FROM (SELECT "tenantId", "customerId", MIN("linkedAt") AS first
            FROM new_profiles
           WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
           GROUP BY 1, 2) f
   WHERE c."tenantId" = f."tenantId" AND c.id = f."customerId"
     AND (c."firstLinkedAt" IS NULL OR c."firstLinkedAt" > f.first);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "SocialProfile_first_link_insert" AFTER INSERT ON "SocialProfile"
  REFERENCING NEW TABLE AS new_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_customer_first_link();
CREATE TRIGGER "SocialProfile_first_link_update" AFTER UPDATE ON "SocialProfile"
  REFERENCING NEW TABLE AS new_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_customer_first_link();

-- Existing data: the earliest link among the profiles each customer holds now (links undone
-- before this migration left no trace to count from).
UPDATE "Customer" c
   SET "firstLinkedAt" = f.first
  FROM (SELECT "tenantId", "customerId", MIN("linkedAt") AS first
          FROM "SocialProfile"
         WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
         GROUP BY 1, 2) f
 WHERE c."tenantId" = f."tenantId" AND c.id = f."customerId";
