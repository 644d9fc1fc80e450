import type { SocialNetworkEntry } from "../network-entry";
import { twitterAccountLinking } from "./twitter-account-linking";
import { twitterShareRules } from "./twitter-share-rules";
import { twitterProvider } from "./twitter.provider";

/** X: searched with the tenant's app credentials; customers' own tokens publish shares. */
export const twitterNetwork: SocialNetworkEntry = {
  network: "TWITTER",
  label: "X",
  connectionHelp: "An app-only bearer token (or the app's client id and secret) for recent search and user lookups.",
  search: twitterProvider,
  checkins: null,
  linking: twitterAccountLinking,
  sharing: twitterShareRules,
};
