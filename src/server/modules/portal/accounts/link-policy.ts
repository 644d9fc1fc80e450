/**
 * The version of what the accounts page says before the customer links an account (what is read,
 * the separate posting consent), recorded with each ConsentRecord it produces.
 */
export const LINK_POLICY_VERSION = "link-2026-12";

/** How long a started "Connect" may take at the network before its state stops working. */
export const LINK_ATTEMPT_TTL_MS = 10 * 60_000;
