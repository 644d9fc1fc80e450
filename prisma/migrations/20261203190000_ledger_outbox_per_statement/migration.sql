-- The notification outbox trigger becomes one INSERT … SELECT per ledger statement instead of one
-- INSERT per row: the ingest pays a page of mentions with one statement. As a statement-level AFTER
-- trigger it also fires after the entries' own foreign-key checks, so an entry naming another
-- brand's customer is refused by the ledger's key, not by the outbox's.
DROP TRIGGER "LedgerEntry_notification_outbox" ON "LedgerEntry";

CREATE OR REPLACE FUNCTION megaphone_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NotificationOutbox" ("tenantId", "customerId", "ledgerEntryId", "createdAt")
  SELECT "tenantId", "customerId", id, "createdAt" FROM new_entries;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "LedgerEntry_notification_outbox" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_notification_outbox();
