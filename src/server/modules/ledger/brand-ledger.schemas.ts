import { z } from "zod";
import { ZCampaignId } from "../campaigns/campaign.schemas";
import { ZCustomerId } from "../customers/customer.schemas";
import { ZPointRuleId } from "../rules/point-rule.schemas";
import { LEDGER_SOURCES, ZLedgerEntryId } from "./ledger.schemas";

// A filter form submits every field, empty ones as "": an empty field means "any".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const ZDay = z.iso.date("a day as YYYY-MM-DD");

/** The filters every brand ledger list shares: the screen's form, its export and the liability views. */
export const ZBrandLedgerFilter = z
  .object({
    kind: optional(z.enum(LEDGER_SOURCES)),
    customerId: optional(ZCustomerId),
    ruleId: optional(ZPointRuleId),
    campaignId: optional(ZCampaignId),
    /** First day included (UTC). */
    from: optional(ZDay),
    /** Last day included (UTC). */
    to: optional(ZDay),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "the first day must not be after the last", path: ["to"] });
export type BrandLedgerFilter = z.infer<typeof ZBrandLedgerFilter>;

export const ZBrandLedgerQuery = z.intersection(
  ZBrandLedgerFilter,
  z.object({
    /** Keyset cursor: the last entry id of the previous page (ids are time-ordered). */
    after: optional(ZLedgerEntryId),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
);
export type BrandLedgerQuery = z.input<typeof ZBrandLedgerQuery>;

export const LEDGER_REPORTS = ["entries", "daily", "campaigns", "rules"] as const;
export type LedgerReport = (typeof LEDGER_REPORTS)[number];

export const ZLedgerExportQuery = z.intersection(ZBrandLedgerFilter, z.object({ report: z.enum(LEDGER_REPORTS).default("entries") }));
export type LedgerExportQuery = z.input<typeof ZLedgerExportQuery>;

export interface BrandLedgerRow {
  id: string;
  createdAt: string;
  amount: number;
  source: (typeof LEDGER_SOURCES)[number];
  summary: string;
  customer: { id: string; name: string };
  rule: { id: string; name: string } | null;
  campaign: { id: string; name: string } | null;
  mention: { id: string; handle: string; text: string; url: string | null } | null;
  reversesId: string | null;
}

export interface BrandLedgerPage {
  items: BrandLedgerRow[];
  /** Cursor of the next page; null on the last page. */
  nextAfter: string | null;
}

/**
 * One UTC day of the liability: the four movements as positive numbers, "other" for negative
 * adjustments and merges, and what customers hold at the end of the day.
 */
export interface LiabilityDay {
  day: string;
  earned: number;
  redeemed: number;
  expired: number;
  reversed: number;
  other: number;
  net: number;
  outstanding: number;
}

export interface LiabilityReport {
  /** Outstanding points before the first day shown. */
  opening: number;
  days: LiabilityDay[];
  totals: Omit<LiabilityDay, "day" | "outstanding"> & { outstanding: number };
}

export interface LiabilityByRef {
  id: string | null;
  name: string;
  entries: number;
  customers: number;
  earned: number;
  reversed: number;
  net: number;
}
