import { z } from "zod";

export const ZScheduleListening = z.object({}).strict();

export const ZPollSourceJob = z.strictObject({
  tenantId: z.string().min(1),
  sourceId: z.string().min(1),
  cursor: z
    .strictObject({
      pageToken: z.string().min(1).nullable(),
      sinceId: z
        .string()
        .regex(/^\d{1,19}$/)
        .nullable(),
      newestId: z
        .string()
        .regex(/^\d{1,19}$/)
        .nullable(),
      startedAt: z.iso.datetime(),
      // Which page of the run this job fetches (the first page, with no cursor, is 0). Optional:
      // jobs queued before it existed count as page 1.
      page: z.number().int().min(1).optional(),
    })
    .nullable(),
});
export type PollSourceJob = z.infer<typeof ZPollSourceJob>;
