import { z } from "zod";

export const MENTION_STATUSES = ["NEW", "CREDITED", "PROSPECT", "IGNORED", "DISQUALIFIED", "DELETED"] as const;

export const ZMentionId = z.string().regex(/^men_[0-9a-f]{32}$/, "not a mention id");

export const ZMentionListQuery = z.strictObject({
  status: z.enum(MENTION_STATUSES).optional(),
  customerId: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MentionListQuery = z.input<typeof ZMentionListQuery>;

export const ZDisqualifyMention = z.strictObject({
  reason: z.string().trim().min(3, "say why in at least 3 characters").max(500, "at most 500 characters"),
});
export type DisqualifyMentionInput = z.input<typeof ZDisqualifyMention>;

/**
 * A mention as the inbox shows it. `text`, `author.handle` and `url` are the network's
 * untrusted content, carried as plain strings: screens render them as text (never as HTML),
 * and `url` is only ever an http(s) URL or null.
 */
export const ZMentionDto = z.object({
  id: z.string(),
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  externalId: z.string(),
  status: z.enum(MENTION_STATUSES),
  customerId: z.string().nullable(),
  author: z.object({ externalId: z.string(), handle: z.string(), followers: z.number().int() }),
  text: z.string(),
  url: z.string().nullable(),
  lang: z.string().nullable(),
  postedAt: z.iso.datetime(),
  collectedAt: z.iso.datetime(),
  deletedUpstreamAt: z.iso.datetime().nullable(),
  matchedKeywords: z.array(z.string()),
  sentiment: z.object({ score: z.number(), label: z.enum(["PROMOTER", "PASSIVE", "DETRACTOR"]) }).nullable(),
  isRetweet: z.boolean(),
  isReply: z.boolean(),
  /** Points paid for this mention (earning entries), taken back (reversals, ≤ 0), and the net. */
  points: z.object({ paid: z.number().int(), reversed: z.number().int(), net: z.number().int() }),
});
export type MentionDto = z.infer<typeof ZMentionDto>;

export const ZMentionPage = z.object({
  items: z.array(ZMentionDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MentionPage = z.infer<typeof ZMentionPage>;

export const ZMentionEntryReversalDto = z.object({
  entryId: z.string(),
  customerId: z.string(),
  originalAmount: z.number().int(),
  reversalEntryId: z.string().nullable(),
  takenBack: z.number().int(),
  clamped: z.boolean(),
});

export const ZDisqualifyResult = z.object({
  mention: ZMentionDto,
  reversals: z.array(ZMentionEntryReversalDto),
  pointsTakenBack: z.number().int(),
});
export type DisqualifyResult = z.infer<typeof ZDisqualifyResult>;
