import { z } from "zod";

const ZMailHeaders = z.strictObject({
  "List-Unsubscribe": z.string().regex(/^<https?:\/\/[^\s<>]+>$/),
  "List-Unsubscribe-Post": z.literal("List-Unsubscribe=One-Click"),
});

export const ZMailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  /** The same message as HTML, from the same template (templates/): sent as multipart/alternative. */
  html: z.string().min(1).max(100_000),
  /** Extra headers, only the list-unsubscribe pair (RFC 2369 / RFC 8058) of notification mail. */
  headers: ZMailHeaders.optional(),
  /** Lets a retried job be recognised: the outbox keeps one row per key. */
  dedupeKey: z.string().min(1).max(200),
  /**
   * Credentials inside `text` (an invitation or reset link, a token). Mail is sent with them,
   * but nothing kept after delivery (the mail log, job payloads) may contain them.
   */
  // 4: a pool reward code may be short; cutting a short secret everywhere it occurs is lossless on delivery.
  secrets: z.array(z.string().min(4)).max(10).default([]),
});

export type MailMessage = z.input<typeof ZMailMessage>;

/** A piece of the body: plain text, or the place where secret number `secret` goes. */
const ZMailBodyPart = z.union([z.string(), z.object({ secret: z.number().int().min(0).max(9) })]);

/**
 * The `mail.send` job as it sits in Redis: the body cut at every secret, and the secrets sealed
 * with the secret box (src/server/crypto/secret-box.ts), so neither a waiting nor a failed job
 * holds a usable link. Only the worker, holding ENCRYPTION_KEY, puts the body back together.
 */
export const ZMailJob = z
  .object({
    to: z.email(),
    subject: z.string().min(1).max(200),
    dedupeKey: z.string().min(1).max(200),
    body: z.array(ZMailBodyPart).min(1).max(21),
    htmlBody: z.array(ZMailBodyPart).min(1).max(21),
    headers: ZMailHeaders.optional(),
    sealedSecrets: z.array(z.string().min(1)).max(10),
  })
  .refine((job) => [...job.body, ...job.htmlBody].every((part) => typeof part === "string" || part.secret < job.sealedSecrets.length), {
    message: "a body part names a secret that is not in the job",
    path: ["body"],
  });

export type MailJob = z.infer<typeof ZMailJob>;
export type MailBodyPart = z.infer<typeof ZMailBodyPart>;
