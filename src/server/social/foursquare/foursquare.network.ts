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
  sharing: NO_SHARE_RULES,
};
