import { z } from "zod";

export const ZMailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  /** Lets a retried job be recognised: the outbox keeps one row per key. */
  dedupeKey: z.string().min(1).max(200),
  /**
   * Credentials inside `text` (an invitation or reset link, a token). Mail is sent with them,
   * but nothing kept after delivery (the mail log, job payloads) may contain them.
   */
  secrets: z.array(z.string().min(8)).max(10).default([]),
});

export type MailMessage = z.input<typeof ZMailMessage>;
