import type { Network } from "../db/generated/enums";
import type { AccountLinking } from "./account-linking";
import type { CheckinProvider } from "./checkin-provider";
import type { ShareNetworkRules } from "./share-rules";
import type { SocialProvider } from "./social-provider";

/**
 * One social network as the rest of the product sees it: its folder (src/server/social/<network>/)
 * exports one of these, and provider-registry.ts lists it. Everything network-specific (client
 * construction, OAuth and app credentials, fetchers, rate-limit reading, error mapping, sharing
 * rules) sits behind these capabilities; a capability the network does not have is null.
 */
export interface SocialNetworkEntry {
  readonly network: Network;
  /** The network's name as staff see it (settings screens, messages). */
  readonly label: string;
  /** What Settings → Channels asks for to connect the tenant's app. */
  readonly connectionHelp: string;
  /** Search, user and post lookups, publishing, token refresh; null for networks without search. */
  readonly search: SocialProvider | null;
  /** Reading linked customers' own check-ins (and check-in pushes); null when the network has none. */
  readonly checkins: CheckinProvider | null;
  /** A customer linking their own account from the portal (OAuth); null until the network has it. */
  readonly linking: AccountLinking | null;
  /** Posting on a customer's behalf (NO_SHARE_RULES when nothing is posted there). */
  readonly sharing: ShareNetworkRules;
}
