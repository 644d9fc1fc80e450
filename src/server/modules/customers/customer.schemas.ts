import { z } from "zod";

export const LIFECYCLE_STAGES = ["PROSPECT", "CUSTOMER", "LOYAL", "ADVOCATE"] as const;
/** Rolled up from each customer's recent mentions (customer-sentiment.ts). */
export const CUSTOMER_SENTIMENTS = ["PROMOTER", "PASSIVE", "DETRACTOR"] as const;

const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be a valid email address" }).max(254));

const ZEmails = z
  .array(ZEmail)
  .min(1, "at least one email is required")
  .max(10, "at most 10 emails per customer")
  .refine((list) => new Set(list).size === list.length, "the same email is listed twice");

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()\-.]{5,25}$/, "must be a phone number (digits, spaces, + ( ) - .)")
  .or(z.literal("").transform(() => null))
  .nullable()
  .optional();

export const ZCustomerCreate = z.strictObject({
  displayName: z.string().trim().min(1, "name is required").max(200),
  emails: ZEmails,
  phone: ZPhone,
  externalId: ZOptionalText(100),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).default("CUSTOMER"),
  notes: ZOptionalText(5_000),
});
export type CustomerCreateInput = z.input<typeof ZCustomerCreate>;

export const ZCustomerUpdate = z
  .strictObject({
    displayName: z.string().trim().min(1, "name is required").max(200),
    emails: ZEmails,
    phone: ZPhone,
    externalId: ZOptionalText(100),
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    notes: ZOptionalText(5_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type CustomerUpdateInput = z.input<typeof ZCustomerUpdate>;

/** The columns the customers list sorts by (server-side). */
export const CUSTOMER_SORTS = ["name", "email", "stage", "sentiment", "nps", "points", "tier", "activity", "added"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** An empty field is no minimum; Postgres INTEGER bounds the rest. */
const ZListMinimum = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce.number({ message: "a whole number" }).int("a whole number").min(0, "0 or more").max(2_147_483_647).optional(),
);

export const ZCustomerListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : undefined)),
  stage: z.enum(LIFECYCLE_STAGES).optional(),
  /** A sentiment label, or "UNLABELLED" for customers without a recent mention. */
  sentiment: z.enum([...CUSTOMER_SENTIMENTS, "UNLABELLED"]).optional(),
  /** Customers who linked their first social account on these days (UTC, both included), as the overview counts new linked customers. */
  linkedFrom: z.iso.date().optional(),
  linkedTo: z.iso.date().optional(),
  /** At least this many followers on their most followed linked account (as segments count them). */
  minFollowers: ZListMinimum,
  /** At least this many points in their balance. */
  minPoints: ZListMinimum,
  /** Any column of the list; the default is "added", newest first. */
  sort: z.enum(CUSTOMER_SORTS).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CustomerListQuery = z.input<typeof ZCustomerListQuery>;

export const ZCustomerId = z.string().regex(/^cus_[0-9a-f]{32}$/, "not a customer id");

export const ZCustomerDto = z.object({
  id: z.string(),
  displayName: z.string(),
  emails: z.array(z.object({ email: z.string(), isPrimary: z.boolean() })),
  phone: z.string().nullable(),
  externalId: z.string().nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  /** From the customer's mentions of the last 90 days; null without one. */
  sentimentLabel: z.enum(CUSTOMER_SENTIMENTS).nullable(),
  /** Their mean sentiment, -1..1. */
  sentimentScore: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomerDto = z.infer<typeof ZCustomerDto>;

export const ZCustomerPage = z.object({
  items: z.array(ZCustomerDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Send it as `cursor` (with the same sort and dir) for the page after this one; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type CustomerPage = z.infer<typeof ZCustomerPage>;
