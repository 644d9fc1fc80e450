import { z } from "zod";

/** Merge `customerId` (goes away) into `survivorId` (keeps everything). */
export const ZMergeCustomers = z.strictObject({
  customerId: z.string().trim().min(1, "choose the customer to merge").max(64),
  survivorId: z.string().trim().min(1, "choose the customer to keep").max(64),
});
export type MergeCustomersInput = z.input<typeof ZMergeCustomers>;

/** POST …/customers/{id}/merge: the customer of the path goes into `survivorId`. */
export const ZApiMergeCustomer = z.strictObject({ survivorId: ZMergeCustomers.shape.survivorId });

/** The merge screen's search for the surviving customer, and the chosen one. */
export const ZMergeScreenQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : undefined)),
  into: z.string().trim().max(64).optional(),
});

export interface MergeSide {
  id: string;
  displayName: string;
  primaryEmail: string | null;
  balance: number;
}

/** What a merge would move, counted now; the screen shows it before the member confirms. */
export interface MergePreviewDto {
  merged: MergeSide;
  survivor: MergeSide;
  moves: {
    emails: number;
    linkedAccounts: number;
    mentions: number;
    consents: number;
    feedback: number;
    redemptions: number;
    /** Of the redemptions, those not fulfilled or cancelled yet: they move with their spend's refund rights. */
    pendingRedemptions: number;
    sharePosts: number;
  };
  /** Profile fields the survivor lacks and will take from the merged customer. */
  fillsFields: string[];
  /** Balances once merged: the survivor holds both, the merged record 0. */
  after: { survivorBalance: number; mergedBalance: 0 };
}

export const ZMergeResultDto = z.object({
  survivorId: z.string(),
  /** The merged customer's balance, moved to the survivor by a MERGE pair of ledger entries. */
  movedPoints: z.number().int(),
  survivorBalance: z.number().int(),
});
export type MergeResultDto = z.infer<typeof ZMergeResultDto>;
