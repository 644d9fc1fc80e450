import { unsafeCrossTenantDb } from "../../db/client";
import { getEnv } from "../../env";
import { getLogger } from "../../logger";
import { enqueue } from "../../jobs/queues";
import { openMailHtml, openMailText, redactedMailHtml, redactedMailText, sealMail } from "./mail-secrets";
import { mailTransport } from "./mail-transport";
import type { MailJob, MailMessage } from "./mail.schemas";

/**
 * Asks the worker to send an email; the job retries with backoff if delivery fails. The job
 * carries `secrets` sealed (see mail-secrets.ts), so Redis never holds them in clear.
 */
export async function queueMail(message: MailMessage): Promise<void> {
  await enqueue("mail.send", sealMail(message), { jobId: `mail:${message.dedupeKey}` });
}

/**
 * Delivers an email over SMTP (SMTP_URL) and records it in MailMessage, the delivery log, which
 * keeps one row per dedupe key so a retried job does not send twice. The log stores the body
 * with every secret replaced by "[link removed after delivery]" — except when MAIL_OUTBOX_PAGE is
 * on (development only; env.ts refuses it in production): then the row is the developer's
 * mailbox, shown at /dev/outbox, and keeps the whole text. Neither the body nor a secret is ever
 * logged. The log is platform data, not a tenant's.
 */
export async function deliverMail(job: MailJob): Promise<void> {
  const db = unsafeCrossTenantDb();
  const log = getLogger();
  if (await db.mailMessage.findUnique({ where: { dedupeKey: job.dedupeKey }, select: { id: true } })) {
    log.info({ dedupeKey: job.dedupeKey }, "mail already delivered");
    return;
  }
  const env = getEnv();
  const text = openMailText(job);
  const html = openMailHtml(job);
  const transport = mailTransport();
  // Sent before it is recorded: a crash in between sends it again on retry rather than never.
  // Text and HTML make nodemailer send multipart/alternative; both came from one template.
  if (transport)
    await transport.sendMail({ from: env.MAIL_FROM, to: job.to, subject: job.subject, text, html, ...(job.headers ? { headers: job.headers } : {}) });
  const keepAll = env.MAIL_OUTBOX_PAGE;
  await db.mailMessage.createMany({
    data: [
      {
        dedupeKey: job.dedupeKey,
        toEmail: job.to,
        subject: job.subject,
        text: keepAll ? text : redactedMailText(job),
        html: keepAll ? html : redactedMailHtml(job),
      },
    ],
    skipDuplicates: true,
  });
  const about = { to: job.to, subject: job.subject, dedupeKey: job.dedupeKey };
  if (transport) log.info({ ...about, via: "smtp" }, "mail delivered");
  else if (env.MAIL_OUTBOX_PAGE) log.info({ ...about, via: "outbox" }, "mail delivered to the development outbox");
  else log.warn(about, "mail not sent: SMTP_URL is not set (recorded in the delivery log without its links)");
}

/** The newest rows of the delivery log (the development outbox when MAIL_OUTBOX_PAGE is on). */
export async function listOutbox(limit = 50) {
  return unsafeCrossTenantDb().mailMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
