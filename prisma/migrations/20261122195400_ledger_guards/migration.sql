-- The ledger is append-only: the database itself refuses UPDATE and DELETE on its rows. A
-- correction is a new entry that points at the one it reverses (reversesId, unique).
CREATE FUNCTION megaphone_refuse_ledger_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LedgerEntry is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION megaphone_refuse_ledger_change();

-- TRUNCATE is refused too, unless the session says it is a test reset
-- (SET megaphone.allow_ledger_truncate = 'on'), which only the test setup does.
CREATE FUNCTION megaphone_refuse_ledger_truncate() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('megaphone.allow_ledger_truncate', true), '') <> 'on' THEN
    RAISE EXCEPTION 'LedgerEntry is append-only: TRUNCATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_no_truncate
  BEFORE TRUNCATE ON "LedgerEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_refuse_ledger_truncate();

ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_amount_nonzero" CHECK ("amount" <> 0);
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_not_self_reversal" CHECK ("reversesId" IS NULL OR "reversesId" <> "id");
ALTER TABLE "PointBalance" ADD CONSTRAINT "PointBalance_balance_nonnegative" CHECK ("balance" >= 0);
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_cost_positive" CHECK ("cost" > 0);
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_stock_nonnegative" CHECK ("stock" IS NULL OR "stock" >= 0);
ALTER TABLE "PointRule" ADD CONSTRAINT "PointRule_points_sane" CHECK ("basePoints" > 0 AND "basePoints" <= 100000 AND "maxMultiplier" >= 1 AND "maxMultiplier" <= 100);
ALTER TABLE "CustomerEmail" ADD CONSTRAINT "CustomerEmail_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email"));
