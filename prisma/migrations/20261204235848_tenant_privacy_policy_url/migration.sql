-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "privacyPolicyUrl" TEXT;

-- Shown as a link in the portal: only an https address, whatever wrote it.
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_privacyPolicyUrl_https" CHECK ("privacyPolicyUrl" IS NULL OR "privacyPolicyUrl" ~ '^https://[^\s]+$');
