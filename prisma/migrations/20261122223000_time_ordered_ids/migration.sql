-- Ids keep their shape (prefix + 32 hex) but now start with the creation time in milliseconds
-- (12 hex), like UUIDv7: new rows land at the right edge of every primary-key index instead of
-- on a random page, which keeps inserts into million-row tables (mentions, ledger) cache-friendly.
-- The remaining 20 hex (80 bits) stay random.
CREATE OR REPLACE FUNCTION megaphone_id(prefix text) RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $$
    SELECT prefix || '_'
      || lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
      || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)
  $$;
