import { z } from "zod";

export const NPS_CLASSES = ["PROMOTER", "PASSIVE", "DETRACTOR"] as const;
export type NpsClassName = (typeof NPS_CLASSES)[number];

export const FEEDBACK_COMMENT_MAX = 1_000;
export const ZLocationId = z.string().regex(/^loc_[0-9a-f]{32}$/, "choose one of the brand's locations");
export const ZFeedbackId = z.string().regex(/^fbk_[0-9a-f]{32}$/, "not a feedback answer");

/** A form's "" (nothing chosen / typed) is null. */
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const ZFeedbackAnswer = z.strictObject({
  // Not z.coerce: Number("") is 0, and an unanswered question must not read as a 0.
  score: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v),
    z
      .number({ message: "choose a score from 0 to 10" })
      .int("choose a score from 0 to 10")
      .min(0, "choose a score from 0 to 10")
      .max(10, "choose a score from 0 to 10"),
  ),
  comment: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.preprocess(
      blankToNull,
      z
        .string()
        .max(FEEDBACK_COMMENT_MAX, `at most ${FEEDBACK_COMMENT_MAX.toLocaleString("en")} characters`)
        .nullable(),
    ),
  ),
  locationId: z.preprocess(blankToNull, ZLocationId.nullable()),
});
export type FeedbackAnswerInput = z.input<typeof ZFeedbackAnswer>;

/** Only http(s) links may be posted: anything written as `scheme:` + `//`, or `javascript:`-like schemes, must be http(s). */
const FOREIGN_SCHEME = /\b(?!https?:)[a-z][a-z0-9+.-]*:\/\/|\b(?:javascript|data|vbscript):/i;

export const ZFeedbackShare = z.strictObject({
  responseId: ZFeedbackId,
  text: z
    .string({ message: "write the post" })
    .trim()
    .min(1, "write the post")
    .refine((t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t), "the post holds characters that cannot be posted")
    .refine((t) => !FOREIGN_SCHEME.test(t), "links must start with http:// or https://"),
});

export const FEEDBACK_VIEWS = ["detractors", "all"] as const;
export const ZFeedbackInboxQuery = z.strictObject({
  view: z.enum(FEEDBACK_VIEWS).catch("detractors"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type FeedbackInboxQuery = { view?: string; page?: string | number };

export const ZMarkFeedbackHandled = z.strictObject({ id: ZFeedbackId });

export interface FeedbackInboxItem {
  id: string;
  score: number;
  npsClass: NpsClassName;
  comment: string | null;
  location: string | null;
  status: "OPEN" | "HANDLED";
  createdAt: string;
  handledAt: string | null;
  customer: {
    id: string;
    displayName: string;
    erased: boolean;
    balance: number;
    lifetimeEarned: number;
    /** Mentions captured in the last 30 days (DELETED ones left out). */
    recentMentions: number;
    /** Their earlier answers, newest first (at most 5). */
    previousAnswers: { score: number; npsClass: NpsClassName; createdAt: string }[];
  };
}

export interface FeedbackInboxPage {
  items: FeedbackInboxItem[];
  total: number;
  page: number;
  pageSize: number;
  openDetractors: number;
}
