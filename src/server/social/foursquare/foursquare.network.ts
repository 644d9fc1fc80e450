import type { SocialNetworkEntry } from "../network-entry";
import { NO_SHARE_RULES } from "../share-rules";
import { foursquareAccountLinking } from "./foursquare-account-linking";
import { foursquareCheckinProvider } from "./foursquare.provider";

/** Foursquare: no search; customers link their accounts from the portal, and their check-ins are polled with their tokens and pushed to the app. */
export const foursquareNetwork: SocialNetworkEntry = {
  network: "FOURSQUARE",
  label: "Foursquare",
  connectionHelp: "Your Foursquare app's client id and secret, and the push secret its check-in pushes carry.",
  search: null,
  checkins: foursquareCheckinProvider,
  linking: foursquareAccountLinking,
  sharing: NO_SHARE_RULES,
};
