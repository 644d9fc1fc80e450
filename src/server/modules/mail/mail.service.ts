import { unsafeCrossTenantDb } from "../../db/client";
import { getLogger } from "../../logger";
import { enqueue } from "../../jobs/queues";
import type { MailMessage } from "./mail.schemas";

/** Asks the worker to send an email; the job retries with backoff if delivery fails. */
export async function queueMail(message: MailMessage): Promise<void> {
  await enqueue("mail.send", { ...message, secrets: message.secrets ?? [] }, { jobId: `mail:${message.dedupeKey}` });
}

/**
 * Delivers an email. There is no SMTP relay in development or CI, so delivery writes to the
 * outbox table (shown at /dev/outbox) and the log: an invite never goes nowhere. A real
 * transport slots in here. The outbox is platform data, not a tenant's.
 */
export async function deliverMail(message: MailMessage): Promise<void> {
  await unsafeCrossTenantDb().mailMessage.createMany({
    data: [{ dedupeKey: message.dedupeKey, toEmail: message.to, subject: message.subject, text: message.text }],
    skipDuplicates: true,
  });
  getLogger().info({ to: message.to, subject: message.subject }, "mail delivered to the development outbox");
}

export async function listOutbox(limit = 50) {
  return unsafeCrossTenantDb().mailMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
