import { z } from "zod";
import { ZBalanceDto } from "../ledger/ledger.schemas";
import { ZTierStatusDto } from "../tiers/tier.schemas";
import { ZLinkedAccountDto } from "./customer-360.schemas";
import { ZCustomerDto } from "./customer.schemas";

export const CUSTOMER_EXPANSIONS = ["balance", "tier", "profiles"] as const;
export type CustomerExpansion = (typeof CUSTOMER_EXPANSIONS)[number];

/** `?expand=balance,tier,profiles`: what to embed beside the customer, in one call. */
export const ZCustomerGetQuery = z.strictObject({
  expand: z
    .string()
    .max(100, "at most 100 characters")
    .optional()
    .transform((v) => [...new Set((v ?? "").split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(z.enum(CUSTOMER_EXPANSIONS, { error: `expand takes a comma-separated list of: ${CUSTOMER_EXPANSIONS.join(", ")}` }))),
});

export const ZExpandedCustomerDto = ZCustomerDto.extend({
  /** With expand=balance (needs ledger:read). */
  balance: ZBalanceDto.optional(),
  /** With expand=tier. */
  tier: ZTierStatusDto.optional(),
  /** With expand=profiles: the linked social profiles, never a token. */
  profiles: z.array(ZLinkedAccountDto).optional(),
});
export type ExpandedCustomerDto = z.infer<typeof ZExpandedCustomerDto>;
