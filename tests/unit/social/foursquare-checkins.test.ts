import { describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { FoursquareApiError } from "../../../src/server/social/foursquare/foursquare-client";
import type { FsqCheckin } from "../../../src/server/social/foursquare/foursquare.schemas";
import { keepBrandVenueCheckins } from "../../../src/server/pipeline/checkins/brand-venues";
import { syncReaction } from "../../../src/server/pipeline/sync/sync-policy";
import { classifyFoursquareError } from "../../../src/server/social/foursquare/foursquare-errors";
import { checkinUrl, foursquareUserToSocialUser, toCheckinMention, toCheckinRateLimit } from "../../../src/server/social/foursquare/foursquare-mapping";
import type { SocialUser } from "../../../src/server/social/social-provider";

const owner: SocialUser = { externalId: "48000001", handle: "swarm.sam", name: "Sam Swarm", followers: 12, following: 0 };

function checkin(overrides: Partial<FsqCheckin> = {}): FsqCheckin {
  return {
    id: "548b64f0498e3784281ca137",
    createdAt: 1_418_421_488,
    type: "checkin",
    timeZoneOffset: -300,
    venue: { id: "4EF0E7CF7BEB5932D5BDEB4E", name: "Brand X Soho" },
    ...overrides,
  };
}

describe("a Foursquare check-in as a mention", () => {
  it("maps id, venue, time, author and a stable URL; without a shout the text names the venue", () => {
    expect(toCheckinMention(checkin(), owner)).toEqual({
      externalId: "548b64f0498e3784281ca137",
      text: "Checked in at Brand X Soho",
      url: "https://foursquare.com/user/48000001/checkin/548b64f0498e3784281ca137",
      lang: null,
      postedAt: new Date("2014-12-12T21:58:08.000Z"),
      author: owner,
      isRetweet: false,
      isReply: false,
      metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
      venueExternalId: "4ef0e7cf7beb5932d5bdeb4e",
    });
  });

  it("uses the shout as the text (a blank shout does not count)", () => {
    expect(toCheckinMention(checkin({ shout: "Grabbing a latte #BrandX" }), owner)?.text).toBe("Grabbing a latte #BrandX");
    expect(toCheckinMention(checkin({ shout: "   " }), owner)?.text).toBe("Checked in at Brand X Soho");
  });

  it("takes the friend count from the check-in's own user when it carries one, else the owner's number", () => {
    const withFriends = checkin({ user: { id: owner.externalId, friends: { count: 250 } } });
    expect(toCheckinMention(withFriends, owner)?.author.followers).toBe(250);
    const someoneElse = checkin({ user: { id: "999", friends: { count: 250 } } });
    expect(toCheckinMention(someoneElse, owner)?.author.followers).toBe(12);
    expect(toCheckinMention(checkin(), { ...owner, followers: 0 })?.author.followers).toBe(0);
  });

  it("counts likes and comments, and drops a venueless check-in", () => {
    const liked = toCheckinMention(checkin({ likes: { count: 3 }, comments: { count: 2 } }), owner);
    expect(liked?.metrics).toEqual({ likes: 3, reposts: 0, replies: 2, quotes: 0 });
    expect(toCheckinMention(checkin({ venue: undefined, type: "shout" }), owner)).toBeNull();
  });

  it("turns a push's compact user into an author: full name, id as handle, friends or 0", () => {
    expect(foursquareUserToSocialUser({ id: "7", firstName: "Jane", lastName: "Doe", friends: { count: 9 } })).toEqual({
      externalId: "7",
      handle: "7",
      name: "Jane Doe",
      followers: 9,
      following: 0,
    });
    expect(foursquareUserToSocialUser({ id: "8" })).toMatchObject({ name: "8", followers: 0 });
  });

  it("escapes ids in the URL", () => {
    expect(checkinUrl("a/b", "c?d")).toBe("https://foursquare.com/user/a%2Fb/checkin/c%3Fd");
  });
});

describe("only check-ins at the tenant's venues are kept", () => {
  it("keeps venues in the set, case-insensitively, and drops the rest and venueless ones", () => {
    const at = (venue: string | null, id: string) => ({ ...toCheckinMention(checkin({ id }), owner)!, venueExternalId: venue });
    const kept = keepBrandVenueCheckins(
      [at("4ef0e7cf7beb5932d5bdeb4e", "a"), at("AAAAAAAAAAAAAAAAAAAAAAAA", "b"), at("aaaaaaaaaaaaaaaaaaaaaaab", "c"), at(null, "d")],
      new Set(["4ef0e7cf7beb5932d5bdeb4e", "aaaaaaaaaaaaaaaaaaaaaaaa"]),
    );
    expect(kept.map((m) => m.externalId)).toEqual(["a", "b"]);
  });
});

describe("Foursquare rate-limit headers", () => {
  const now = Date.UTC(2026, 10, 22, 12);
  it("reads limit, remaining and reset; assumes an hour when no reset is sent", () => {
    expect(toCheckinRateLimit({ limit: 500, remaining: 0, reset: now / 1000 + 120 }, now)).toEqual({
      limit: 500,
      remaining: 0,
      resetAt: new Date(now + 120_000),
    });
    expect(toCheckinRateLimit({ limit: 500, remaining: 499, reset: undefined }, now)?.resetAt).toEqual(new Date(now + 3_600_000));
    expect(toCheckinRateLimit({ limit: undefined, remaining: undefined, reset: undefined }, now)).toBeNull();
  });
});

describe("Foursquare errors → pipeline reactions", () => {
  const now = Date.UTC(2026, 10, 22, 12);
  const api = (status: number, type: string, reset?: number) => new FoursquareApiError(status, type, "detail", { limit: 500, remaining: 0, reset });

  it("quota (403 rate_limit_exceeded) and 429 wait for X-RateLimit-Reset, or 15 minutes without one", () => {
    expect(classifyFoursquareError(api(403, "rate_limit_exceeded", now / 1000 + 600), now)).toMatchObject({
      kind: "RATE_LIMITED",
      retryAt: new Date(now + 600_000),
    });
    expect(classifyFoursquareError(api(429, "other", now / 1000 + 60), now)).toMatchObject({ kind: "RATE_LIMITED", retryAt: new Date(now + 60_000) });
    // Without a usable reset the classifier gives no time; the one policy's default (15 min) applies.
    const noReset = classifyFoursquareError(api(429, "server_error"), now);
    const pastReset = classifyFoursquareError(api(403, "quota_exceeded", now / 1000 - 5), now);
    for (const classified of [noReset, pastReset]) {
      expect(classified).toMatchObject({ kind: "RATE_LIMITED" });
      expect(classified.retryAt).toBeUndefined();
      expect(syncReaction(classified, new Date(now))).toEqual({ state: "THROTTLED", until: new Date(now + 15 * 60_000), retryable: false });
    }
  });

  it("a refused or missing token, or a 403 not_authorized, needs the customer to reconnect", () => {
    expect(classifyFoursquareError(api(401, "invalid_auth"), now).kind).toBe("RECONNECT");
    expect(classifyFoursquareError(api(400, "invalid_auth"), now).kind).toBe("RECONNECT");
    expect(classifyFoursquareError(api(403, "not_authorized"), now).kind).toBe("RECONNECT");
  });

  it("5xx and network failures are transient; other 4xx and unexpected bodies are bad requests", () => {
    expect(classifyFoursquareError(api(503, "server_error"), now).kind).toBe("TRANSIENT");
    expect(classifyFoursquareError(new TypeError("fetch failed"), now).kind).toBe("TRANSIENT");
    expect(classifyFoursquareError(api(410, "param_error"), now).kind).toBe("BAD_REQUEST");
    expect(classifyFoursquareError(api(404, "endpoint_error"), now).kind).toBe("BAD_REQUEST");
    const schemaError = z.object({ id: z.string() }).safeParse({}).error;
    expect(schemaError).toBeInstanceOf(ZodError);
    expect(classifyFoursquareError(schemaError, now)).toMatchObject({ kind: "BAD_REQUEST", message: expect.stringMatching(/unexpected Foursquare response/) });
  });
});
