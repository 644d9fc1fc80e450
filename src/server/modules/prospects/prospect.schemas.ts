import { z } from "zod";

export const PROSPECT_PAGE_SIZE = 25;

const ZNetwork = z.enum(["TWITTER", "FOURSQUARE"]);

export const ZProspectListQuery = z.object({
  network: z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), ZNetwork).optional(),
  minFollowers: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ProspectListQuery = z.infer<typeof ZProspectListQuery>;

/** Names one prospect: the author's account on a network. */
export const ZProspectRef = z.object({
  network: ZNetwork,
  authorExternalId: z.string().trim().min(1).max(100),
});

export const ZInviteProspect = ZProspectRef.extend({
  text: z.string().trim().min(1, "the invitation is empty").max(1_000, "at most 1,000 characters"),
  /** Post it as the brand's reply under the prospect's latest mention (X, with the brand's account connected). */
  postAsReply: z.boolean().default(false),
}).refine((input) => !input.postAsReply || [...input.text].length <= 280, { path: ["text"], message: "a reply fits 280 characters" });
export type InviteProspectInput = z.input<typeof ZInviteProspect>;

export interface ProspectMentionDto {
  id: string;
  text: string;
  url: string | null;
  postedAt: Date;
  sentimentLabel: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
  followers: number;
}

export interface ProspectRow {
  network: "TWITTER" | "FOURSQUARE";
  authorExternalId: string;
  handle: string;
  /** The largest follower count seen on the author's prospect mentions. */
  reach: number;
  positiveMentions: number;
  mentions: number;
  /** reach × positive mentions: the list's order. */
  score: number;
  lastPostedAt: Date;
  lastInvitedAt: Date | null;
  recentMentions: ProspectMentionDto[];
}
