import { z } from "zod";

/** The consent form on the accounts page, before the customer leaves for the network. */
export const ZStartAccountLink = z.strictObject({
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  /** The separate, optional consent: may the brand post the points they earn on their behalf. */
  allowPosting: z.boolean(),
});
export type StartAccountLinkInput = z.input<typeof ZStartAccountLink>;

/** What the network sends back to the callback (every field optional: anyone can call it). */
export const ZLinkCallback = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});
export type LinkCallback = z.infer<typeof ZLinkCallback>;

export const ZProfileId = z.strictObject({ profileId: z.string().trim().min(1).max(64) });
export const ZAutoSharing = z.strictObject({ profileId: z.string().trim().min(1).max(64), on: z.boolean() });

/** Why a link did not happen: the accounts page turns each into a sentence (nothing from the network is echoed). */
export const LINK_FAILURES = ["denied", "state", "network", "refused", "conflict", "unavailable", "failed"] as const;
export type LinkFailure = (typeof LINK_FAILURES)[number];
export const ZLinkFailure = z.enum(LINK_FAILURES);
