import type { SocialNetworkEntry } from "../network-entry";
import { NO_SHARE_RULES } from "../share-rules";
import { foursquareCheckinProvider } from "./foursquare.provider";

/** Foursquare: no search; linked customers' check-ins, polled with their tokens and pushed to the app. */
export const foursquareNetwork: SocialNetworkEntry = {
  network: "FOURSQUARE",
  label: "Foursquare",
  connectionHelp: "Your Foursquare app's client id and secret, and the push secret its check-in pushes carry.",
  search: null,
  checkins: foursquareCheckinProvider,
  // Linking from the portal is not built for Foursquare yet (issue 11 item 3 does X first).
  linking: null,
  sharing: NO_SHARE_RULES,
};
