import { z } from "zod";

export const CAMPAIGN_NETWORKS = ["TWITTER", "FOURSQUARE"] as const;
export const CAMPAIGN_STATUSES = ["scheduled", "running", "ended"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign is running while startsAt <= now < endsAt (the end is exclusive). */
export function campaignStatus(window: { startsAt: Date; endsAt: Date }, now: Date): CampaignStatus {
  if (now.getTime() < window.startsAt.getTime()) return "scheduled";
  if (now.getTime() < window.endsAt.getTime()) return "running";
  return "ended";
}

const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;

/** A Date, or an ISO 8601 date-time with an offset ("2026-06-01T09:00:00Z", "…+02:00"). */
const ZInstant = (label: string) =>
  z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))], {
    message: `enter the ${label} date and time`,
  });

const ZName = z.string().trim().min(1, "name is required").max(100, "at most 100 characters");
const ZDescription = z
  .string()
  .trim()
  .max(1_000, "at most 1,000 characters")
  .transform((v) => (v === "" ? null : v))
  .nullable();
/** null: the campaign boosts every network. */
const ZCampaignNetwork = z.enum(CAMPAIGN_NETWORKS, { message: "choose a network, or all networks" }).nullable();
const ZMultiplier = z
  .number({ message: "enter a number" })
  .min(1, "at least 1 (1 means no boost)")
  .max(10, "at most 10")
  .refine(hasAtMostTwoDecimals, "at most 2 decimals");
export const ZSegmentId = z.string().regex(/^seg_[0-9a-f]{32}$/, "not a segment id");

/** No defaults here: a partial update must not fill absent fields in (zod 4 applies defaults inside .partial()). */
const CAMPAIGN_FIELDS = {
  name: ZName,
  description: ZDescription,
  network: ZCampaignNetwork,
  startsAt: ZInstant("start"),
  endsAt: ZInstant("end"),
  multiplier: ZMultiplier,
  segmentId: ZSegmentId.nullable(),
};

const ZCampaignFields = z.strictObject({
  ...CAMPAIGN_FIELDS,
  description: CAMPAIGN_FIELDS.description.default(null),
  network: CAMPAIGN_FIELDS.network.default(null),
  segmentId: CAMPAIGN_FIELDS.segmentId.default(null),
});

const windowInOrder = (v: { startsAt: Date; endsAt: Date }) => v.startsAt.getTime() < v.endsAt.getTime();
const WINDOW_MESSAGE = { message: "the end must be after the start", path: ["endsAt"] };

export const ZCampaignCreate = ZCampaignFields.refine(windowInOrder, WINDOW_MESSAGE);
export type CampaignCreateInput = z.input<typeof ZCampaignCreate>;

export const ZCampaignUpdate = z
  .strictObject(CAMPAIGN_FIELDS)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type CampaignUpdateInput = z.input<typeof ZCampaignUpdate>;

export const ZCampaignListQuery = z.strictObject({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CampaignListQuery = z.input<typeof ZCampaignListQuery>;

export const ZCampaignId = z.string().regex(/^cmp_[0-9a-f]{32}$/, "not a campaign id");

export const ZCampaignDto = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  network: z.enum(CAMPAIGN_NETWORKS).nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  multiplier: z.number(),
  segment: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** At the time of reading. */
  status: z.enum(CAMPAIGN_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CampaignDto = z.infer<typeof ZCampaignDto>;

export const ZCampaignPage = z.object({
  items: z.array(ZCampaignDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CampaignPage = z.infer<typeof ZCampaignPage>;

export interface SegmentOption {
  id: string;
  name: string;
}
