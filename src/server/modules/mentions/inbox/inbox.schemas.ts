import { z } from "zod";
import { ZIdempotencyKey } from "../../ledger/ledger.schemas";
import { MENTION_STATUSES, ZMentionDto, ZMentionId } from "../moderation/mention.schemas";

/** What the inbox calls a mention's status: the triage step, or DISQUALIFIED by the pipeline's flow. */
export const INBOX_STATUSES = ["new", "in_progress", "done", "disqualified"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const TRIAGE_STEPS = ["NEW", "IN_PROGRESS", "DONE"] as const;
export type TriageStep = (typeof TRIAGE_STEPS)[number];
/** The triage step an inbox status names (the URL and forms say "in_progress", the table IN_PROGRESS). */
export const TRIAGE_STEP_OF = { new: "NEW", in_progress: "IN_PROGRESS", done: "DONE" } as const satisfies Record<string, TriageStep>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const prefixedId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `not a ${prefix} id`);
/** A blank search param (an empty <select> option) means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** A tag: trimmed, lower-case, 1–40 letters, digits, spaces, "-" or "_" in any script. */
export const ZMentionTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "write a tag")
  .max(40, "at most 40 characters")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, "letters, digits, spaces, - and _ only");

/**
 * The inbox's filters, exactly as they stand in the page's URL search params (every value is a
 * string there). Unknown params are dropped, not refused: a URL is something people edit.
 */
export const ZInboxFilters = z.object({
  q: optional(z.string().trim().max(200)),
  network: optional(z.enum(["TWITTER", "FOURSQUARE"])),
  source: optional(prefixedId("src")),
  /** A label, or UNLABELLED for mentions without one (the overview's sentiment mix links here). */
  sentiment: optional(z.enum(["PROMOTER", "PASSIVE", "DETRACTOR", "UNLABELLED"])),
  author: optional(z.enum(["customer", "prospect"])),
  /** Mentions whose attributed customer is in this segment of the brand now (segment-membership.ts decides who is). */
  segment: optional(prefixedId("seg")),
  location: optional(prefixedId("loc")),
  campaign: optional(prefixedId("cmp")),
  status: optional(z.enum(INBOX_STATUSES)),
  question: optional(z.literal("1")),
  tag: optional(ZMentionTag),
  from: optional(day),
  to: optional(day),
});
export type InboxFilters = z.infer<typeof ZInboxFilters>;
export const INBOX_FILTER_KEYS = Object.keys(ZInboxFilters.shape) as (keyof InboxFilters)[];

/** The keyset cursor: the last row's (postedAt, id), opaque to the browser. */
export const ZInboxCursor = z
  .string()
  .max(200)
  .transform((raw, issue) => {
    const [postedAt, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
    const at = new Date(postedAt ?? "");
    if (!id || !ZMentionId.safeParse(id).success || Number.isNaN(at.getTime())) {
      issue.addIssue({ code: "custom", message: "not an inbox cursor" });
      return z.NEVER;
    }
    return { postedAt: at, id };
  });

export function encodeInboxCursor(postedAt: string, id: string): string {
  return Buffer.from(`${postedAt}|${id}`, "utf8").toString("base64url");
}

export const ZInboxQuery = z.object({
  filters: ZInboxFilters,
  after: ZInboxCursor.optional(),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type InboxQueryInput = z.input<typeof ZInboxQuery>;

/** One inbox row: the mention (hostile text, rendered as text only) and its triage state. */
export const ZInboxItem = ZMentionDto.extend({
  triage: z.enum(TRIAGE_STEPS),
  inboxStatus: z.enum([...INBOX_STATUSES, "deleted"]),
  isQuestion: z.boolean(),
  /** When staff overrode the model's sentiment, and what the model said; null when they did not. */
  sentimentOverride: z.object({ at: z.iso.datetime(), modelLabel: z.enum(["PROMOTER", "PASSIVE", "DETRACTOR"]).nullable() }).nullable(),
  customer: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  location: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  notes: z.array(z.object({ id: z.string(), body: z.string(), author: z.string().nullable(), createdAt: z.iso.datetime() })),
  tags: z.array(z.string()),
});
export type InboxItem = z.infer<typeof ZInboxItem>;

export interface InboxPage {
  items: InboxItem[];
  /** The cursor of the next (older) page, or null at the end. */
  nextCursor: string | null;
}

export { MENTION_STATUSES };

const ZMentionIds = z.array(ZMentionId).min(1, "select at least one mention").max(100, "at most 100 mentions at a time");

export const ZSetTriage = z.strictObject({
  mentionIds: ZMentionIds,
  status: z.enum(["new", "in_progress", "done"]),
});
export type SetTriageInput = z.input<typeof ZSetTriage>;

export const ZDisqualifyMentions = z.strictObject({
  mentionIds: ZMentionIds,
  reason: z.string().trim().min(3, "say why in at least 3 characters").max(500, "at most 500 characters"),
});
export type DisqualifyMentionsInput = z.input<typeof ZDisqualifyMentions>;

export const ZAssignMention = z.strictObject({
  mentionId: ZMentionId,
  /** A membership id of this brand, or null to unassign. */
  assigneeId: prefixedId("mem").nullable(),
});
export type AssignMentionInput = z.input<typeof ZAssignMention>;

export const ZAddMentionNote = z.strictObject({
  mentionId: ZMentionId,
  body: z.string().trim().min(1, "write a note").max(2_000, "at most 2,000 characters"),
});
export type AddMentionNoteInput = z.input<typeof ZAddMentionNote>;

export const ZAwardMentionBonus = z.strictObject({
  mentionId: ZMentionId,
  amount: z.number().int("a whole number of points").min(1, "at least 1 point").max(100_000, "at most 100,000 points"),
  reason: z.string().trim().min(3, "say why, in at least 3 characters").max(500),
  /** Generated when the form opens: a double submit awards once. */
  idempotencyKey: ZIdempotencyKey,
});
export type AwardMentionBonusInput = z.input<typeof ZAwardMentionBonus>;

/** The triage form, for one row or a selection: a step, or "disqualified" with its reason. */
export const ZTriageForm = z.strictObject({
  mentionIds: ZMentionIds,
  status: z.enum(INBOX_STATUSES, "choose a status"),
  reason: z.string().trim().max(500, "at most 500 characters").optional(),
});
export type TriageFormInput = z.input<typeof ZTriageForm>;

export const ZOverrideSentiment = z.strictObject({
  mentionId: ZMentionId,
  sentiment: z.enum(["PROMOTER", "PASSIVE", "DETRACTOR"], "choose positive, neutral or negative"),
});
export type OverrideSentimentInput = z.input<typeof ZOverrideSentiment>;

/** A triage step for every mention the filters match ("all matching"), not only a selection. */
export const ZTriageMatching = z.strictObject({
  filters: ZInboxFilters,
  status: z.enum(["new", "in_progress", "done"], "choose new, in progress or done (disqualify a selection instead)"),
});
export type TriageMatchingInput = z.input<typeof ZTriageMatching>;

export const ZInboxViewId = prefixedId("ivw");

export const ZSaveInboxView = z.strictObject({
  name: z.string().trim().min(1, "name the view").max(60, "at most 60 characters"),
  filters: ZInboxFilters,
});
export type SaveInboxViewInput = z.input<typeof ZSaveInboxView>;

export const ZDeleteInboxView = z.strictObject({ viewId: ZInboxViewId });

/** `GET …/inbox/arrivals`: the list's filters, and when the page was drawn. */
export const ZInboxArrivalsQuery = ZInboxFilters.extend({
  since: z.iso.datetime({ error: "since: an ISO date-time, when the inbox page was drawn" }),
});
export type InboxArrivalsQuery = z.input<typeof ZInboxArrivalsQuery>;

export const ZTagMention = z.strictObject({ mentionId: ZMentionId, tag: ZMentionTag });
export type TagMentionInput = z.input<typeof ZTagMention>;

/** Bulk tagging puts a tag on, or takes it off, every mention of a selection or of "all matching". */
export const TAG_OPERATIONS = ["add", "remove"] as const;
const ZTagOperation = z.enum(TAG_OPERATIONS, "add or remove the tag");

export const ZTagMentions = z.strictObject({ mentionIds: ZMentionIds, tag: ZMentionTag, op: ZTagOperation });
export type TagMentionsInput = z.input<typeof ZTagMentions>;

/**
 * "All matching" tags (or untags) at most this many mentions per run, newest first. A mention
 * done no longer qualifies (it has the tag, or no longer has it), so the next run goes on where
 * this one stopped; the answer says whether more are left. The cap keeps one run's transaction,
 * and its one audit entry per mention, small.
 */
export const TAG_MATCHING_BATCH = 1_000;

export const ZTagMatching = z.strictObject({ filters: ZInboxFilters, tag: ZMentionTag, op: ZTagOperation });
export type TagMatchingInput = z.input<typeof ZTagMatching>;
