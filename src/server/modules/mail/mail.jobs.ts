import { defineJob } from "../../jobs/define-job";
import { ZMailJob } from "./mail.schemas";

/**
 * Sending one email. Platform: mail goes to staff of no tenant too (password resets) and carries
 * credentials, so no tenant's queue screen lists it. Secrets travel sealed (mail-secrets.ts); a
 * sent mail's job is dropped at once, the MailMessage row is its record. A failed one is kept for
 * inspection like every failed job: it holds ciphertext only. Its own queue: a flood of polls
 * never delays a redemption email.
 */
export const sendMailJob = defineJob({
  name: "mail.send",
  scope: "platform",
  queue: "mail",
  payload: ZMailJob,
  handler: async () => (await import("./mail.service")).deliverMail,
  retry: { attempts: 5, backoffMs: 1_000 },
  retain: "none",
});

export const MAIL_JOBS = [sendMailJob] as const;
