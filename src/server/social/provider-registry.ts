import type { Network } from "../db/generated/enums";
import { AppError } from "../errors";
import type { SocialProvider } from "./social-provider";
import { twitterProvider } from "./twitter/twitter.provider";

const PROVIDERS: Partial<Record<Network, SocialProvider>> = {
  TWITTER: twitterProvider,
};

export function getProvider(network: Network): SocialProvider {
  const provider = PROVIDERS[network];
  if (!provider) throw new AppError("BAD_REQUEST", `no provider for ${network} search`);
  return provider;
}

/** Networks whose sources can be searched (Foursquare venues are fed by check-ins, not search). */
export function searchNetworks(): Network[] {
  return Object.keys(PROVIDERS) as Network[];
}
