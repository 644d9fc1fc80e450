import { z } from "zod";
import { LIFECYCLE_STAGES } from "../customers/customer.schemas";
import { NPS_CLASSES, type NpsClassName } from "../feedback/feedback.schemas";
import { ZTierId } from "../tiers/tier.schemas";

export const SENTIMENT_LABELS = ["PROMOTER", "PASSIVE", "DETRACTOR"] as const;
/** A segment's sentiment choices: the labels, and UNLABELLED (no recent mention), as the customers list filters. */
export const SEGMENT_SENTIMENTS = [...SENTIMENT_LABELS, "UNLABELLED"] as const;
export type LifecycleStageName = (typeof LIFECYCLE_STAGES)[number];
export type SentimentLabelName = (typeof SENTIMENT_LABELS)[number];
export type SegmentSentimentName = (typeof SEGMENT_SENTIMENTS)[number];

/** Postgres INTEGER: balances, lifetime points and follower counts all fit in it. */
const MAX_INT = 2_147_483_647;

/** A list of enum values, each at most once, stored in the enum's own order (so equal filters compare equal). */
function ZEnumSet<const T extends readonly [string, ...string[]]>(values: T, message: string, what: string) {
  return z
    .array(z.enum(values, { message }), { message: `choose ${what}` })
    .refine((list) => new Set(list).size === list.length, `a ${what.replace(/s$/, "")} is listed twice`)
    .transform((list) => values.filter((v) => list.includes(v)) as T[number][]);
}

const ZLifecycleStages = ZEnumSet(LIFECYCLE_STAGES, "choose prospect, customer, loyal or advocate", "lifecycle stages");
const ZSentimentLabels = ZEnumSet(SEGMENT_SENTIMENTS, "choose promoter, passive, detractor or no recent mentions", "sentiment labels");
const ZNpsClasses = ZEnumSet(NPS_CLASSES, "choose promoter, passive or detractor", "feedback classes");

const ZMinimum = (unit: string) =>
  z
    .number({ message: `enter a whole number of ${unit}, or leave empty` })
    .int("enter a whole number")
    .min(0, "0 or more")
    .max(MAX_INT, `at most ${MAX_INT.toLocaleString("en")}`)
    .nullable();

/** The fields of a filter; each is one condition, and a customer must meet all of them. */
const FILTER_FIELDS = {
  /** Any of these stages; empty: any stage. */
  lifecycleStages: ZLifecycleStages,
  /** Any of these labels (rolled up from recent mentions; UNLABELLED: none); empty: any, unlabelled included. */
  sentimentLabels: ZSentimentLabels,
  /** Name, email, phone or external id contains this (the customers list's search, customers/customer-search.ts). */
  search: z
    .string({ message: "enter text to search for, or leave empty" })
    .trim()
    .max(200, "at most 200 characters")
    .nullable()
    .transform((v) => (v ? v : null)),
  /** Any of these NPS classes (the customer's latest feedback answer, Customer.npsClass); empty: any, never answered included. */
  npsClasses: ZNpsClasses,
  /** The most followers on any of the customer's linked, non-revoked social profiles. */
  minFollowers: ZMinimum("followers"),
  /** Current points balance (PointBalance.balance). */
  minPoints: ZMinimum("points"),
  /** Points earned over all time (PointBalance.lifetimeEarned). */
  minLifetimeEarned: ZMinimum("points"),
  /** The customer's tier now (tiers/: points earned in the brand's period); a tier of another brand matches no one. */
  tierId: z.union([z.literal("").transform(() => null), z.null(), ZTierId], { message: "choose a tier" }),
};

/** A type alias, not an interface: it is stored as JSON, which needs an implicit index signature. */
export type SegmentFilter = {
  lifecycleStages: LifecycleStageName[];
  sentimentLabels: SegmentSentimentName[];
  search: string | null;
  npsClasses: NpsClassName[];
  minFollowers: number | null;
  minPoints: number | null;
  minLifetimeEarned: number | null;
  tierId: string | null;
};

export function hasAnyCondition(f: SegmentFilter): boolean {
  return (
    f.lifecycleStages.length > 0 ||
    f.sentimentLabels.length > 0 ||
    f.search !== null ||
    f.npsClasses.length > 0 ||
    f.minFollowers !== null ||
    f.minPoints !== null ||
    f.minLifetimeEarned !== null ||
    f.tierId !== null
  );
}

export const NO_CONDITION_MESSAGE = "choose at least one condition (a campaign for everyone needs no segment)";

/**
 * A segment's filter, as stored in Segment.filter and sent by the API. Unknown keys are refused;
 * absent conditions default to "no condition"; a filter must hold at least one condition.
 */
export const ZSegmentFilter = z
  .strictObject({
    lifecycleStages: FILTER_FIELDS.lifecycleStages.default([]),
    sentimentLabels: FILTER_FIELDS.sentimentLabels.default([]),
    search: FILTER_FIELDS.search.default(null),
    npsClasses: FILTER_FIELDS.npsClasses.default([]),
    minFollowers: FILTER_FIELDS.minFollowers.default(null),
    minPoints: FILTER_FIELDS.minPoints.default(null),
    minLifetimeEarned: FILTER_FIELDS.minLifetimeEarned.default(null),
    tierId: FILTER_FIELDS.tierId.default(null),
  })
  .refine(hasAnyCondition, { message: NO_CONDITION_MESSAGE });
export type SegmentFilterInput = z.input<typeof ZSegmentFilter>;
// Compile-time check that the schema's output is the filter type.
const _parsedIsFilter: (f: z.output<typeof ZSegmentFilter>) => SegmentFilter = (f) => f;

const ZName = z.string({ message: "name is required" }).trim().min(1, "name is required").max(100, "at most 100 characters");

export const ZSegmentCreate = z.strictObject({ name: ZName, filter: ZSegmentFilter });
export type SegmentCreateInput = z.input<typeof ZSegmentCreate>;

/** The filter, when given, replaces the stored one as a whole. */
export const ZSegmentUpdate = z
  .strictObject({ name: ZName, filter: ZSegmentFilter })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type SegmentUpdateInput = z.input<typeof ZSegmentUpdate>;

/**
 * The same segment as flat form fields (a refused form gets one message per input). `id` is
 * present when editing.
 */
export const ZSegmentForm = z
  .strictObject({
    id: z.string().optional(),
    name: ZName,
    lifecycleStages: FILTER_FIELDS.lifecycleStages,
    sentimentLabels: FILTER_FIELDS.sentimentLabels,
    search: FILTER_FIELDS.search.default(null),
    npsClasses: FILTER_FIELDS.npsClasses.default([]),
    minFollowers: FILTER_FIELDS.minFollowers,
    minPoints: FILTER_FIELDS.minPoints,
    minLifetimeEarned: FILTER_FIELDS.minLifetimeEarned,
    tierId: FILTER_FIELDS.tierId.default(null),
  })
  .refine(hasAnyCondition, { message: NO_CONDITION_MESSAGE })
  .transform(({ id, name, ...filter }) => ({ id, input: { name, filter } }));

export const ZSegmentId = z.string().regex(/^seg_[0-9a-f]{32}$/, "not a segment id");

export const ZSegmentMembersQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SegmentMembersQuery = z.input<typeof ZSegmentMembersQuery>;

export const ZSegmentFilterDto = z.object({
  lifecycleStages: z.array(z.enum(LIFECYCLE_STAGES)),
  sentimentLabels: z.array(z.enum(SEGMENT_SENTIMENTS)),
  search: z.string().nullable(),
  npsClasses: z.array(z.enum(NPS_CLASSES)),
  minFollowers: z.number().int().nullable(),
  minPoints: z.number().int().nullable(),
  minLifetimeEarned: z.number().int().nullable(),
  tierId: z.string().nullable(),
});
export type SegmentFilterDto = z.infer<typeof ZSegmentFilterDto>;

export const ZSegmentDto = z.object({
  id: z.string(),
  name: z.string(),
  filter: ZSegmentFilterDto,
  /** The name of the filter's tier; null without a tier condition (or if the tier is gone). */
  tierName: z.string().nullable(),
  /** Campaigns that give this segment's members their multiplier. */
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SegmentDto = z.infer<typeof ZSegmentDto>;

export const ZSegmentListItem = ZSegmentDto.extend({
  /** Live customers in the segment when the list was read. */
  memberCount: z.number().int(),
});
export type SegmentListItem = z.infer<typeof ZSegmentListItem>;

export const ZSegmentList = z.object({ items: z.array(ZSegmentListItem) });
export type SegmentList = z.infer<typeof ZSegmentList>;

export const ZSegmentMemberDto = z.object({
  id: z.string(),
  displayName: z.string(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  sentimentLabel: z.enum(SENTIMENT_LABELS).nullable(),
  /** The most followers on one linked, non-revoked profile (0 without one). */
  followers: z.number().int(),
  points: z.number().int(),
  lifetimeEarned: z.number().int(),
});
export type SegmentMemberDto = z.infer<typeof ZSegmentMemberDto>;

export const ZSegmentMembersPage = z.object({
  items: z.array(ZSegmentMemberDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SegmentMembersPage = z.infer<typeof ZSegmentMembersPage>;
