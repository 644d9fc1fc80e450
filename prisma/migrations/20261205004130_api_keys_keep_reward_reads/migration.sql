-- Reading the reward catalogue and redemptions now takes the `rewards:read` scope (it took
-- `ledger:read` before). Keys made before keep what they could do: a key that could read the ledger
-- is given `rewards:read` unless it already holds a rewards scope.
UPDATE "ApiKey"
   SET scopes = array_append(scopes, 'rewards:read')
 WHERE ('ledger:read' = ANY (scopes) OR 'ledger:write' = ANY (scopes))
   AND NOT ('rewards:read' = ANY (scopes) OR 'rewards:write' = ANY (scopes));
