import { z } from "zod";

/** X counts a post's length in characters; 280 is the limit a reply must fit. */
export const REPLY_MAX_CHARACTERS = 280;

export const ZReplyToMention = z.strictObject({
  mentionId: z.string().trim().min(1).max(64),
  text: z
    .string({ error: "write the reply" })
    .trim()
    .min(1, "write the reply")
    .refine((text) => [...text].length <= REPLY_MAX_CHARACTERS, `at most ${REPLY_MAX_CHARACTERS} characters`),
  /** Drawn when the form is drawn: a form sent twice posts one reply. */
  requestKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "the form is stale: reload the page"),
});
export type ReplyToMentionInput = z.input<typeof ZReplyToMention>;

export interface MentionReplyDto {
  id: string;
  mentionId: string;
  text: string;
  asHandle: string;
  status: "SENDING" | "SENT" | "FAILED";
  error: string | null;
  url: string | null;
  author: string | null;
  createdAt: string;
}
