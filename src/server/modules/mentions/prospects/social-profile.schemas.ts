import { z } from "zod";

export const ZLinkSocialProfile = z.strictObject({
  customerId: z.string().min(1),
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  externalUserId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "not an account id"),
  handle: z.string().trim().min(1, "handle is required").max(100),
  /** The account's name at the network, when known (Foursquare has no usernames: it is what the customer recognises). */
  displayName: z.string().trim().max(200).nullish(),
  followers: z.number().int().min(0).max(2_000_000_000).default(0),
  /** What the customer granted on the consent screen; recorded before the account is linked. */
  consent: z.strictObject({
    scopes: z.array(z.string().trim().min(1).max(100)).max(50),
    allowPosting: z.boolean(),
    policyVersion: z.string().trim().min(1, "policy version is required").max(50),
  }),
});
export type LinkSocialProfileInput = z.input<typeof ZLinkSocialProfile>;

export const ZLinkSocialProfileResult = z.object({
  socialProfile: z.object({
    id: z.string(),
    customerId: z.string(),
    network: z.enum(["TWITTER", "FOURSQUARE"]),
    externalUserId: z.string(),
    handle: z.string(),
    followers: z.number().int(),
    linkedAt: z.iso.datetime(),
  }),
  consent: z.object({
    id: z.string(),
    scopes: z.array(z.string()),
    allowPosting: z.boolean(),
    policyVersion: z.string(),
    grantedAt: z.iso.datetime(),
  }),
  /** Earlier mentions of this account credited by this link. */
  earlierMentions: z.object({ attributed: z.number().int(), credited: z.number().int(), pointsAwarded: z.number().int() }),
  /** LINK_ACCOUNT rules paid by this link (0 and 0 when the account had already earned them, with any customer). */
  linkAward: z.object({ pointsAwarded: z.number().int(), entries: z.number().int() }),
});
export type LinkSocialProfileResult = z.infer<typeof ZLinkSocialProfileResult>;
