import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../../env";

const cache = globalThis as unknown as { megaphoneMailTransport?: { url: string; transport: Transporter } };

/**
 * The SMTP transport for SMTP_URL (smtp:// upgrades with STARTTLS when the relay offers it,
 * smtps:// is TLS from the start), or undefined when no relay is configured. Timeouts are short
 * so a dead relay fails the job (which retries with backoff) instead of holding a worker slot.
 */
export function mailTransport(): Transporter | undefined {
  const url = getEnv().SMTP_URL;
  if (!url) return undefined;
  if (cache.megaphoneMailTransport?.url !== url) {
    cache.megaphoneMailTransport?.transport.close();
    const transport = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // nodemailer's own logger would print message bodies at debug level; it stays off.
      logger: false,
      debug: false,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    cache.megaphoneMailTransport = { url, transport };
  }
  return cache.megaphoneMailTransport.transport;
}
