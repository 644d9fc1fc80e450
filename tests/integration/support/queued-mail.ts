import { getQueue } from "../../../src/server/jobs/queues";
import { openMailSecrets, openMailText } from "../../../src/server/modules/mail/mail-secrets";
import type { MailJob } from "../../../src/server/modules/mail/mail.schemas";

/** A queued mail as it will be sent: its sealed secrets opened, as only the worker does. */
export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  /** The credentials in `text`, opened. */
  secrets: string[];
  /** What the job payload holds in clear: the body with its secrets cut out. */
  clearBody: string;
}

/** Mail jobs still in Redis (a sent job is removed at once; these tests run no worker). */
export async function queuedMails(filter: (mail: QueuedMail) => boolean = () => true): Promise<QueuedMail[]> {
  const jobs = await getQueue("mail").getJobs(["waiting", "delayed", "prioritized", "active", "completed", "failed"]);
  return jobs
    .filter(Boolean)
    .map((job) => {
      const data = job.data as MailJob;
      return {
        to: data.to,
        subject: data.subject,
        text: openMailText(data),
        secrets: openMailSecrets(data),
        clearBody: data.body.filter((part): part is string => typeof part === "string").join(""),
      };
    })
    .filter(filter);
}
