import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";

export const ZSettleStaleReplies = z.strictObject({});

/** The tick: replies left SENDING by a process that stopped mid-post are settled as "outcome unknown". Every 5 minutes. */
export const settleStaleRepliesJob = defineJob({
  ...TICK,
  name: "replies.settle-stale",
  payload: ZSettleStaleReplies,
  handler: async () => (await import("./mentions.handlers")).settleStaleRepliesHandler,
  schedule: { id: "replies-settle-scheduler", everyMs: 5 * 60_000 },
});

export const MENTION_JOBS = [settleStaleRepliesJob] as const;
