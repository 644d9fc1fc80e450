import { z } from "zod";

export const ZMailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  /** Lets a retried job be recognised: the outbox keeps one row per key. */
  dedupeKey: z.string().min(1).max(200),
});

export type MailMessage = z.infer<typeof ZMailMessage>;
