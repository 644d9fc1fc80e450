import { z } from "zod";

export const ZDeletionCursor = z.strictObject({
  /** `createdAt` (collection time) of the last mention checked, ISO. */
  createdAt: z.iso.datetime(),
  id: z.string().regex(/^men_[0-9a-f]{32}$/),
});
export type DeletionCursor = z.infer<typeof ZDeletionCursor>;

export const ZScheduleDeletionChecksJob = z.strictObject({});

export const ZCheckDeletionsJob = z.strictObject({
  tenantId: z.string().min(1),
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  /** Where the pass stands: null starts from the oldest mention in the window. */
  cursor: ZDeletionCursor.nullable().default(null),
});
export type CheckDeletionsJob = z.infer<typeof ZCheckDeletionsJob>;
