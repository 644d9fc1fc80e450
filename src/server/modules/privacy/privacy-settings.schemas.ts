import { z } from "zod";

/** An https address or nothing: it becomes a link in the portal, so no other scheme gets through. */
export const ZPrivacyPolicyUpdate = z.strictObject({
  privacyPolicyUrl: z
    .string()
    .trim()
    .max(500, "at most 500 characters")
    .transform((v) => (v === "" ? null : v))
    .refine((v) => v === null || /^https:\/\/[^\s/?#]+\.[^\s]+$/i.test(v), "enter a full https:// address, or leave it empty")
    .refine((v) => v === null || URL.canParse(v), "not a valid address")
    .refine((v) => v === null || !new URL(v).username, "the address must not hold a user name or password"),
});
export type PrivacyPolicyUpdateInput = z.input<typeof ZPrivacyPolicyUpdate>;

export interface PrivacySettingsDto {
  /** What a customer accepts on joining, as the portal shows it, and its version as recorded. */
  terms: { version: string; lines: string[] };
  privacyPolicyUrl: string | null;
  /** Customers (not erased, not merged) whose acceptance of the program terms stands, per version. */
  acceptances: { version: string; customers: number }[];
  /** Customers who let the brand post for them on at least one linked account. */
  postingAllowedCustomers: number;
  last30Days: { erasures: number; exportsByStaffOrApi: number };
}
