import type { PushedCheckin } from "../checkin-provider";
import type { FetchedMention, RateLimitState, SocialUser } from "../social-provider";
import type { FsqRateLimit } from "./foursquare-client";
import type { FsqCheckin, FsqCompactUser } from "./foursquare.schemas";

/** Foursquare's v2 limits are per hour; without a reset header, assume a full window. */
export const FOURSQUARE_RATE_WINDOW_MS = 3_600_000;

/** A stable public address of a check-in (the user's check-in page on foursquare.com). */
export function checkinUrl(userId: string, checkinId: string): string {
  return `https://foursquare.com/user/${encodeURIComponent(userId)}/checkin/${encodeURIComponent(checkinId)}`;
}

/**
 * A Foursquare user as a mention author. Foursquare has no handles and no followers: the name is
 * "First Last", the handle the user id, and `followers` the friend count when the payload carries
 * one, else 0.
 */
export function foursquareUserToSocialUser(user: FsqCompactUser): SocialUser {
  const name = [user.firstName, user.lastName]
    .filter((part) => part && part.trim())
    .join(" ")
    .trim();
  return { externalId: user.id, handle: user.id, name: name || user.id, followers: user.friends?.count ?? 0, following: 0 };
}

/**
 * One check-in → a mention of its venue. `owner` is the account that checked in (from the linked
 * profile, or from the push's `user`); a friend count in the check-in's own `user` wins over the
 * owner's stored number. Null for a check-in without a venue (a venueless "shout"): nothing a
 * brand location could earn.
 *
 *   externalId  the check-in id (the same id by push and by poll, so it is stored once)
 *   text        the shout, or "Checked in at <venue name>"
 *   url         https://foursquare.com/user/<user id>/checkin/<check-in id>
 *   postedAt    createdAt (epoch seconds)
 *   venueExternalId  the venue id, lower-case (Location.foursquareVenueId is stored lower-case)
 */
export function toCheckinMention(checkin: FsqCheckin, owner: SocialUser): FetchedMention | null {
  const venue = checkin.venue;
  if (!venue) return null;
  const shout = checkin.shout?.trim();
  const friends = checkin.user?.id === owner.externalId ? checkin.user.friends?.count : undefined;
  return {
    externalId: checkin.id,
    text: shout ? shout : `Checked in at ${venue.name}`,
    url: checkinUrl(owner.externalId, checkin.id),
    lang: null,
    postedAt: new Date(checkin.createdAt * 1000),
    author: { ...owner, followers: Math.max(0, friends ?? owner.followers) },
    isRetweet: false,
    isReply: false,
    metrics: { likes: checkin.likes?.count ?? 0, reposts: 0, replies: checkin.comments?.count ?? 0, quotes: 0 },
    venueExternalId: venue.id.toLowerCase(),
  };
}

/** The X-RateLimit-* headers of a response; null when the response carried none. */
export function toCheckinRateLimit(rateLimit: FsqRateLimit, now: number): RateLimitState | null {
  if (rateLimit.limit === undefined || rateLimit.remaining === undefined) return null;
  if (!Number.isFinite(rateLimit.limit) || !Number.isFinite(rateLimit.remaining)) return null;
  const reset = rateLimit.reset !== undefined && Number.isFinite(rateLimit.reset) ? rateLimit.reset * 1000 : now + FOURSQUARE_RATE_WINDOW_MS;
  return { limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt: new Date(reset) };
}

/** The pushed check-in a job carried → the check-in shape `toCheckinMention` reads. */
export function pushedToFsqCheckin(pushed: PushedCheckin): FsqCheckin {
  return {
    id: pushed.id,
    createdAt: pushed.createdAt,
    type: "checkin",
    ...(pushed.shout !== undefined ? { shout: pushed.shout } : {}),
    venue: pushed.venue,
    user: {
      id: pushed.user.id,
      firstName: pushed.user.firstName,
      lastName: pushed.user.lastName,
      ...(pushed.user.friends !== undefined ? { friends: { count: pushed.user.friends } } : {}),
    },
  };
}

/**
 * What the push receiver keeps of a pushed check-in: only the fields ingest needs (no coordinates,
 * photos or friends' names travel through Redis), each clipped to the job schema's bounds.
 */
export function fsqCheckinToPushed(checkin: FsqCheckin & { venue: NonNullable<FsqCheckin["venue"]> }, user: FsqCompactUser): PushedCheckin {
  return {
    id: checkin.id,
    createdAt: checkin.createdAt,
    ...(checkin.shout ? { shout: checkin.shout.slice(0, 1_000) } : {}),
    venue: { id: checkin.venue.id, name: checkin.venue.name.slice(0, 300) || checkin.venue.id },
    user: {
      id: user.id,
      ...(user.firstName ? { firstName: user.firstName.slice(0, 200) } : {}),
      ...(user.lastName ? { lastName: user.lastName.slice(0, 200) } : {}),
      ...(user.friends ? { friends: user.friends.count } : {}),
    },
  };
}
