import type { Job } from "bullmq";
import type { JobName, JobPayload } from "@/server/jobs/job-definitions";
import { CHECKIN_HANDLERS } from "./handlers/checkins.handlers";
import { pollSourceHandler, scheduleListeningHandler } from "./handlers/listening.handlers";
import { sendMailHandler } from "./handlers/send-mail.handler";
import { scheduleSentimentRollupHandler, sentimentRollupHandler } from "./handlers/sentiment-rollup.handlers";
import { REVERSAL_HANDLERS } from "@/server/pipeline/deletions/reversal.handlers";
import { SHARING_HANDLERS } from "@/server/pipeline/sharing/sharing.handlers";

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<void>;

/** One handler per job definition; the type makes a missing handler a compile error. */
export const HANDLERS: { [N in JobName]: JobHandler<N> } = {
  "mail.send": sendMailHandler,
  "listening.schedule": scheduleListeningHandler,
  "listening.poll-source": pollSourceHandler,
  ...REVERSAL_HANDLERS,
  ...SHARING_HANDLERS,
  ...CHECKIN_HANDLERS,
  "customers.schedule-sentiment-rollup": scheduleSentimentRollupHandler,
  "customers.sentiment-rollup": sentimentRollupHandler,
};
