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
    })
    .nullable(),
});
export type PollSourceJob = z.infer<typeof ZPollSourceJob>;
