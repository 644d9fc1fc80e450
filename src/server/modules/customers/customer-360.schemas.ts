import { z } from "zod";
import type { ConnectionStatus, FeedbackStatus, LedgerSource, MentionStatus, Network, NpsClass, RedemptionStatus, SyncStatus } from "../../db/generated/enums";
import type { TierStatusDto } from "../tiers/tier.schemas";
import type { CustomerDto } from "./customer.schemas";

export const CUSTOMER_360_LEDGER_PAGE_SIZE = 25;
/** Each list on the page shows the newest entries up to this many (the ledger pages instead). */
export const CUSTOMER_360_LIST_LIMIT = 20;

export const ZCustomer360Query = z.strictObject({
  ledgerPage: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type Customer360Query = z.input<typeof ZCustomer360Query>;

/** Staff unlink an account on the customer's behalf. */
export const ZUnlinkCustomerAccount = z.strictObject({
  customerId: z.string().trim().min(1).max(64),
  profileId: z.string().trim().min(1).max(64),
});
export type UnlinkCustomerAccountInput = z.input<typeof ZUnlinkCustomerAccount>;

// Complete lists: the mapping in customer-accounts.ts does not compile when the database enum gains a value.
const NETWORKS = ["TWITTER", "FOURSQUARE"] as const satisfies readonly Network[];
const PROFILE_STATUSES = ["ACTIVE", "NEEDS_RECONNECT", "REVOKED", "DISABLED"] as const satisfies readonly ConnectionStatus[];
const SYNC_STATUSES = ["IDLE", "RUNNING", "OK", "THROTTLED", "ERROR", "NEEDS_RECONNECT", "DISABLED"] as const satisfies readonly SyncStatus[];

/** A customer's linked social profile, as the customer 360 and GET …/customers/{id}/profiles show it: never a token. */
export const ZLinkedAccountDto = z.object({
  id: z.string(),
  network: z.enum(NETWORKS),
  networkLabel: z.string(),
  handle: z.string(),
  displayName: z.string().nullable(),
  followersCount: z.number().int(),
  linkedAt: z.iso.datetime().nullable(),
  /** ACTIVE, or NEEDS_RECONNECT when the network refused the stored grant. */
  status: z.enum(PROFILE_STATUSES),
  /** When the profile (followers, name) was last refreshed from the network. */
  refreshedAt: z.iso.datetime().nullable(),
  /** Check-in polling state, on networks that have check-ins (Foursquare); null elsewhere. */
  checkins: z
    .object({
      status: z.enum(SYNC_STATUSES),
      lastRunAt: z.iso.datetime().nullable(),
      nextRunAt: z.iso.datetime().nullable(),
      throttleCount: z.number().int(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  /** The latest consent for this account lets the brand post on the customer's behalf. */
  autoSharing: z.boolean(),
});
export type LinkedAccountDto = z.infer<typeof ZLinkedAccountDto>;

export interface PointsSummaryDto {
  balance: number;
  /** Spent on rewards not handed over yet (given back if the redemption is cancelled). */
  pending: number;
  lifetimeEarned: number;
}

export interface StaffLedgerLine {
  id: string;
  amount: number;
  source: LedgerSource;
  /** describeEntry's words, from what the entry stored when it was posted. */
  summary: string;
  createdAt: string;
  /** The mention that paid it: its id, the first words of the post and its address (http(s) only). */
  mention: { id: string; excerpt: string; url: string | null } | null;
  reversesId: string | null;
  reversedById: string | null;
}

export interface MentionLine {
  id: string;
  network: Network;
  handle: string;
  text: string;
  url: string | null;
  postedAt: string;
  status: MentionStatus;
  sentimentLabel: string | null;
  /** Net points the mention paid (awards less reversals). */
  points: number;
}

export interface RedemptionLine {
  id: string;
  rewardName: string;
  cost: number;
  status: RedemptionStatus;
  createdAt: string;
}

export interface ConsentLine {
  id: string;
  /** The account it is about ("@handle on X"), or null for a programme consent. */
  account: string | null;
  allowPosting: boolean;
  scopes: string[];
  policyVersion: string;
  grantedAt: string;
  revokedAt: string | null;
}

export interface FeedbackLine {
  id: string;
  score: number;
  npsClass: NpsClass;
  comment: string | null;
  location: string | null;
  status: FeedbackStatus;
  createdAt: string;
}

export interface AuditLine {
  id: string;
  action: string;
  /** Who: a member's name or email, "the customer", "the system", "an API key", "a former member". */
  actor: string;
  createdAt: string;
  /** A few plain facts from the entry (reason, amount, network), already as text. */
  details: string | null;
}

export interface Customer360 {
  customer: CustomerDto;
  npsClass: NpsClass | null;
  accounts: LinkedAccountDto[];
  points: PointsSummaryDto;
  tier: TierStatusDto;
  ledger: { lines: StaffLedgerLine[]; total: number; page: number; pageSize: number };
  mentions: { lines: MentionLine[]; total: number };
  redemptions: RedemptionLine[];
  consents: ConsentLine[];
  feedback: FeedbackLine[];
  audit: AuditLine[];
}
