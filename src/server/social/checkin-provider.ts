import type { Network } from "../db/generated/enums";
import type { ClassifiedError, FetchedMention, RateLimitState, SocialUser, UserAuth } from "./social-provider";

/**
 * A capability beside `SocialProvider`: networks where a linked customer's OWN activity (their
 * check-ins) is read with their own token, rather than searched for with the brand's app token.
 *
 * It is a capability of its own on purpose: a network's registry entry (provider-registry.ts) has a
 * `search` provider for networks that search, look up users and posts, and publish, and a
 * `checkins` provider for this; generic code enumerates the capability it needs (which networks
 * can post, which get profile refreshes and deletion checks), so a check-in-only network is never
 * taken for a posting and search network by accident. The shapes are the same as SocialProvider's:
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
  /** Present when the network also pushes check-ins to the app as they happen. */
  readonly push?: CheckinPush;
}

/**
 * A network's check-in push: parse and verify a delivery against the connection's push secret,
 * and turn the kept fields (what the ingest job carries) back into a mention.
 */
export interface CheckinPush {
  parse(rawBody: string, contentType: string, expectedSecret: string): PushParseResult;
  toMention(pushed: PushedCheckin, owner: SocialUser): FetchedMention | null;
}

export type PushParseResult =
  | { ok: false; reason: "bad_secret" | "malformed" }
  | {
      ok: true;
      /** What the receiver decides on, in this order: who, when (replay window), where. */
      head: { id: string; createdAt: number; userId: string | null; venueId: string | null };
      /** Everything parsed from the delivery, for the receiver's input-safety check. */
      raw: unknown;
      /** The fields to queue; null without a user or a venue. */
      pushed: PushedCheckin | null;
    };

export interface PushedCheckin {
  id: string;
  /** Epoch seconds. */
  createdAt: number;
  shout?: string;
  venue: { id: string; name: string };
  user: { id: string; firstName?: string; lastName?: string; friends?: number };
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
