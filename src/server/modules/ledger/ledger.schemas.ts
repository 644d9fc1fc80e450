import { z } from "zod";
import type { AwardExplanation } from "./ledger.types";

export const LEDGER_SOURCES = ["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT", "REDEMPTION", "ADJUSTMENT", "REVERSAL", "EXPIRY", "MERGE"] as const;

/** Mirrors AwardExplanation (ledger.types.ts): stored explanations are parsed, never trusted. */
export const ZAwardExplanation = z.object({
  rule: z.object({ id: z.string(), name: z.string(), network: z.string(), action: z.string(), basePoints: z.number() }).optional(),
  followers: z.number().optional(),
  influence: z.object({ curve: z.string(), factor: z.number(), max: z.number(), multiplier: z.number() }).optional(),
  sentiment: z.object({ score: z.number(), label: z.string(), minimum: z.number().nullable() }).optional(),
  campaign: z.object({ id: z.string(), name: z.string(), multiplier: z.number() }).nullable().optional(),
  capsApplied: z.array(z.string()).optional(),
  formula: z.string(),
  note: z.string().optional(),
  reversal: z.object({ reason: z.string(), originalAmount: z.number(), clampedTo: z.number().optional() }).optional(),
  merge: z.object({ direction: z.enum(["out", "in"]), mergedId: z.string(), survivorId: z.string(), pairEntryId: z.string().optional() }).optional(),
});
// Compile-time check that the schema and the shared contract describe the same thing.
const _explanationMatchesContract: (e: z.infer<typeof ZAwardExplanation>) => AwardExplanation = (e) => e;

export const ZLedgerEntryId = z.string().regex(/^led_[0-9a-f]{32}$/, "not a ledger entry id");

/** Ledger amounts are Postgres integers; an idempotency key is short and printable. */
export const ZIdempotencyKey = z.string().trim().min(1, "idempotency key is required").max(200);

export const ZAdjustPoints = z.strictObject({
  customerId: z.string().min(1),
  amount: z
    .number()
    .int("must be a whole number of points")
    .refine((n) => n !== 0, "must not be zero")
    .refine((n) => Math.abs(n) <= 1_000_000, "at most 1,000,000 points at a time"),
  reason: z.string().trim().min(3, "say why, in at least 3 characters").max(500),
  idempotencyKey: ZIdempotencyKey,
});
export type AdjustPointsInput = z.input<typeof ZAdjustPoints>;

/**
 * A manual adjustment over the API: the customer is the path's; the idempotency key is the body's
 * `idempotencyKey` or the `Idempotency-Key` header (one of them is required), so a retried call
 * pays once.
 */
export const ZApiAdjustPoints = ZAdjustPoints.omit({ customerId: true }).extend({ idempotencyKey: ZIdempotencyKey.optional() });
export type ApiAdjustPointsInput = z.input<typeof ZApiAdjustPoints>;

export const ZAdjustmentResultDto = z.object({
  entry: z.object({ id: z.string(), customerId: z.string(), amount: z.number().int(), idempotencyKey: z.string() }),
  /** The customer's balance after the adjustment. */
  balance: z.number().int(),
  /** True when this key had already been applied: nothing changed. */
  replayed: z.boolean(),
});

export const ZLedgerPageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type LedgerPageQuery = z.input<typeof ZLedgerPageQuery>;

export const ZLedgerEntryDto = z.object({
  id: z.string(),
  customerId: z.string(),
  amount: z.number().int(),
  source: z.enum(LEDGER_SOURCES),
  ruleId: z.string().nullable(),
  mentionId: z.string().nullable(),
  redemptionId: z.string().nullable(),
  campaignId: z.string().nullable(),
  /** The entry this one reverses, if it is a reversal. */
  reversesId: z.string().nullable(),
  /** The reversal that undid this entry, if any. */
  reversedById: z.string().nullable(),
  actorUserId: z.string().nullable(),
  explanation: ZAwardExplanation,
  /** One line a person can read: "+35 points for a mention on twitter (rule “Brand”): 10 × 3.5 = 35". */
  summary: z.string(),
  createdAt: z.iso.datetime(),
});
export type LedgerEntryDto = z.infer<typeof ZLedgerEntryDto>;

export const ZLedgerPage = z.object({
  items: z.array(ZLedgerEntryDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LedgerPage = z.infer<typeof ZLedgerPage>;

export const ZBalanceDto = z.object({
  customerId: z.string(),
  balance: z.number().int(),
  lifetimeEarned: z.number().int(),
});
export type BalanceDto = z.infer<typeof ZBalanceDto>;
