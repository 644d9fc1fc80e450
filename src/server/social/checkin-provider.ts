import type { Network } from "../db/generated/enums";
import { AppError } from "../errors";
import { foursquareCheckinProvider } from "./foursquare/foursquare.provider";
import type { ClassifiedError, FetchedMention, RateLimitState, SocialUser, UserAuth } from "./social-provider";

/**
 * A capability beside `SocialProvider`: networks where a linked customer's OWN activity (their
 * check-ins) is read with their own token, rather than searched for with the brand's app token.
 *
 * It has a registry of its own on purpose. `getProvider()` answers for networks that search, look
 * up users and posts, and publish; generic code enumerates that registry (which networks can post,
 * which get profile refreshes and deletion checks), so putting a check-in-only network there would
 * make it a posting and search network by accident. The shapes are the same as SocialProvider's:
 * posts come back as `FetchedMention`s, with the provider's rate-limit state, and failures are
 * classified into the pipeline's reactions (RATE_LIMITED / TRANSIENT / RECONNECT / BAD_REQUEST …).
 */
export interface CheckinProvider {
  readonly network: Network;
  readonly limits: CheckinLimits;
  /**
   * One page of the user's check-ins strictly after `afterTimestamp` (epoch seconds), OLDEST
   * first, so a run can move its cursor forward page by page. `owner` is the account the token
   * belongs to (the check-ins' author). Check-ins without a venue are dropped from `checkins`
   * but counted in `fetched`.
   */
  listCheckins(auth: UserAuth, owner: SocialUser, request: CheckinRequest): Promise<CheckinPage>;
  classifyError(error: unknown): ClassifiedError;
}

export interface CheckinLimits {
  /** The most check-ins one request returns. */
  maxPerPage: number;
  /**
   * How far before the cursor each run asks again (seconds): a check-in that becomes visible a
   * little after its own timestamp is not missed; the repeats are de-duplicated by ingest.
   */
  cursorOverlapSeconds: number;
}

export interface CheckinRequest {
  /** Epoch seconds, exclusive; null = the network's whole history. */
  afterTimestamp: number | null;
  limit: number;
}

export interface CheckinPage {
  /** Check-ins with a venue, as mentions with `venueExternalId` set, oldest first. */
  checkins: FetchedMention[];
  /** How many check-ins the network returned (a full page means more may follow). */
  fetched: number;
  /** The newest check-in time in the page (epoch seconds), null for an empty page. */
  newestTimestamp: number | null;
  rateLimit: RateLimitState | null;
}

const CHECKIN_PROVIDERS: Partial<Record<Network, CheckinProvider>> = {
  FOURSQUARE: foursquareCheckinProvider,
};

export function getCheckinProvider(network: Network): CheckinProvider {
  const provider = CHECKIN_PROVIDERS[network];
  if (!provider) throw new AppError("BAD_REQUEST", `no check-in provider for ${network}`);
  return provider;
}

/** Networks whose linked profiles are polled for check-ins (today: Foursquare). */
export function checkinNetworks(): Network[] {
  return Object.keys(CHECKIN_PROVIDERS) as Network[];
}
