import { z } from "zod";
import { CONNECTION_STATUSES } from "../../modules/channels/channel.schemas";
import { SYNC_STATUSES } from "../../modules/listening/source.schemas";

/** One linked Foursquare account as the Listening settings show it: who, and where its polling stands. */
export const ZCheckinPollingDto = z.object({
  profileId: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** The account's name on Foursquare (or its id when it has none). */
  name: z.string(),
  externalUserId: z.string(),
  profileStatus: z.enum(CONNECTION_STATUSES),
  syncStatus: z.enum(SYNC_STATUSES),
  /** The newest check-in time seen by polling. */
  cursor: z.iso.datetime().nullable(),
  lastRunAt: z.iso.datetime().nullable(),
  nextRunAt: z.iso.datetime().nullable(),
  throttleCount: z.number().int(),
  lastError: z.string().nullable(),
});
export type CheckinPollingDto = z.infer<typeof ZCheckinPollingDto>;

export const ZCheckinListeningDto = z.object({
  /** Where the tenant's Foursquare app must send its pushes. */
  pushUrl: z.string(),
  /** Whether an ACTIVE Foursquare connection (with the push secret) is saved. */
  connected: z.boolean(),
  /** Locations with a Foursquare venue id. */
  trackedVenues: z.number().int(),
  profiles: z.array(ZCheckinPollingDto),
  /** More linked profiles exist than are listed. */
  truncated: z.boolean(),
});
export type CheckinListeningDto = z.infer<typeof ZCheckinListeningDto>;
