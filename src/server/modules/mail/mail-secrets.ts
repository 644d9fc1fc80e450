import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { AppError } from "../../errors";
import { escapeHtml } from "./templates/html";
import { ZMailMessage, type MailBodyPart, type MailJob, type MailMessage } from "./mail.schemas";

/** What the delivery log shows where a secret was. */
export const REDACTED_SECRET = "[link removed after delivery]";

/**
 * Binds each sealed secret to its message and place, so a ciphertext moved to another job (or
 * another slot of the same job) does not open.
 */
function secretAad(dedupeKey: string, index: number): string {
  return `platform|mail.send|${encodeURIComponent(dedupeKey)}|secret:${index}`;
}

/** Cuts `text` at every occurrence of every secret (earliest first, the longer one on a tie). */
export function splitAtSecrets(text: string, secrets: readonly string[]): MailBodyPart[] {
  const parts: MailBodyPart[] = [];
  let from = 0;
  for (;;) {
    let best: { at: number; index: number } | undefined;
    secrets.forEach((secret, index) => {
      const at = text.indexOf(secret, from);
      if (at < 0) return;
      if (!best || at < best.at || (at === best.at && secret.length > secrets[best.index]!.length)) best = { at, index };
    });
    if (!best) break;
    if (best.at > from) parts.push(text.slice(from, best.at));
    parts.push({ secret: best.index });
    from = best.at + secrets[best.index]!.length;
  }
  if (from < text.length || parts.length === 0) parts.push(text.slice(from));
  return parts;
}

/** The job payload for a message: no secret in clear, neither in the body nor beside it. */
export function sealMail(message: MailMessage): MailJob {
  const parsed = ZMailMessage.parse(message);
  // Header values are one line; a CR/LF from a hostile brand name must not start a new header.
  const subject = parsed.subject.replace(/[\r\n\t]+/g, " ");
  const headers = Object.values(parsed.headers ?? {}).join("\n");
  if (parsed.secrets.some((secret) => subject.includes(secret) || parsed.to.includes(secret) || headers.includes(secret))) {
    throw new AppError("INTERNAL", "a mail secret may only appear in the body");
  }
  return {
    to: parsed.to,
    subject,
    dedupeKey: parsed.dedupeKey,
    body: splitAtSecrets(parsed.text, parsed.secrets),
    // The HTML body holds each secret escaped (in an href and in the text), so it is cut there.
    htmlBody: splitAtSecrets(parsed.html, parsed.secrets.map(escapeHtml)),
    ...(parsed.headers ? { headers: parsed.headers } : {}),
    sealedSecrets: parsed.secrets.map((secret, index) => encryptSecret(secret, secretAad(parsed.dedupeKey, index))),
  };
}

/** The job's secrets in clear, in sealing order (the worker only). */
export function openMailSecrets(job: MailJob): string[] {
  return job.sealedSecrets.map((sealed, index) => decryptSecret(sealed, secretAad(job.dedupeKey, index)));
}

/** The text body as sent: every secret back in place (the worker only). */
export function openMailText(job: MailJob): string {
  const secrets = openMailSecrets(job);
  return job.body.map((part) => (typeof part === "string" ? part : secrets[part.secret]!)).join("");
}

/** The HTML body as sent: every secret back in place, escaped as it was cut out (the worker only). */
export function openMailHtml(job: MailJob): string {
  const secrets = openMailSecrets(job);
  return job.htmlBody.map((part) => (typeof part === "string" ? part : escapeHtml(secrets[part.secret]!))).join("");
}

/** The text body as the delivery log keeps it: every secret replaced by REDACTED_SECRET. */
export function redactedMailText(job: MailJob): string {
  return job.body.map((part) => (typeof part === "string" ? part : REDACTED_SECRET)).join("");
}

/** The HTML body as the delivery log keeps it (a link's href too becomes the placeholder: it leads nowhere). */
export function redactedMailHtml(job: MailJob): string {
  return job.htmlBody.map((part) => (typeof part === "string" ? part : escapeHtml(REDACTED_SECRET))).join("");
}
