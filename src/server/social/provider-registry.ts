import type { Network } from "../db/generated/enums";
import { AppError } from "../errors";
import type { AccountLinking } from "./account-linking";
import type { CheckinProvider } from "./checkin-provider";
import { foursquareNetwork } from "./foursquare/foursquare.network";
import type { SocialNetworkEntry } from "./network-entry";
import type { ShareNetworkRules } from "./share-rules";
import type { SocialProvider } from "./social-provider";
import { twitterNetwork } from "./twitter/twitter.network";

/**
 * THE registry of social networks: one line per network, keyed by the Prisma `Network` enum (the
 * type makes a missing network a compile error; tests/unit/social/network-registry.test.ts checks
 * each entry). The pipeline, the linking flow and the settings screens read networks from here
 * and only here; nothing outside a network's folder imports from it.
 */
const NETWORKS: { readonly [N in Network]: SocialNetworkEntry } = {
  TWITTER: twitterNetwork,
  FOURSQUARE: foursquareNetwork,
};

export function networkEntry(network: Network): SocialNetworkEntry {
  const entry = NETWORKS[network];
  if (!entry) throw new AppError("BAD_REQUEST", `unknown network ${String(network)}`);
  return entry;
}

/** Every registered network, in registry order. */
export function registeredNetworks(): SocialNetworkEntry[] {
  return Object.values(NETWORKS);
}

/** The network's name as staff see it ("X", "Foursquare"). */
export function networkLabel(network: Network): string {
  return networkEntry(network).label;
}

/** The search/lookup/publish provider; BAD_REQUEST for a network without one. */
export function getProvider(network: Network): SocialProvider {
  const provider = networkEntry(network).search;
  if (!provider) throw new AppError("BAD_REQUEST", `no provider for ${network} search`);
  return provider;
}

/** Networks whose sources can be searched (Foursquare venues are fed by check-ins, not search). */
export function searchNetworks(): Network[] {
  return registeredNetworks()
    .filter((entry) => entry.search !== null)
    .map((entry) => entry.network);
}

export function getCheckinProvider(network: Network): CheckinProvider {
  const provider = networkEntry(network).checkins;
  if (!provider) throw new AppError("BAD_REQUEST", `no check-in provider for ${network}`);
  return provider;
}

/** Networks whose linked profiles are polled for check-ins (today: Foursquare). */
export function checkinNetworks(): Network[] {
  return registeredNetworks()
    .filter((entry) => entry.checkins !== null)
    .map((entry) => entry.network);
}

/** What posting on this network needs to know (length, own-post search, duplicate answer). */
export function shareRulesFor(network: Network): ShareNetworkRules {
  return networkEntry(network).sharing;
}

/** How customers link their own account on this network from the portal; BAD_REQUEST when they cannot yet. */
export function getAccountLinking(network: Network): AccountLinking {
  const linking = networkEntry(network).linking;
  if (!linking) throw new AppError("BAD_REQUEST", `linking a ${networkLabel(network)} account from the portal is not available yet`);
  return linking;
}

/** Networks a customer can link from the portal, in registry order. */
export function linkableNetworks(): Network[] {
  return registeredNetworks()
    .filter((entry) => entry.linking !== null)
    .map((entry) => entry.network);
}
