import { z } from "zod";

/** The refresh scheduler's tick: fans out one refresh job per tenant and network with due profiles. */
export const ZScheduleProfileRefresh = z.strictObject({});

export const ZRefreshTenantProfilesJob = z.strictObject({
  tenantId: z.string().min(1),
  network: z.enum(["TWITTER", "FOURSQUARE"]),
});
export type RefreshTenantProfilesJob = z.infer<typeof ZRefreshTenantProfilesJob>;
