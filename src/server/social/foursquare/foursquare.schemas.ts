/** zod schemas for the Foursquare v2 responses the app reads (unknown fields pass through). */
import { z } from "zod";

export const ZFsqMeta = z.looseObject({
  code: z.number().int(),
  requestId: z.string().optional(),
  errorType: z.string().optional(),
  errorDetail: z.string().optional(),
});

export const ZFsqVenue = z.looseObject({
  id: z.string(),
  name: z.string(),
  location: z
    .looseObject({
      address: z.string().optional(),
      lat: z.number().optional(),
      lng: z.number().optional(),
      city: z.string().optional(),
      cc: z.string().optional(),
    })
    .optional(),
});

/** A count block as v2 renders it (`{count, items|groups}`); only the count is read. */
const ZFsqCount = z.looseObject({ count: z.number().int().min(0) });

export const ZFsqCompactUser = z.looseObject({
  id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  /** Present on some renderings of a user; the closest thing Foursquare has to a follower count. */
  friends: ZFsqCount.optional(),
});
export type FsqCompactUser = z.infer<typeof ZFsqCompactUser>;

export const ZFsqCheckin = z.looseObject({
  id: z.string(),
  createdAt: z.number().int(),
  type: z.string(),
  timeZoneOffset: z.number().int().optional(),
  shout: z.string().optional(),
  venue: ZFsqVenue.optional(),
  user: ZFsqCompactUser.optional(),
  likes: ZFsqCount.optional(),
  comments: ZFsqCount.optional(),
});
export type FsqCheckin = z.infer<typeof ZFsqCheckin>;

export const ZFsqSelf = z.looseObject({
  id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  checkins: z.looseObject({ count: z.number().int() }).optional(),
});
export type FsqSelf = z.infer<typeof ZFsqSelf>;

export const envelopeOf = <T extends z.ZodType>(response: T) => z.looseObject({ meta: ZFsqMeta, response });

export const ZSelfResponse = envelopeOf(z.looseObject({ user: ZFsqSelf }));
export const ZCheckinsResponse = envelopeOf(z.looseObject({ checkins: z.looseObject({ count: z.number().int(), items: z.array(ZFsqCheckin) }) }));
export const ZCheckinResponse = envelopeOf(z.looseObject({ checkin: ZFsqCheckin }));
export const ZAccessTokenResponse = z.looseObject({ access_token: z.string().min(1) });
export const ZErrorEnvelope = z.looseObject({ meta: ZFsqMeta });
